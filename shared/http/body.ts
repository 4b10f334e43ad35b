import type { Context } from 'hono';
import type * as z from 'zod';
import { ValidationError } from '#domain/errors.ts';
import { parseOrThrow } from './validation.ts';

/** Reads and validates a JSON body: malformed JSON and schema failures are both 400s. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ValidationError(
      [{ path: '(body)', zh: '请求体不是有效的JSON', en: 'the request body is not valid JSON' }],
      '请求体不是有效的JSON',
      'malformed JSON body',
    );
  }
  return parseOrThrow(schema, raw);
}
