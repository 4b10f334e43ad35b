import type { DocumentMeta } from '#domain/documents.ts';

/**
 * Where documents' bytes and descriptions are kept: a local folder on the embedded runtime,
 * an S3 bucket in AWS (documents-local.ts, documents-s3.ts). One port, two adapters.
 */
export interface DocumentStorage {
  save(meta: DocumentMeta, bytes: Uint8Array): Promise<void>;
  /** Rewrites a document's description (sharing). */
  update(meta: DocumentMeta): Promise<void>;
  list(leadId: string): Promise<DocumentMeta[]>;
  read(leadId: string, id: string): Promise<Uint8Array | undefined>;
  remove(leadId: string, id: string): Promise<void>;
  /**
   * A browser form that uploads straight to the storage (S3's presigned POST), so large files
   * never pass through the function; absent where the app receives the bytes itself.
   */
  presignUpload?(
    leadId: string,
    id: string,
    maxBytes: number,
    redirectTo: string,
  ): Promise<{ url: string; fields: Record<string, string> }>;
  /** The bytes of an object uploaded directly, to be checked before it becomes a document. */
  readUpload?(leadId: string, id: string): Promise<Uint8Array | undefined>;
}

export { localDocumentStorage } from './documents-local.ts';
export { s3DocumentStorage, s3DocumentStorageFor } from './documents-s3.ts';
