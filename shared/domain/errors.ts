/**
 * One error class per domain failure. The HTTP layer maps them to status codes in one
 * place (shared/http/errors.ts) by `instanceof`; messages are bilingual because they
 * reach users.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(
    readonly zh: string,
    readonly en: string,
    options?: { cause?: unknown },
  ) {
    super(en, options);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'not_found';
}

/** The object exists but the caller may not see or touch it (reported as 404 to avoid leaking existence, or 403). */
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'unauthenticated';
}

/** A write lost a race or would break uniqueness (duplicate uscc, concurrent transition). */
export class ConflictError extends DomainError {
  readonly code = 'conflict';
}

/** Well-formed input the domain refuses (e.g. a transition not allowed from the current state). */
export class UnprocessableError extends DomainError {
  readonly code = 'unprocessable';
}

/** Too many attempts in a short time (sign-in throttling): the caller may retry after a while. */
export class TooManyRequestsError extends DomainError {
  readonly code = 'too_many_requests';
  constructor(
    readonly retryAfterSeconds: number,
    zh = `尝试次数过多，请 ${retryAfterSeconds} 秒后再试`,
    en = `too many attempts; retry in ${retryAfterSeconds} s`,
  ) {
    super(zh, en);
  }
}

/** Input that fails validation, with one message per field path. */
export class ValidationError extends DomainError {
  readonly code = 'validation_failed';
  constructor(
    readonly fields: { path: string; zh: string; en: string }[],
    zh = '输入有误',
    en = 'Invalid input',
  ) {
    super(zh, en);
  }
}
