import { createRequire } from 'node:module';

/**
 * The AWS SDK's DynamoDB packages, loaded with `require()`. They are CommonJS (in
 * node_modules, and in the Lambda runtime the functions take them from); an ES module that
 * `import`s a CommonJS package makes Node scan its source for export names first, which
 * costs the functions' cold start more CPU than loading the SDK itself. Call sites use the
 * namespaces (`documents.GetCommand`), so a function's bundle still names every command it
 * sends (the template tests read its table actions from that). The S3 packages load on first
 * use (few requests touch documents), the same way.
 */
const load = createRequire(import.meta.url);

export const dynamodb = load('@aws-sdk/client-dynamodb') as typeof import('@aws-sdk/client-dynamodb');
export const documents = load('@aws-sdk/lib-dynamodb') as typeof import('@aws-sdk/lib-dynamodb');

/** The S3 client and the presigners (upload form, download link), loaded by the first document call. */
export const s3Packages = () =>
  [
    load('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3'),
    load('@aws-sdk/s3-presigned-post') as typeof import('@aws-sdk/s3-presigned-post'),
    load('@aws-sdk/s3-request-presigner') as typeof import('@aws-sdk/s3-request-presigner'),
  ] as const;
