import type { Child } from 'hono/jsx';
import type { JsonSchema as Schema } from '../json-schema.ts';
import { DOCS_STYLESHEET } from './docs-style.ts';

/**
 * The API reference page (/docs), rendered from the OpenAPI document: operations grouped by
 * tag with a table of contents, each with who may call it, its parameters, the fields of its
 * body and of its successful answer as outlines, and its error statuses. The full schemas stay
 * in /api/openapi.json; this page is for people reading it.
 */

type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema };
type Operation = {
  operationId?: string;
  tags?: string[];
  summary?: string;
  description?: string;
  'x-roles'?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
};
export type ReferenceDocument = {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, Schema> };
};

/** Nesting shown in an outline; deeper objects are named, not expanded. */
const MAX_DEPTH = 4;
/** Enum values listed before the rest are counted. */
const MAX_ENUM = 12;

const TAG_NAMES: Record<string, string> = {
  system: '系统 / System',
  auth: '登录 / Sign-in',
  firms: '企业 / Firms',
  matching: '匹配 / Matching',
  requests: '融资需求 / Funding requests',
  leads: '线索 / Leads',
  catalog: '产品目录 / Catalog',
  notifications: '通知 / Notifications',
  webhooks: 'Webhooks',
  equity: '股权融资 / Equity',
  roadshows: '路演 / Roadshows',
  'certified lists': '认定名单 / Certified lists',
};

const anchorOf = (method: string, path: string) => `${method}-${path}`.replace(/[^\w-]+/g, '-');

function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

/** "integer", "string (date)", "array of string" … — the one-line type of a schema. */
function typeLabel(schema: Schema): string {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map(typeLabel).join(' | ');
  if (schema.allOf) return schema.allOf.map(typeLabel).join(' & ');
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
  if (type === 'array') return `array of ${schema.items ? typeLabel(schema.items) : 'any'}`;
  return schema.format ? `${type} (${schema.format})` : type;
}

/** Bounds, patterns, enum values and defaults, in words short enough for one line. */
function constraints(schema: Schema): string[] {
  const out: string[] = [];
  const exclusive = schema.exclusiveMinimum === true;
  if (typeof schema.exclusiveMinimum === 'number') out.push(`> ${schema.exclusiveMinimum}`);
  if (schema.minimum !== undefined) out.push(`${exclusive ? '>' : '≥'} ${schema.minimum}`);
  if (schema.maximum !== undefined) out.push(`≤ ${schema.maximum}`);
  if (schema.minLength !== undefined) out.push(`length ≥ ${schema.minLength}`);
  if (schema.maxLength !== undefined) out.push(`length ≤ ${schema.maxLength}`);
  if (schema.minItems !== undefined) out.push(`items ≥ ${schema.minItems}`);
  if (schema.maxItems !== undefined) out.push(`items ≤ ${schema.maxItems}`);
  if (schema.pattern) out.push(`pattern ${schema.pattern}`);
  if (schema.enum) {
    const shown = schema.enum.slice(0, MAX_ENUM).map((v) => String(v));
    const more = schema.enum.length - shown.length;
    out.push(`one of ${shown.join(' · ')}${more > 0 ? ` (+${more})` : ''}`);
  }
  if (schema.items?.enum) out.push(...constraints({ enum: schema.items.enum }));
  if (schema.default !== undefined) out.push(`default ${JSON.stringify(schema.default)}`);
  if (schema.nullable) out.push('nullable');
  return out;
}

/** The object whose fields an outline lists: the schema itself, or an array's items. */
function fieldsOf(schema: Schema): Schema | undefined {
  if (schema.properties) return schema;
  if (schema.type === 'array' && schema.items?.properties) return schema.items;
  return undefined;
}

function Outline({ schema, depth }: { schema: Schema; depth: number }): Child {
  const object = fieldsOf(schema);
  if (!object) {
    const variants = schema.anyOf ?? schema.oneOf;
    if (variants && depth < MAX_DEPTH && variants.some((v) => fieldsOf(v)))
      return (
        <ul>
          {variants.map((variant, i) => (
            <li>
              <span class="t">variant {i + 1}</span>
              <Outline schema={variant} depth={depth + 1} />
            </li>
          ))}
        </ul>
      );
    return null;
  }
  if (depth >= MAX_DEPTH) return null;
  const required = new Set(object.required ?? []);
  return (
    <ul>
      {Object.entries(object.properties ?? {}).map(([name, field]) => {
        const notes = constraints(field);
        return (
          <li>
            <code>{name}</code> <span class="t">{typeLabel(field)}</span>
            {required.has(name) ? <span class="req"> required</span> : null}
            {notes.length ? <span class="c"> · {notes.join(' · ')}</span> : null}
            {field.description ? <span class="d"> — {field.description}</span> : null}
            <Outline schema={field} depth={depth + 1} />
          </li>
        );
      })}
    </ul>
  );
}

function jsonSchemaOf(content: Record<string, { schema?: Schema }> | undefined): Schema | undefined {
  return content?.['application/json']?.schema ?? Object.values(content ?? {})[0]?.schema;
}

