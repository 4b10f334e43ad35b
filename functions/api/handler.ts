import { randomUUID } from 'node:crypto';
import { handle } from 'hono/aws-lambda';
import { createApp } from '#http/app.ts';
import { cognitoTokenVerifier, localTokenVerifier } from '#http/auth.ts';
import { DEFAULT_AUTH_SECRET, parseEnv } from '#shared/config.ts';
import { createLogger } from '#shared/logger.ts';
import { createDocumentClient, createDynamoClient } from '#store/client.ts';
import { createStore } from '#store/index.ts';

/** Cold start: env parsed once (fail fast with the variable's name), clients built once. */
const env = parseEnv();
const logger = createLogger({ service: 'jingrong-api' }, env.LOG_LEVEL);
const store = createStore(
  createDocumentClient(createDynamoClient({ region: env.AWS_REGION })),
  env.TABLE_NAME,
);

function verifier() {
  if (env.AUTH_MODE === 'cognito') {
    if (!env.USER_POOL_ID || !env.USER_POOL_CLIENT_ID || !env.AWS_REGION) {
      throw new Error(
        'Invalid environment: AUTH_MODE=cognito needs USER_POOL_ID, USER_POOL_CLIENT_ID and AWS_REGION',
      );
    }
    return cognitoTokenVerifier({ userPoolId: env.USER_POOL_ID, clientId: env.USER_POOL_CLIENT_ID });
  }
  if (!env.AUTH_SECRET || env.AUTH_SECRET === DEFAULT_AUTH_SECRET) {
    throw new Error(
      'Invalid environment: AUTH_MODE=local in Lambda needs its own AUTH_SECRET, not the demo default',
    );
  }
  return localTokenVerifier({ secret: env.AUTH_SECRET, now: () => new Date(), revocations: store.sessions });
}

const app = createApp({ store, logger, verifier: verifier(), now: () => new Date(), newId: randomUUID });

export const handler = handle(app);
