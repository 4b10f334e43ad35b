import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { type DocumentMeta, DocumentMetaSchema } from '#domain/documents.ts';
import type { DocumentStorage } from './documents.ts';

/**
 * Documents in an S3 bucket (public access blocked, encrypted, see infra/constructs/documents.ts):
 * `leads/<lead>/<id>` holds the bytes, `leads/<lead>/<id>.json` the description. Browsers
 * upload large files straight to the bucket with a presigned POST limited to 20 MB; the app
 * then checks the object's content before it becomes a document.
 */
export function s3DocumentStorage(s3: S3Client, bucket: string): DocumentStorage {
  const key = (leadId: string, id: string) => `leads/${leadId}/${id}`;
  const getBytes = async (k: string) => {
    try {
      const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: k }));
      return res.Body ? new Uint8Array(await res.Body.transformToByteArray()) : undefined;
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  };
  const putMeta = (meta: DocumentMeta) =>
    s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: `${key(meta.leadId, meta.id)}.json`,
        Body: JSON.stringify(meta),
        ContentType: 'application/json',
      }),
    );
  return {
    async save(meta, bytes) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key(meta.leadId, meta.id), Body: bytes }));
      await putMeta(meta);
    },
    async update(meta) {
      await putMeta(meta);
    },
    async list(leadId) {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `leads/${leadId}/` }));
      const metas: DocumentMeta[] = [];
      for (const object of listed.Contents ?? []) {
        if (!object.Key?.endsWith('.json')) continue;
        const bytes = await getBytes(object.Key);
        if (bytes) metas.push(DocumentMetaSchema.parse(JSON.parse(new TextDecoder().decode(bytes))));
      }
      return metas;
    },
    read: (leadId, id) => getBytes(key(leadId, id)),
    async remove(leadId, id) {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key(leadId, id) }));
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: `${key(leadId, id)}.json` }));
    },
    async presignUpload(leadId, id, maxBytes, redirectTo) {
      return createPresignedPost(s3, {
        Bucket: bucket,
        Key: key(leadId, id),
        Conditions: [
          ['content-length-range', 1, maxBytes],
          ['eq', '$success_action_redirect', redirectTo],
        ],
        Fields: { success_action_redirect: redirectTo },
        Expires: 600,
      });
    },
    readUpload: (leadId, id) => getBytes(key(leadId, id)),
  };
}

/** The bucket's storage with its own client (for the Lambda entry, which may not import the SDK). */
export function s3DocumentStorageFor(region: string, bucket: string): DocumentStorage {
  return s3DocumentStorage(new S3Client({ region }), bucket);
}
