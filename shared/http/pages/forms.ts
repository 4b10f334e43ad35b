import type { Context } from 'hono';
import type * as z from 'zod';
import { DOCUMENT_CONTENT_TYPES, type DocumentMeta } from '#domain/documents.ts';
import { ValidationError } from '#domain/errors.ts';
import { requireRole } from '#domain/principal.ts';
import { readDocument } from '#usecases/documents.ts';
import type { AppEnv } from '../context.ts';
import { toValidationError } from '../validation.ts';

/**
 * Reading HTML forms at the edge. A form gives strings; these helpers turn them into the
 * plain input the JSON API's schemas expect (numbers, lists, absent fields), and the same
 * schemas validate it. A field that is not a number at all gets its own message, since the
 * schema would only see it as missing.
 */
export type Form = Record<string, string | string[]>;

export type FieldProblem = ValidationError['fields'][number];

export async function readForm(c: Context): Promise<Form> {
  const body = await c.req.parseBody({ all: true });
  const form: Form = {};
  for (const [name, value] of Object.entries(body)) {
    if (Array.isArray(value)) form[name] = value.filter((v): v is string => typeof v === 'string');
    else if (typeof value === 'string') form[name] = value;
  }
  return form;
}

/** The files a multipart form sent in `name` (empty file inputs left out). */
export async function formFiles(c: Context, name: string): Promise<{ name: string; bytes: Uint8Array }[]> {
  const body = await c.req.parseBody({ all: true });
  const raw = body[name];
  const files = (Array.isArray(raw) ? raw : [raw]).filter((v): v is File => v instanceof File && v.size > 0);
  return Promise.all(
    files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );
}

/** A stored document sent back as a download: its own type, never shown inline. */
function download(c: Context, meta: DocumentMeta, bytes: Uint8Array) {
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'content-type': DOCUMENT_CONTENT_TYPES[meta.kind],
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(meta.name)}`,
    'cache-control': 'private, no-store',
  });
}

/**
 * `GET …/leads/:id/documents/:doc` for a role: the document as a download (or a presigned link to it), for whoever may see it
 * (the firm its own, the lead's institution what was shared with it; a 404 for anyone else).
 */
export function documentDownload(role: 'firm' | 'officer') {
  return async (c: Context<AppEnv>) => {
    const principal = requireRole(c.get('principal'), role);
    const found = await readDocument(c.get('deps'), principal, c.req.param('id')!, c.req.param('doc')!);
    // In AWS, a link valid for a minute straight to the bucket: the bytes never pass through here.
    if ('url' in found) return c.redirect(found.url, 303);
    return download(c, found.meta, found.bytes);
  };
}

/** A single text field, trimmed; empty means absent. */
export function text(form: Form, name: string): string | undefined {
  const raw = form[name];
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  return value ? value : undefined;
}

/** Every checked value of a checkbox group. */
export function list(form: Form, name: string): string[] {
  const raw = form[name];
  if (raw === undefined) return [];
  return (Array.isArray(raw) ? raw : [raw]).map((v) => v.trim()).filter(Boolean);
}

/** A whole number typed by a person: "20,000,000" and "20 000 000" are fine. */
export function wholeNumber(form: Form, name: string, problems: FieldProblem[]): number | undefined {
  const value = text(form, name);
  if (value === undefined) return undefined;
  const digits = value.replace(/[,，\s_]/g, '');
  if (/^-?\d+$/.test(digits)) return Number(digits);
  problems.push({ path: name, zh: '请输入整数', en: 'enter a whole number' });
  return undefined;
}

const UNITS: Record<string, number> = { 万: 4, 十万: 5, 百万: 6, 千万: 7, 亿: 8 };

/**
 * An amount of money as people write it, in whole yuan: "20000000", "20,000,000", "2000万",
 * "2,000 万元", "0.2亿", "1.5亿元". Decimal digits are shifted, never multiplied as floats.
 */
export function yuanAmount(form: Form, name: string, problems: FieldProblem[]): number | undefined {
  const value = text(form, name);
  if (value === undefined) return undefined;
  const match = /^(\d+)(?:\.(\d+))?\s*(万|十万|百万|千万|亿)?\s*(?:元|rmb|cny)?$/i.exec(
    value.replace(/[,，_]|(?<=\d)\s+(?=\d)/g, ''),
  );
  if (!match) {
    problems.push({
      path: name,
      zh: '请输入金额，如 20000000、2000万 或 0.2亿',
      en: 'enter an amount such as 20000000, 2000万 (20M) or 0.2亿',
    });
    return undefined;
  }
  const [, whole = '', fraction = '', unit] = match;
  const shift = unit ? UNITS[unit]! : 0;
  if (fraction.replace(/0+$/, '').length > shift) {
    problems.push({ path: name, zh: '金额请精确到元', en: 'give the amount in whole yuan' });
    return undefined;
  }
  return Number(whole + fraction.padEnd(shift, '0'));
}

/** A date field that must not lie before `today` (both ISO dates, compared as text). */
export function notBefore(form: Form, name: string, today: string, problems: FieldProblem[]) {
  const value = text(form, name);
  if (value && /^\d{4}-\d{2}-\d{2}$/.test(value) && value < today) {
    problems.push({
      path: name,
      zh: `日期不能早于今天（${today}）`,
      en: `the date cannot be before today (${today})`,
    });
  }
}

/**
 * A percentage with up to two decimals ("3.45") as basis points (345), without float rounding.
 * `path` names the field the schema knows (e.g. annualRateBp), so messages land in one place.
 */
export function percentAsBp(
  form: Form,
  name: string,
  problems: FieldProblem[],
  path = name,
): number | undefined {
  const value = text(form, name)?.replace(/%$/, '').trim();
  if (value === undefined) return undefined;
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(value);
  if (match) return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  problems.push({ path, zh: '年利率应写作如 3.45（%）', en: 'write the rate like 3.45 (%)' });
  return undefined;
}

/** Schema messages about basis-point fields, said in percent as the form asks for them. */
function inPercent(problem: FieldProblem): FieldProblem {
  if (!/Bp$/.test(problem.path)) return problem;
  const figure = (s: string) => s.replace(/-?\d+/, (bp) => `${(Number(bp) / 100).toFixed(2)}%`);
  return /\d/.test(problem.zh) ? { ...problem, zh: figure(problem.zh), en: figure(problem.en) } : problem;
}

/**
 * Validates form input with the API's schema. Problems found while reading the form come
 * first; the schema's messages for the same fields are dropped in their favour.
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  input: unknown,
  problems: FieldProblem[] = [],
): z.output<S> {
  const result = schema.safeParse(input);
  const schemaFields = result.success ? [] : toValidationError(result.error).fields;
  const fields = [
    ...problems,
    ...schemaFields.filter((f) => !problems.some((p) => p.path === f.path)).map(inPercent),
  ];
  if (fields.length) throw new ValidationError(fields);
  return (result as { data: z.output<S> }).data;
}

/**
 * Field messages by field name, for showing each under its input; the first is marked, so
 * its input takes the focus when the form comes back. `fieldOf` names the form field a
 * schema path comes from (by default its first segment).
 */
export function messagesByField(
  error: ValidationError | undefined,
  fieldOf: (path: string) => string = (path) => path.split('.')[0]!,
): Map<string, FieldProblem & { first?: boolean }> {
  const map = new Map<string, FieldProblem & { first?: boolean }>();
  for (const f of error?.fields ?? []) {
    const key = fieldOf(f.path);
    if (!map.has(key)) map.set(key, map.size === 0 ? { ...f, first: true } : f);
  }
  return map;
}
