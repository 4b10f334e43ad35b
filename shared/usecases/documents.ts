import {
  checkDocument,
  checkDocumentHead,
  cleanFileName,
  type DocumentMeta,
  MAX_DOCUMENT_BYTES,
  SNIFF_BYTES,
} from '#domain/documents.ts';
import { NotFoundError, UnprocessableError } from '#domain/errors.ts';
import { type Principal, requireRole } from '#domain/principal.ts';
import { canWriteDocuments, type DocumentReader, type DocumentStorage } from '#store/documents.ts';
import type { Store } from '#store/index.ts';
import { loadLeadFor } from './access.ts';

type Deps = {
  store: Store;
  now: () => Date;
  newId: () => string;
  documents?: DocumentStorage | DocumentReader;
};

const notSetUp = () => new UnprocessableError('此环境未开通文件上传', 'document uploads are not set up here');

/** Where documents are read from. */
function reader(deps: Deps): DocumentReader {
  if (!deps.documents) throw notSetUp();
  return deps.documents;
}

/** Where documents are written: never a read-only function's reader (its role could not write anyway). */
function storage(deps: Deps): DocumentStorage {
  if (!deps.documents) throw notSetUp();
  if (!canWriteDocuments(deps.documents)) throw new Error('documents are read-only in this function');
  return deps.documents;
}

const documentNotFound = (id: string) => new NotFoundError(`未找到文件 ${id}`, `document ${id} not found`);

/**
 * A firm attaches a file to one of its leads.
 * 1. only the lead's firm (404 for others) 2. at most 20 MB, type told by content
 * 3. kept private to the firm unless `share` (the answer it goes with shares it).
 */
export async function attachDocument(
  deps: Deps,
  caller: Principal | undefined,
  leadId: string,
  file: { name: string; bytes: Uint8Array },
  share: boolean,
): Promise<DocumentMeta> {
  const principal = requireRole(caller, 'firm');
  const lead = await loadLeadFor(deps.store, principal, leadId);
  const kind = checkDocument(file.bytes, file.name);
  const at = deps.now().toISOString();
  const meta: DocumentMeta = {
    id: deps.newId(),
    leadId: lead.id,
    name: cleanFileName(file.name),
    kind,
    size: file.bytes.length,
    uploadedAt: at,
    uploadedBy: principal.userId,
    ...(share ? { sharedAt: at } : {}),
  };
  await storage(deps).save(meta, file.bytes);
  return meta;
}

/** The firm shares one of its documents with the lead's institution (cannot be taken back). */
export async function shareDocument(deps: Deps, caller: Principal | undefined, leadId: string, id: string) {
  const principal = requireRole(caller, 'firm');
  const lead = await loadLeadFor(deps.store, principal, leadId);
  const meta = (await storage(deps).list(lead.id)).find((d) => d.id === id);
  if (!meta) throw documentNotFound(id);
  if (!meta.sharedAt) await storage(deps).update({ ...meta, sharedAt: deps.now().toISOString() });
}

/**
 * A lead's documents as the caller may see them: the firm all of its own, the lead's
 * institution only those shared with it, nobody else any (the lead itself is a 404 for them).
 */
export async function leadDocuments(
  deps: Deps,
  caller: Principal | undefined,
  leadId: string,
): Promise<DocumentMeta[]> {
  const principal = requireRole(caller, 'firm', 'officer');
  const lead = await loadLeadFor(deps.store, principal, leadId);
  if (!deps.documents) return [];
  const all = await deps.documents.list(lead.id);
  return (principal.role === 'firm' ? all : all.filter((d) => d.sharedAt)).sort((a, b) =>
    a.uploadedAt.localeCompare(b.uploadedAt),
  );
}

/**
 * One document for whoever may see it: a short-lived link straight to storage where it has
 * them (S3), else its bytes.
 */
export async function readDocument(
  deps: Deps,
  caller: Principal | undefined,
  leadId: string,
  id: string,
): Promise<{ meta: DocumentMeta } & ({ url: string } | { bytes: Uint8Array })> {
  const meta = (await leadDocuments(deps, caller, leadId)).find((d) => d.id === id);
  if (!meta) throw documentNotFound(id);
  const store = reader(deps);
  if (store.downloadUrl) return { meta, url: await store.downloadUrl(meta) };
  const bytes = await store.read(leadId, id);
  if (!bytes) throw documentNotFound(id);
  return { meta, bytes };
}

/** A form that uploads straight to storage (AWS), or undefined where the app takes the bytes. */
export async function directUpload(
  deps: Deps,
  caller: Principal | undefined,
  leadId: string,
  redirectTo: (id: string) => string,
) {
  const principal = requireRole(caller, 'firm');
  const lead = await loadLeadFor(deps.store, principal, leadId);
  const documents = deps.documents && canWriteDocuments(deps.documents) ? deps.documents : undefined;
  if (!documents?.presignUpload) return undefined;
  const id = deps.newId();
  return { id, ...(await documents.presignUpload(lead.id, id, MAX_DOCUMENT_BYTES, redirectTo(id))) };
}

/**
 * After a direct upload (the browser posted the file to storage and was sent back here):
 * 1. only the lead's firm 2. the object's first bytes and size are checked like any upload
 * 3. exactly the object checked becomes the firm's document, kept to itself until it shares it;
 *    a refused object is deleted. Coming back twice changes nothing.
 */
export async function confirmUpload(
  deps: Deps,
  caller: Principal | undefined,
  leadId: string,
  id: string,
): Promise<DocumentMeta> {
  const principal = requireRole(caller, 'firm');
  const lead = await loadLeadFor(deps.store, principal, leadId);
  const store = storage(deps);
  if (!/^[\w-]{8,64}$/.test(id) || !store.readUpload || !store.acceptUpload) throw documentNotFound(id);
  const upload = await store.readUpload(lead.id, id, SNIFF_BYTES);
  if (!upload) {
    const done = (await store.list(lead.id)).find((d) => d.id === id);
    if (done) return done;
    throw documentNotFound(id);
  }
  let meta: DocumentMeta;
  try {
    // Without the name (no script on the page), CSV and XLS, told partly by their extension, are refused.
    const kind = checkDocumentHead(upload.head, upload.size, upload.name ?? '');
    meta = {
      id,
      leadId: lead.id,
      name: cleanFileName(upload.name ?? `document.${kind === 'jpeg' ? 'jpg' : kind}`),
      kind,
      size: upload.size,
      uploadedAt: deps.now().toISOString(),
      uploadedBy: principal.userId,
    };
  } catch (error) {
    await store.discardUpload?.(lead.id, id);
    throw error;
  }
  if (!(await store.acceptUpload(meta, upload.etag))) {
    throw new UnprocessableError(
      '文件在检查后被替换，请重新上传',
      'the file was replaced after it was checked; upload it again',
    );
  }
  return meta;
}
