import type { S3Client } from '@aws-sdk/client-s3';
import { DOCUMENT_CONTENT_TYPES, type DocumentMeta, DocumentMetaSchema } from '#domain/documents.ts';
import type { DirectUpload, DocumentReader, DocumentStorage } from './documents.ts';
import { s3Packages } from './sdk.ts';

/** How long a presigned upload form stays valid, and a presigned download link. */
export const UPLOAD_FORM_SECONDS = 600;
export const DOWNLOAD_LINK_SECONDS = 60;

/** The form field carrying the file's name (URI-encoded by the page's script: S3 metadata is ASCII). */
export const UPLOAD_NAME_FIELD = 'x-amz-meta-filename';

type Sdk = [
  typeof import('@aws-sdk/client-s3'),
  typeof import('@aws-sdk/s3-presigned-post'),
  typeof import('@aws-sdk/s3-request-presigner'),
  S3Client,
];

type S3 = S3Client | ((sdk: typeof import('@aws-sdk/client-s3')) => S3Client);

/** The bucket, its keys, and its client and presigners, loaded by the first call. */
function s3Access(s3: S3, bucket: string) {
  let loaded: Promise<Sdk> | undefined;
  const sdk = () =>
    (loaded ??= Promise.resolve()
      .then(s3Packages)
      .then(([client, post, get]) => [client, post, get, typeof s3 === 'function' ? s3(client) : s3] as Sdk));
  const send = async <C>(make: (client: typeof import('@aws-sdk/client-s3')) => C) => {
    const [client, , , s3Client] = await sdk();
    // biome-ignore lint/suspicious/noExplicitAny: each command's own output type is read by its caller
    return s3Client.send(make(client) as any) as Promise<any>;
  };
  const key = (leadId: string, id: string) => `leads/${leadId}/${id}`;
  const uploadKey = (leadId: string, id: string) => `uploads/${leadId}/${id}`;
  const errorName = (error: unknown) => (error as { name?: string }).name;
  const getBytes = async (k: string) => {
    try {
      const res = await send((c) => new c.GetObjectCommand({ Bucket: bucket, Key: k }));
      return res.Body ? new Uint8Array(await res.Body.transformToByteArray()) : undefined;
    } catch (error) {
      if (errorName(error) === 'NoSuchKey') return undefined;
      throw error;
    }
  };
  return { bucket, sdk, send, key, uploadKey, errorName, getBytes };
}

