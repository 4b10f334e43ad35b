import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnauthenticatedError,
  UnprocessableError,
  ValidationError,
} from '#domain/errors.ts';
import type { Logger } from '#shared/logger.ts';

/** The one place where domain failures become HTTP status codes. */
export function statusOf(error: DomainError): ContentfulStatusCode {
  if (error instanceof ValidationError) return 400;
  if (error instanceof UnauthenticatedError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof UnprocessableError) return 422;
  if (error instanceof TooManyRequestsError) return 429;
  return 400;
}

/** Every error answer: a code, a bilingual message, and on a 400 the message of each bad field. */
export const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.object({ zh: z.string(), en: z.string() }),
    fields: z.array(z.object({ path: z.string(), zh: z.string(), en: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorSchema>;

export function errorBody(
  code: string,
  zh: string,
  en: string,
  fields?: ErrorBody['error']['fields'],
): ErrorBody {
  return { error: { code, message: { zh, en }, ...(fields ? { fields } : {}) } };
}

export function handleError(error: Error, c: Context, logger: Logger) {
  if (error instanceof ValidationError) {
    return c.json(errorBody(error.code, error.zh, error.en, error.fields), 400);
  }
  if (error instanceof DomainError) {
    if (error instanceof TooManyRequestsError) c.header('Retry-After', String(error.retryAfterSeconds));
    return c.json(errorBody(error.code, error.zh, error.en), statusOf(error));
  }
  if (error instanceof HTTPException && error.status === 400 && /malformed json/i.test(error.message)) {
    const zh = '请求体不是有效的JSON';
    return c.json(
      errorBody('validation_failed', zh, 'malformed JSON body', [
        { path: '(body)', zh, en: 'the request body is not valid JSON' },
      ]),
      400,
    );
  }
  if (error instanceof HTTPException && error.status === 415) {
    return c.json(
      errorBody(
        'unsupported_media_type',
        '请求体须为 JSON（application/json）',
        'the request body must be application/json',
      ),
      415,
    );
  }
  if (error instanceof HTTPException) {
    return c.json(
      errorBody('http_error', '请求无法处理', error.message || 'request could not be handled'),
      error.status,
    );
  }
  // Anything else is ours to fix: log it whole, tell the caller nothing about internals.
  logger.error('unhandled error', { error, method: c.req.method, path: c.req.path });
  return c.json(
    errorBody('internal_error', '服务器内部错误，请稍后重试', 'internal error, please retry later'),
    500,
  );
}
