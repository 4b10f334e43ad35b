import type { DocumentMeta } from '#domain/documents.ts';

/**
 * Reading documents, all an institution's officer does with those a firm shared: the officers'
 * pages function is given a reader only (s3DocumentReaderFor), so its code, and its role, can
 * neither write nor delete a firm's documents.
 */
export interface DocumentReader {
  list(leadId: string): Promise<DocumentMeta[]>;
  read(leadId: string, id: string): Promise<Uint8Array | undefined>;
  /** A short-lived link that downloads a document straight from the storage (S3's presigned GET). */
  downloadUrl?(meta: DocumentMeta): Promise<string>;
}

/**
 * Where documents' bytes and descriptions are kept: a local folder on the embedded runtime,
 * an S3 bucket in AWS (documents-local.ts, documents-s3.ts). One port, two adapters.
 */
export interface DocumentStorage extends DocumentReader {
  save(meta: DocumentMeta, bytes: Uint8Array): Promise<void>;
  /** Rewrites a document's description (sharing). */
  update(meta: DocumentMeta): Promise<void>;
  remove(leadId: string, id: string): Promise<void>;
  /**
   * A browser form that uploads straight to the storage (S3's presigned POST), so large files
   * never pass through the function: the key is fixed by the server, the size limited to
   * `maxBytes`, the browser sent back to `redirectTo` afterwards. Absent where the app receives
   * the bytes itself.
   */
  presignUpload?(leadId: string, id: string, maxBytes: number, redirectTo: string): Promise<PresignedUpload>;
  /**
   * A direct upload's first `headBytes`, its full size and the file name the browser gave, read
   * without fetching the whole object; undefined when nothing was uploaded under that id.
   */
  readUpload?(leadId: string, id: string, headBytes: number): Promise<DirectUpload | undefined>;
  /**
   * Makes a checked direct upload a document: exactly the object that was checked (`etag`),
   * never one uploaded over it since, is kept under the document's key with `meta`.
   * False when the object changed after the check.
   */
  acceptUpload?(meta: DocumentMeta, etag: string): Promise<boolean>;
  /** Drops a direct upload that failed its checks. */
  discardUpload?(leadId: string, id: string): Promise<void>;
}

/** Whether a function's documents can be written (its storage), or only read. */
export const canWriteDocuments = (documents: DocumentReader): documents is DocumentStorage =>
  'save' in documents;

/** A form that posts a file straight to storage: its action, its hidden fields, the file field last. */
export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  /** The hidden field a page's script fills with the chosen file's name (URI-encoded). */
  nameField?: string;
}

/** What storage says of an object a browser uploaded directly. */
export interface DirectUpload {
  head: Uint8Array;
  size: number;
  etag: string;
  /** The name the browser sent with the file, if its page's script could add it. */
  name?: string;
}

export { localDocumentStorage } from './documents-local.ts';
export { s3DocumentReaderFor, s3DocumentStorage, s3DocumentStorageFor } from './documents-s3.ts';
