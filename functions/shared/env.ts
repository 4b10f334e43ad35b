import * as z from 'zod';
import { parseEnvWith } from '#shared/config.ts';

/**
 * What every HTTP function needs from its environment, parsed once at cold start. A missing
 * or malformed variable stops the function before it serves anything, with the variable's
 * name in the error (the init failure shows in the function's log). No defaults here: a
 * Lambda that silently fell back to a local default table or secret would be worse.
 */
export const HttpFunctionEnvSchema = z.object({
  /** Set by the Lambda runtime. */
  AWS_REGION: z.string().min(1),
  TABLE_NAME: z.string().min(3),
  USER_POOL_ID: z.string().regex(/^[\w-]+_[0-9a-zA-Z]+$/, 'expected <region>_<id>'),
  USER_POOL_CLIENT_ID: z.string().min(1),
  /** Read by Powertools Logger; listed so a typo fails here rather than logging at the wrong level. */
  POWERTOOLS_LOG_LEVEL: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
});
export type HttpFunctionEnv = z.infer<typeof HttpFunctionEnvSchema>;

export function parseHttpFunctionEnv(env: NodeJS.ProcessEnv = process.env): HttpFunctionEnv {
  return parseEnvWith(HttpFunctionEnvSchema, env);
}

/** The pages also sign people in through Cognito's hosted sign-in. */
export const PagesFunctionEnvSchema = HttpFunctionEnvSchema.extend({
  /** Public base URL of the app (the HTTP API's URL): callback and sign-out URLs hang off it. */
  APP_URL: z.url({ protocol: /^https$/ }),
  /** The user pool's hosted sign-in domain, e.g. https://jingrong-1234.auth.cn-north-1.amazoncognito.com */
  SIGN_IN_DOMAIN_URL: z.url({ protocol: /^https$/ }),
});
export type PagesFunctionEnv = z.infer<typeof PagesFunctionEnvSchema>;

export function parsePagesFunctionEnv(env: NodeJS.ProcessEnv = process.env): PagesFunctionEnv {
  return parseEnvWith(PagesFunctionEnvSchema, env);
}

/** The firms' and officers' pages also upload and lend firms' documents on leads. */
export const DocumentPagesFunctionEnvSchema = PagesFunctionEnvSchema.extend({
  /** The bucket of firms' documents on leads (infra/constructs/documents.ts). */
  DOCUMENTS_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'expected an S3 bucket name'),
});
export type DocumentPagesFunctionEnv = z.infer<typeof DocumentPagesFunctionEnvSchema>;

export function parseDocumentPagesFunctionEnv(
  env: NodeJS.ProcessEnv = process.env,
): DocumentPagesFunctionEnv {
  return parseEnvWith(DocumentPagesFunctionEnvSchema, env);
}
