import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { type DocumentMeta, MAX_DOCUMENT_BYTES, SNIFF_BYTES } from '#domain/documents.ts';
import { canWriteDocuments } from '#store/documents.ts';
import { s3DocumentReader, s3DocumentStorage, UPLOAD_NAME_FIELD } from '#store/documents-s3.ts';

/**
 * The S3 adapter, as far as it can be checked without a bucket: what the presigners produce
 * (computed offline from the client's credentials) and which requests the adapter builds. That
 * S3 honours a policy or an ETag condition is S3's part, not tested here; the suite's documents
 * run on the local-folder adapter behind the same port.
 */
const BUCKET = 'jingrong-documentsbucket-1a2b3c';
const client = () =>
  new S3Client({
    region: 'cn-north-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  });

const meta: DocumentMeta = {
  id: 'doc-00000001',
  leadId: 'req-1.bank-a',
  name: '2025 审计报告.pdf',
  kind: 'pdf',
  size: 1234,
  uploadedAt: '2026-11-23T02:00:00.000Z',
  uploadedBy: 'firm-user',
};

describe('presigned upload form', () => {
  it('fixes the key under uploads/, limits the size to 20 MB, pins the redirect and expires in 10 minutes', async () => {
    const storage = s3DocumentStorage(client(), BUCKET);
    const before = Date.now();
    const form = await storage.presignUpload!(
      meta.leadId,
      meta.id,
      MAX_DOCUMENT_BYTES,
      'https://app.example.cn/firm/leads/req-1.bank-a/documents/doc-00000001/uploaded',
    );
    expect(new URL(form.url).origin).toBe(`https://${BUCKET}.s3.cn-north-1.amazonaws.com.cn`);
    expect(form.fields.key).toBe('uploads/req-1.bank-a/doc-00000001');
    expect(form.nameField).toBe(UPLOAD_NAME_FIELD);
    expect(form.fields[UPLOAD_NAME_FIELD]).toBe('');
    const policy = JSON.parse(Buffer.from(form.fields.Policy!, 'base64').toString('utf8')) as {
      expiration: string;
      conditions: unknown[];
    };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        { bucket: BUCKET },
        { key: 'uploads/req-1.bank-a/doc-00000001' },
        ['content-length-range', 1, MAX_DOCUMENT_BYTES],
        ['eq', '$success_action_redirect', form.fields.success_action_redirect],
        ['starts-with', `$${UPLOAD_NAME_FIELD}`, ''],
      ]),
    );
    // No starts-with on the key: the browser cannot choose where the file goes.
    expect(JSON.stringify(policy.conditions)).not.toMatch(/starts-with","\$key/);
    const expires = Date.parse(policy.expiration) - before;
    expect(expires).toBeGreaterThan(590_000);
    expect(expires).toBeLessThanOrEqual(601_000);
  });
});

describe('presigned download link', () => {
  it('is valid for a minute, for the document’s own key, as an attachment of its own type', async () => {
    const url = new URL(await s3DocumentStorage(client(), BUCKET).downloadUrl!(meta));
    expect(url.origin).toBe(`https://${BUCKET}.s3.cn-north-1.amazonaws.com.cn`);
    expect(url.pathname).toBe('/leads/req-1.bank-a/doc-00000001');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(url.searchParams.get('response-content-type')).toBe('application/pdf');
    expect(url.searchParams.get('response-content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent(meta.name)}`,
    );
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('read-only access (the officers)', () => {
  it('lists and links documents like the storage does, and has nothing that writes', async () => {
    const reader = s3DocumentReader(client(), BUCKET);
    expect(canWriteDocuments(reader)).toBe(false);
    expect(Object.keys(reader).sort()).toEqual(['downloadUrl', 'list', 'read']);
    const link = new URL(await reader.downloadUrl!(meta));
    expect(link.pathname).toBe('/leads/req-1.bank-a/doc-00000001');
    expect(link.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(canWriteDocuments(s3DocumentStorage(client(), BUCKET))).toBe(true);
  });
});

/** A client that records the commands it is sent and answers from a script (no S3 behaviour is implied). */
function recordingClient(answer: (name: string, input: Record<string, unknown>) => unknown) {
  const sent: { name: string; input: Record<string, unknown> }[] = [];
  const send = async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
    const entry = { name: command.constructor.name, input: command.input };
    sent.push(entry);
    return answer(entry.name, entry.input);
  };
  return { client: { send } as unknown as S3Client, sent };
}

describe('checking a direct upload', () => {
  it('reads only the first bytes, and takes the full size from Content-Range and the name from metadata', async () => {
    const { client: s3, sent } = recordingClient(() => ({
      Body: { transformToByteArray: async () => new TextEncoder().encode('%PDF-1.7') },
      ContentRange: 'bytes 0-65535/1048576',
      ETag: '"abc123"',
      Metadata: { filename: encodeURIComponent('审计报告.pdf') },
    }));
    const upload = await s3DocumentStorage(s3, BUCKET).readUpload!(meta.leadId, meta.id, SNIFF_BYTES);
    expect(sent).toEqual([
      {
        name: 'GetObjectCommand',
        input: { Bucket: BUCKET, Key: 'uploads/req-1.bank-a/doc-00000001', Range: 'bytes=0-65535' },
      },
    ]);
    expect(upload).toMatchObject({ size: 1048576, etag: '"abc123"', name: '审计报告.pdf' });
  });

  it('keeps exactly the object it checked (copy only if the ETag still matches), else reports it changed', async () => {
    const ok = recordingClient(() => ({}));
    expect(await s3DocumentStorage(ok.client, BUCKET).acceptUpload!(meta, '"abc123"')).toBe(true);
    expect(ok.sent.map((c) => c.name)).toEqual([
      'CopyObjectCommand',
      'PutObjectCommand',
      'DeleteObjectCommand',
    ]);
    expect(ok.sent[0]!.input).toMatchObject({
      Key: 'leads/req-1.bank-a/doc-00000001',
      CopySource: `${BUCKET}/uploads/req-1.bank-a/doc-00000001`,
      CopySourceIfMatch: '"abc123"',
      ContentType: 'application/pdf',
    });
    expect(ok.sent[1]!.input.Key).toBe('leads/req-1.bank-a/doc-00000001.json');
    expect(ok.sent[2]!.input.Key).toBe('uploads/req-1.bank-a/doc-00000001');

    const replaced = recordingClient((name) => {
      if (name === 'CopyObjectCommand')
        throw Object.assign(new Error('precondition'), { name: 'PreconditionFailed' });
      return {};
    });
    expect(await s3DocumentStorage(replaced.client, BUCKET).acceptUpload!(meta, '"abc123"')).toBe(false);
    expect(replaced.sent.map((c) => c.name)).toEqual(['CopyObjectCommand']);
  });
});
