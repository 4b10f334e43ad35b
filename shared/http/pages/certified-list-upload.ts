import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { MAX_LIST_FILE_BYTES } from '#domain/certified-list.ts';
import { DomainError, NotFoundError, ValidationError } from '#domain/errors.ts';
import { requireRole } from '#domain/principal.ts';
import type { ImportOutcome } from '#store/certified-lists.ts';
import { importCertifiedList } from '#usecases/certified-list-import.ts';
import { authenticateCookie } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { statusOf } from '../errors.ts';
import { listMetaFrom } from './list-meta.ts';

/**
 * `POST /operator/lists`: the list file from the operator's import page. Apart from the page
 * itself because it carries the CSV/XLSX readers: in AWS the gateway sends this one route to
 * the certified-list import's function, so the pages' bundle has no file parser. It answers
 * with a redirect to the page, which shows the outcome (report, or row problems and the form
 * as typed) kept for it under a random id.
 */

export function operatorListUpload() {
  const app = new Hono<AppEnv>();
  app.use('/operator/lists', csrf(), authenticateCookie());
  app.post('/operator/lists', async (c) => {
    const principal = requireRole(c.get('principal'), 'operator');
    const deps = c.get('deps');
    const body = await c.req.parseBody();
    const form: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') form[k] = v.slice(0, 200);
    const outcome: ImportOutcome = { id: deps.newId(), userId: principal.userId, form };
    try {
      const file = body.file;
      if (!(file instanceof File) || file.size === 0)
        throw new ValidationError([{ path: 'file', zh: '请选择名单文件', en: 'choose the list file' }]);
      if (file.size > MAX_LIST_FILE_BYTES)
        throw new ValidationError([
          { path: 'file', zh: '文件超过12MB', en: 'the file is larger than 12 MB' },
        ]);
      const meta = listMetaFrom((name) => form[name]?.trim() || undefined);
      outcome.report = await importCertifiedList(
        deps,
        principal,
        meta,
        new Uint8Array(await file.arrayBuffer()),
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error instanceof NotFoundError) throw error;
      outcome.error = {
        status: statusOf(error),
        zh: error.zh,
        en: error.en,
        ...(error instanceof ValidationError ? { fields: error.fields.slice(0, 200) } : {}),
      };
    }
    await deps.store.certifiedLists.saveImportOutcome(outcome, deps.now().toISOString());
    return c.redirect(`/operator/lists?outcome=${outcome.id}`, 303);
  });
  return app;
}
