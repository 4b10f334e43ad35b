import { createHash } from 'node:crypto';
import type { Hono } from 'hono';
import type { AppEnv } from '../context.ts';

/**
 * The API reference page's stylesheet (/docs), served by the API itself under a content-hashed
 * name: the Content-Security-Policy allows styles from this origin only, never inline.
 */
const DOCS_CSS = `body{font-family:system-ui,sans-serif;max-width:980px;margin:2rem auto;padding:0 1rem;color:#1f2937;overflow-wrap:anywhere}
code,pre{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}code{word-break:break-all}
pre{padding:.6rem;overflow:auto;font-size:12px;max-height:22rem;white-space:pre-wrap;word-break:break-all}
a{color:#0f5e63}@media (max-width:640px){body{margin:1rem auto;padding:0 .8rem}}
.op{border:1px solid #e5e7eb;border-radius:8px;padding:.6rem 1rem;margin:.8rem 0}.m{font-weight:700;text-transform:uppercase;margin-right:.5rem}
.get{color:#047857}.post{color:#1d4ed8}.put{color:#b45309}.delete{color:#b91c1c}summary{cursor:pointer}`;

export const DOCS_STYLESHEET = {
  path: `/static/docs.${createHash('sha256').update(DOCS_CSS).digest('hex').slice(0, 12)}.css`,
  body: DOCS_CSS,
};

export function serveDocsStylesheet(app: Hono<AppEnv>) {
  app.get(DOCS_STYLESHEET.path, (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(DOCS_STYLESHEET.body);
  });
}
