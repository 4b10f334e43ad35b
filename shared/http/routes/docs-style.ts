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
.get{color:#047857}.post{color:#1d4ed8}.put{color:#b45309}.delete{color:#b91c1c}summary{cursor:pointer}
h3 .m,.toc .m{font-size:.9em}.toc a{text-decoration:none}.toc a code{text-decoration:underline}.toc ul{list-style:none;padding-left:.5rem}
table{border-collapse:collapse;width:100%;font-size:14px;margin:.4rem 0}caption{text-align:left;font-weight:600}
th,td{text-align:left;vertical-align:top;padding:.25rem .5rem;border-bottom:1px solid #e5e7eb;overflow-wrap:anywhere}
td:nth-child(2){white-space:nowrap}table{table-layout:fixed}th:first-child{width:30%}th:nth-child(2){width:12%}th:nth-child(3){width:22%}
ul ul{margin:.1rem 0}li{margin:.15rem 0}.t{color:#374151;font-style:italic}.c,.d,.roles{color:#4b5563}
.req{color:#b91c1c;font-size:.85em}.errors{font-size:14px;color:#374151}h4{margin:.6rem 0 .2rem}`;

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