function OperationSection({ method, path, op }: { method: string; path: string; op: Operation }) {
  const body = jsonSchemaOf(op.requestBody?.content);
  const responses = Object.entries(op.responses ?? {});
  const success = responses.filter(([status]) => status.startsWith('2'));
  const failures = responses.filter(([status]) => !status.startsWith('2'));
  const roles = op['x-roles'];
  return (
    <section class="op" id={anchorOf(method, path)}>
      <h3>
        <span class={`m ${method}`}>{method}</span> <code>{path}</code>
      </h3>
      <p>
        {op.summary}{' '}
        <small class="roles">{roles === 'public' ? '公开 / public' : `角色 / roles: ${roles ?? '—'}`}</small>
      </p>
      {op.description ? <p>{op.description}</p> : null}
      {op.parameters?.length ? (
        <table>
          <caption>参数 / Parameters</caption>
          <thead>
            <tr>
              <th scope="col">name</th>
              <th scope="col">in</th>
              <th scope="col">type</th>
              <th scope="col">notes</th>
            </tr>
          </thead>
          <tbody>
            {op.parameters.map((p) => (
              <tr>
                <td>
                  <code>{p.name}</code>
                  {p.required ? <span class="req"> required</span> : null}
                </td>
                <td>{p.in}</td>
                <td>{p.schema ? typeLabel(p.schema) : ''}</td>
                <td>
                  {[p.description, ...(p.schema ? constraints(p.schema) : [])].filter(Boolean).join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {body ? (
        <div>
          <h4>请求体 / Request body · {typeLabel(body)}</h4>
          <Outline schema={body} depth={0} />
        </div>
      ) : null}
      {success.map(([status, response]) => {
        const schema = jsonSchemaOf(response.content);
        return (
          <details>
            <summary>
              {status} {response.description}
              {schema ? ` · ${typeLabel(schema)}` : ''}
            </summary>
            {schema ? <Outline schema={schema} depth={0} /> : null}
          </details>
        );
      })}
      {failures.length ? (
        <p class="errors">
          错误 / Errors:{' '}
          {failures.map(([status, response], i) => (
            <>
              {i ? ' · ' : ''}
              <b>{status}</b> {response.description}
            </>
          ))}
        </p>
      ) : null}
    </section>
  );
}

/** The whole reference page, for the given document. */
export function ApiReferencePage({ doc }: { doc: ReferenceDocument }) {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(([method, op]) => ({ path, method, op })),
  );
  const tags = [...new Set(ops.map(({ op }) => op.tags?.[0] ?? 'other'))];
  const named = Object.entries(doc.components?.schemas ?? {});
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>精融 API 参考 / Jingrong API reference</title>
        <link rel="stylesheet" href={DOCS_STYLESHEET.path} />
      </head>
      <body>
        <p>
          <a href="/">← 返回精融 / back to Jingrong</a>
        </p>
        <h1>
          精融 API 参考 <span lang="en">Jingrong API reference</span>
        </h1>
        <p>
          {doc.info.description} · v{doc.info.version} · 机器可读文档 / machine-readable:{' '}
          <a href="/api/openapi.json">/api/openapi.json</a>
        </p>
        <p>
          调用需带 <code>Authorization: Bearer &lt;token&gt;</code>（本地由{' '}
          <code>POST /api/auth/sign-in</code> 签发，AWS 上为 Cognito ID token），写操作发送 JSON；错误一律为{' '}
          <code>{'{ error: { code, message: { zh, en }, fields? } }'}</code>。金额为整数元，日期为 ISO
          格式（北京时间）。
          <span lang="en">
            {' '}
            Calls carry a bearer token (locally from <code>POST /api/auth/sign-in</code>, in AWS a Cognito ID
            token); writes send JSON; every error is{' '}
            <code>{'{ error: { code, message: { zh, en }, fields? } }'}</code>. Amounts are integer yuan;
            dates are ISO, Asia/Shanghai.
          </span>
        </p>
        <nav aria-label="目录 / Contents">
          <h2>目录 / Contents</h2>
          {tags.map((tag) => (
            <div class="toc">
              <h3>{TAG_NAMES[tag] ?? tag}</h3>
              <ul>
                {ops
                  .filter(({ op }) => (op.tags?.[0] ?? 'other') === tag)
                  .map(({ method, path, op }) => (
                    <li>
                      <a href={`#${anchorOf(method, path)}`}>
                        <span class={`m ${method}`}>{method}</span> <code>{path}</code>
                      </a>{' '}
                      <small>{op.operationId}</small>
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </nav>
        <main>
          {tags.map((tag) => (
            <>
              <h2 id={`tag-${tag.replace(/\W+/g, '-')}`}>{TAG_NAMES[tag] ?? tag}</h2>
              {ops
                .filter(({ op }) => (op.tags?.[0] ?? 'other') === tag)
                .map((o) => (
                  <OperationSection {...o} />
                ))}
            </>
          ))}
          {named.length ? (
            <>
              <h2>结构 / Schemas</h2>
              {named.map(([name, schema]) => (
                <section class="op" id={`schema-${name}`}>
                  <h3>
                    <code>{name}</code>
                  </h3>
                  <Outline schema={schema} depth={0} />
                </section>
              ))}
            </>
          ) : null}
        </main>
      </body>
    </html>
  );
}

/** The reference page as a whole HTML document (what /docs answers). */
export function referencePageHtml(doc: ReferenceDocument): string {
  return `<!doctype html>${(<ApiReferencePage doc={doc} />).toString()}`;
}