/** Listing, reading and download links: only GetObject and ListBucket. */
function s3Reader(access: ReturnType<typeof s3Access>): DocumentReader {
  const { bucket, sdk, send, key, getBytes } = access;
  return {
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
    async downloadUrl(meta) {
      const [client, , presigner, s3Client] = await sdk();
      return presigner.getSignedUrl(
        s3Client,
        new client.GetObjectCommand({
          Bucket: bucket,
          Key: key(meta.leadId, meta.id),
          ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(meta.name)}`,
          ResponseContentType: DOCUMENT_CONTENT_TYPES[meta.kind],
        }),
        { expiresIn: DOWNLOAD_LINK_SECONDS },
      );
    },
  };
}

/**
 * Documents in an S3 bucket (public access blocked, encrypted, TLS only; see
 * infra/constructs/documents.ts). Keys:
 * - `uploads/<lead>/<id>`: what a browser uploaded with a presigned POST (≤ 20 MB, key fixed by
 *   the server); not a document yet, and expired by the bucket's lifecycle after a day;
 * - `leads/<lead>/<id>` and `leads/<lead>/<id>.json`: a document's bytes and its description,
 *   written only once the upload's first bytes passed the type check (exactly the object that
 *   was checked is copied, by its ETag).
 * Downloads are presigned GETs valid for a minute, handed out by the app after its access check.
 *
 * The S3 client and the presigners load on the first call, not with the module: few requests
 * touch documents, and the pages function's cold start would otherwise load the SDK packages.
 */
export function s3DocumentStorage(s3: S3, bucket: string): DocumentStorage {
  const access = s3Access(s3, bucket);
  const { sdk, send, key, uploadKey, errorName } = access;
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
  const removeUpload = (leadId: string, id: string) =>
    send((c) => new c.DeleteObjectCommand({ Bucket: bucket, Key: uploadKey(leadId, id) }));
  return {
    ...s3Reader(access),
    async save(meta, bytes) {
      await send(
        (c) =>
          new c.PutObjectCommand({
            Bucket: bucket,
            Key: key(meta.leadId, meta.id),
            Body: bytes,
            ContentType: DOCUMENT_CONTENT_TYPES[meta.kind],
          }),
      );
      await putMeta(meta);
    },
    async update(meta) {
      await putMeta(meta);
    },
    async remove(leadId, id) {
      await send((c) => new c.DeleteObjectCommand({ Bucket: bucket, Key: key(leadId, id) }));
      await send((c) => new c.DeleteObjectCommand({ Bucket: bucket, Key: `${key(leadId, id)}.json` }));
    },
    async presignUpload(leadId, id, maxBytes, redirectTo) {
      const [, post, , s3Client] = await sdk();
      const form = await post.createPresignedPost(s3Client, {
        Bucket: bucket,
        Key: uploadKey(leadId, id),
        Conditions: [
          ['content-length-range', 1, maxBytes],
          ['eq', '$success_action_redirect', redirectTo],
          ['starts-with', `$${UPLOAD_NAME_FIELD}`, ''],
        ],
        Fields: { success_action_redirect: redirectTo, [UPLOAD_NAME_FIELD]: '' },
        Expires: UPLOAD_FORM_SECONDS,
      });
      return { ...form, nameField: UPLOAD_NAME_FIELD };
    },
    async readUpload(leadId, id, headBytes): Promise<DirectUpload | undefined> {
      let res: {
        Body?: { transformToByteArray(): Promise<Uint8Array> };
        ContentRange?: string;
        ContentLength?: number;
        ETag?: string;
        Metadata?: Record<string, string>;
      };
      try {
        // Only the first bytes: enough to tell the type, and the full size from Content-Range.
        res = await send(
          (c) =>
            new c.GetObjectCommand({
              Bucket: bucket,
              Key: uploadKey(leadId, id),
              Range: `bytes=0-${headBytes - 1}`,
            }),
        );
      } catch (error) {
        if (errorName(error) === 'NoSuchKey') return undefined;
        if (errorName(error) === 'InvalidRange') return { head: new Uint8Array(), size: 0, etag: '' };
        throw error;
      }
      const head = res.Body ? new Uint8Array(await res.Body.transformToByteArray()) : new Uint8Array();
      const total = /\/(\d+)$/.exec(res.ContentRange ?? '')?.[1];
      const rawName = res.Metadata?.filename;
      let name: string | undefined;
      try {
        name = rawName ? decodeURIComponent(rawName) : undefined;
      } catch {
        name = undefined;
      }
      return {
        head,
        size: total ? Number(total) : (res.ContentLength ?? head.length),
        etag: res.ETag ?? '',
        ...(name ? { name } : {}),
      };
    },
    async acceptUpload(meta, etag) {
      try {
        await send(
          (c) =>
            new c.CopyObjectCommand({
              Bucket: bucket,
              Key: key(meta.leadId, meta.id),
              CopySource: `${bucket}/${uploadKey(meta.leadId, meta.id)}`,
              CopySourceIfMatch: etag,
              ContentType: DOCUMENT_CONTENT_TYPES[meta.kind],
              MetadataDirective: 'REPLACE',
            }),
        );
      } catch (error) {
        if (errorName(error) === 'PreconditionFailed' || errorName(error) === 'NoSuchKey') return false;
        throw error;
      }
      await putMeta(meta);
      await removeUpload(meta.leadId, meta.id);
      return true;
    },
    async discardUpload(leadId, id) {
      await removeUpload(leadId, id);
    },
  };
}

/** The bucket's storage with its own client, made on first use (for the Lambda entry, which may not import the SDK). */
export function s3DocumentStorageFor(region: string, bucket: string): DocumentStorage {
  return s3DocumentStorage((sdk) => new sdk.S3Client({ region }), bucket);
}

/** Read access to the bucket only: listing, reading and download links, no code that writes. */
export function s3DocumentReader(s3: S3, bucket: string): DocumentReader {
  return s3Reader(s3Access(s3, bucket));
}

/** The bucket's reader with its own client, made on first use (the officers' pages function). */
export function s3DocumentReaderFor(region: string, bucket: string): DocumentReader {
  return s3DocumentReader((sdk) => new sdk.S3Client({ region }), bucket);
}
