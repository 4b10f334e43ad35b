import { type CfnElement, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/**
 * Where firms' documents on leads live: one private bucket. Public access is blocked, objects
 * are encrypted at rest and reached over TLS only; uploads that never finish are cleaned up,
 * documents move to infrequent access after 90 days and expire after the retention period.
 * Direct uploads wait under `uploads/` for their type check and expire after a day. Access logs
 * go to a second bucket of their own. Functions get exactly the object actions they call, on the
 * documents' and uploads' prefixes only. No CORS: browsers reach the bucket by navigating (a form
 * POST, a download link), never by script.
 */
export interface DocumentsProps {
  /** How long a document is kept. @default 3 years (a certificate's validity; leads are long done) */
  readonly retention?: Duration;
}

export class Documents extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: DocumentsProps = {}) {
    super(scope, id);
    const logs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(400) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'documents/',
      lifecycleRules: [
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // Direct uploads wait here for their check; one never checked (the browser never came back) goes.
        {
          prefix: `${UPLOADS_PREFIX}/`,
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
        },
        {
          prefix: `${DOCUMENTS_PREFIX}/`,
          transitions: [
            { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) },
          ],
          expiration: props.retention ?? Duration.days(3 * 365),
          noncurrentVersionExpiration: Duration.days(30),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Lets a function keep documents, and says where: get, put and delete objects under the
   * documents' and the uploads' prefixes (a presigned POST or GET is signed with the function's
   * own rights, so the browser can do only that), and list the documents' prefix. Nothing else:
   * no bucket-wide object access, no ACLs, no bucket configuration. With `readOnly`, get objects
   * under the documents' prefix and list it, nothing more (a function that only lends documents).
   */
  grantTo(fn: lambda.Function, options: { readOnly?: boolean } = {}) {
    fn.addEnvironment('DOCUMENTS_BUCKET', this.bucket.bucketName);
    fn.addToRolePolicy(
      new iam.PolicyStatement(
        options.readOnly
          ? { actions: ['s3:GetObject'], resources: [this.bucket.arnForObjects(`${DOCUMENTS_PREFIX}/*`)] }
          : {
              actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
              resources: [
                this.bucket.arnForObjects(`${DOCUMENTS_PREFIX}/*`),
                this.bucket.arnForObjects(`${UPLOADS_PREFIX}/*`),
              ],
            },
      ),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${DOCUMENTS_PREFIX}/*`] } },
      }),
    );
    Validations.of(fn.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>/${DOCUMENTS_PREFIX}/*]`,
      reason:
        'Documents are keyed leads/<lead id>/<document id>: the function serves every lead, so it needs the whole ' +
        'prefix; which lead a caller may reach is checked in the app before any key is built or signed.',
    });
    if (options.readOnly) return;
    Validations.of(fn.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnElement)}.Arn>/${UPLOADS_PREFIX}/*]`,
      reason:
        'Direct uploads are keyed uploads/<lead id>/<document id> (fixed by the presigned POST) and wait there for ' +
        'their type check; the function checks, copies and deletes any of them, only after its access check.',
    });
  }
}

/** Where documents live in the bucket, and where direct uploads wait for their check (shared/store/documents-s3.ts). */
export const DOCUMENTS_PREFIX = 'leads';
export const UPLOADS_PREFIX = 'uploads';
