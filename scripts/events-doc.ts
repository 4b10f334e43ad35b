import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { EVENTS } from '#events/catalog.ts';
import { consumersOf } from '#events/routing.ts';

/**
 * docs/events.md's catalog section is rendered from shared/events/catalog.ts: run
 * `npm run docs:events` after changing an event; test/events.test.ts fails until you do.
 */
export const START =
  '<!-- event catalog: rendered by `npm run docs:events` from shared/events/catalog.ts -->';
export const END = '<!-- end of event catalog -->';

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

function typeOf(s: JsonSchema): string {
  if (s.anyOf) return s.anyOf.map(typeOf).join(' \\| ');
  if (s.enum) return s.enum.map((v) => (v === null ? 'null' : `\`${String(v)}\``)).join(' \\| ');
  if (s.type === 'array') return `${s.items ? typeOf(s.items) : 'unknown'}[]`;
  return Array.isArray(s.type) ? s.type.join(' \\| ') : (s.type ?? 'unknown');
}

export function renderEventCatalog(): string {
  const out: string[] = [START, ''];
  out.push('| type | version | subject | producers | consumers |', '| --- | --- | --- | --- | --- |');
  for (const e of Object.values(EVENTS)) {
    out.push(
      `| [${e.type}](#${e.type.toLowerCase()}-v${e.version}) | ${e.version} | ${e.subject} | ${e.producers.join('<br>')} | ${[...consumersOf(e.type), ...e.consumers].join('<br>') || '—'} |`,
    );
  }
  for (const e of Object.values(EVENTS)) {
    const schema = z.toJSONSchema(z.strictObject(e.detail), { io: 'input' }) as JsonSchema;
    out.push('', `### ${e.type} v${e.version}`, '', e.summary, '', `subject: \`${e.subject}\``, '');
    out.push('| detail field | type | required | meaning |', '| --- | --- | --- | --- |');
    for (const [name, field] of Object.entries(schema.properties ?? {})) {
      const required = schema.required?.includes(name) ? 'yes' : 'no';
      out.push(`| \`${name}\` | ${typeOf(field)} | ${required} | ${field.description ?? ''} |`);
    }
  }
  out.push('', END);
  return out.join('\n');
}

export const EVENTS_DOC = join(import.meta.dirname, '..', 'docs', 'events.md');

/** The file with its catalog section replaced by a fresh rendering. */
export function withRenderedCatalog(doc: string): string {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/events.md must hold the markers ${START} … ${END}`);
  return doc.slice(0, start) + renderEventCatalog() + doc.slice(end + END.length);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  writeFileSync(EVENTS_DOC, withRenderedCatalog(readFileSync(EVENTS_DOC, 'utf8')));
  process.stdout.write('docs/events.md: event catalog rendered\n');
}
