import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DocumentMeta, DocumentMetaSchema } from '#domain/documents.ts';
import type { DocumentStorage } from './documents.ts';

/**
 * Documents in a local folder (the embedded runtime and the tests): one folder per lead,
 * each document as `<id>.bin` with its description in `<id>.json`.
 */
export function localDocumentStorage(root: string): DocumentStorage {
  // Ids come from the app (uuids) and lead ids from the table; anything else never reaches the disk.
  const safe = (part: string) => {
    if (!/^[\w.-]{1,200}$/.test(part) || part.startsWith('.')) throw new Error(`unsafe path part ${part}`);
    return part;
  };
  const folder = (leadId: string) => join(root, safe(leadId));
  const file = (leadId: string, id: string, ext: string) => join(folder(leadId), `${safe(id)}.${ext}`);
  return {
    async save(meta, bytes) {
      await mkdir(folder(meta.leadId), { recursive: true });
      await writeFile(file(meta.leadId, meta.id, 'bin'), bytes);
      await writeFile(file(meta.leadId, meta.id, 'json'), JSON.stringify(meta));
    },
    async update(meta) {
      await writeFile(file(meta.leadId, meta.id, 'json'), JSON.stringify(meta));
    },
    async list(leadId) {
      let names: string[];
      try {
        names = await readdir(folder(leadId));
      } catch {
        return [];
      }
      const metas: DocumentMeta[] = [];
      for (const name of names.filter((n) => n.endsWith('.json'))) {
        metas.push(DocumentMetaSchema.parse(JSON.parse(await readFile(join(folder(leadId), name), 'utf8'))));
      }
      return metas;
    },
    async read(leadId, id) {
      try {
        return new Uint8Array(await readFile(file(leadId, id, 'bin')));
      } catch {
        return undefined;
      }
    },
    async remove(leadId, id) {
      await rm(file(leadId, id, 'bin'), { force: true });
      await rm(file(leadId, id, 'json'), { force: true });
    },
  };
}
