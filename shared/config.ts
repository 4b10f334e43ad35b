import * as z from 'zod';

/**
 * Environment, parsed once at start-up; a bad or missing variable stops the process
 * with its name. Only entry points (functions/, local/) call this: the domain never reads env.
 */
/**
 * The old public demo secret. Anyone can sign tokens with it, so the Lambda refuses it and
 * the local server refuses it on any address but loopback. Without AUTH_SECRET the local
 * server uses a random secret kept in its data folder (see local/secret.ts).
 */
export const DEFAULT_AUTH_SECRET = 'jingrong-local-demo-secret-change-me';

/** Built when first parsed: the Lambda functions import this module for parseEnvWith alone. */
const envSchema = () =>
  z.object({
    TABLE_NAME: z.string().min(3).default('jingrong'),
    /** Set locally to DynamoDB Local's URL; unset in AWS. */
    DYNAMODB_ENDPOINT: z.url().optional(),
    AWS_REGION: z.string().optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** Address the local server listens on: loopback unless you mean to share it (see README). */
    HOST: z.string().min(1).default('127.0.0.1'),
    /** Local data folder for DynamoDB Local; "memory" keeps nothing across restarts. */
    JINGRONG_DATA_DIR: z.string().default('.data/dynamodb'),
    /** Port for the embedded DynamoDB Local. */
    DYNAMODB_PORT: z.coerce.number().int().min(1).max(65535).default(8700),
    /** local: HS256 tokens signed by this app; cognito: Cognito-issued JWTs. */
    AUTH_MODE: z.enum(['local', 'cognito']).default('local'),
    /** Secret for local tokens (HS256). Unset locally: a per-install random secret in the data folder. */
    AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must have at least 32 characters').optional(),
    USER_POOL_ID: z.string().optional(),
    USER_POOL_CLIENT_ID: z.string().optional(),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    /** Local mode: run the event backbone (stream relay, bus, timer sweep); off only to test recovery. */
    JINGRONG_BACKBONE: z.enum(['on', 'off']).default('on'),
    /** Local mode: how often the timer sweep runs (AWS: an EventBridge schedule, every minute). */
    JINGRONG_SWEEP_MS: z.coerce.number().int().min(100).default(60_000),
  });
export type Env = z.infer<ReturnType<typeof envSchema>>;

export function parseEnv(env: NodeJS.ProcessEnv = process.env): Env {
  return parseEnvWith(envSchema(), env);
}

/** Parses an environment with a schema; a problem throws one error naming every bad or missing variable. */
export function parseEnvWith<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  return result.data;
}
