import type { S3Client } from '@aws-sdk/client-s3';
import { type DocumentMeta, DocumentMetaSchema } from '#domain/documents.ts';
import type { DocumentStorage } from './documents.ts';
import { s3Packages } from './sdk.ts';

/**
 * Documents in an S3 bucket (public access blocked, encrypted, see infra/constructs/documents.ts):
 * `leads/<lead>/<id>` holds the bytes, `leads/<lead>/<id>.json` the description. Browsers
 * upload large files straight to the bucket with a presigned POST limited to 20 MB; the app
 * then checks the object's content before it becomes a document.
 *
 * The S3 client and the presigner load on the first call, not with the module: few requests
 * touch documents, and the pages function's cold start would otherwise load both SDK packages.
 */
export function s3DocumentStorage(
  s3: S3Client | ((sdk: typeof import('@aws-sdk/client-s3')) => S3Client),
  bucket: string,
): DocumentStorage {
  let loaded:
    | Promise<[typeof import('@aws-sdk/client-s3'), typeof import('@aws-sdk/s3-presigned-post'), S3Client]>
    | undefined;
  const sdk = () =>
    (loaded ??= Promise.resolve()
      .then(s3Packages)
      .then(
        ([client, presigner]) => [client, presigner, typeof s3 === 'function' ? s3(client) : s3] as const,
      ) as NonNullable<typeof loaded>);
  const send = async <C>(make: (client: typeof import('@aws-sdk/client-s3')) => C) => {
    const [client, , s3Client] = await sdk();
    // biome-ignore lint/suspicious/noExplicitAny: each command's own output type is read by its caller
    return s3Client.send(make(client) as any) as Promise<any>;
  };
  const key = (leadId: string, id: string) => `leads/${leadId}/${id}`;
  const getBytes = async (k: string) => {
    try {
      const res = await send((c) => new c.GetObjectCommand({ Bucket: bucket, Key: k }));
      return res.Body ? new Uint8Array(await res.Body.transformToByteArray()) : undefined;
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  };
  const putMeta = (meta: DocumentMeta) =>
    send(
      (c) =>
        new c.PutObjectCommand({
          Bucket: bucket,
          Key: `${key(meta.leadId, meta.id)}.json`,
          Body: JSON.stringify(meta),
          ContentType: 'application/json',
        }),
    );
  return {
    async save(meta, bytes) {
      await send(
        (c) => new c.PutObjectCommand({ Bucket: bucket, Key: key(meta.leadId, meta.id), Body: bytes }),
      );
      await putMeta(meta);
    },
    async update(meta) {
      await putMeta(meta);
    },
    async list(leadId) {
      const listed: { Contents?: { Key?: string }[] } = await send(
        (c) => new c.ListObjectsV2Command({ Bucket: bucket, Prefix: `leads/${leadId}/` }),
      );
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
      await send((c) => new c.DeleteObjectCommand({ Bucket: bucket, Key: key(leadId, id) }));
      await send((c) => new c.DeleteObjectCommand({ Bucket: bucket, Key: `${key(leadId, id)}.json` }));
    },
    async presignUpload(leadId, id, maxBytes, redirectTo) {
      const [, presigner, s3Client] = await sdk();
      return presigner.createPresignedPost(s3Client, {
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

/** The bucket's storage with its own client, made on first use (for the Lambda entry, which may not import the SDK). */
export function s3DocumentStorageFor(region: string, bucket: string): DocumentStorage {
  return s3DocumentStorage((sdk) => new sdk.S3Client({ region }), bucket);
}
