import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '#http/app.ts';
import { localTokenSigner, localTokenVerifier } from '#http/local-tokens.ts';
import { parseEnv } from '#shared/config.ts';
import { createLogger } from '#shared/logger.ts';
import { logMetrics } from '#shared/metrics.ts';
import { ensureTable } from '#store/bootstrap.ts';
import { createDocumentClient, createDynamoClient } from '#store/client.ts';
import { localDocumentStorage } from '#store/documents.ts';
import { createStore } from '#store/index.ts';
import { type LocalBackbone, startLocalBackbone } from './backbone.ts';
import { type DynamoLocal, JavaMissingError, startDynamoLocal } from './dynamodb-local.ts';
import { isLoopback, localSecret, unsafeBinding } from './secret.ts';
import { seedDemoData } from './seed.ts';

/**
 * `npm start`: the same app as in AWS, on an embedded DynamoDB Local.
 * 1. start DynamoDB Local (data folder kept across restarts, or in memory)
 * 2. create the table from the shared definition if missing
 * 3. seed the catalog and demo accounts (idempotent)
 * 4. serve the app on loopback (HOST); SIGINT/SIGTERM stop the server and the Java child.
 * Tokens are signed with AUTH_SECRET or this install's random secret (kept in the data folder);
 * the public demo secret on a non-loopback address stops the start-up.
 */
async function main() {
  const env = parseEnv();
  const logger = createLogger({ service: 'jingrong-local' }, env.LOG_LEVEL);
  const inMemory = env.JINGRONG_DATA_DIR === 'memory' || process.argv.includes('--in-memory');
  // Before anything starts: the public demo secret on a reachable address is refused outright.
  const refusal = unsafeBinding(env.HOST, env.AUTH_SECRET);
  if (refusal) {
    process.stderr.write(refusal);
    process.exit(1);
  }

  // An already running DynamoDB (Local) may be given; otherwise start the embedded one.
  let dynamo: DynamoLocal | undefined;
  let endpoint = env.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    try {
      dynamo = await startDynamoLocal({
        port: env.DYNAMODB_PORT,
        dataDir: inMemory ? undefined : env.JINGRONG_DATA_DIR,
      });
    } catch (error) {
      if (error instanceof JavaMissingError) {
        process.stderr.write(`${error.message}\n`);
        process.exit(1);
      }
      throw error;
    }
    endpoint = dynamo.endpoint;
  }
  logger.info('dynamodb ready', {
    endpoint,
    data: dynamo ? (inMemory ? 'in-memory' : env.JINGRONG_DATA_DIR) : 'external',
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    server?.close();
    await backbone?.stop();
    await dynamo?.stop();
    process.exit(0);
  };
  // Registered before the slow steps so an early Ctrl-C still stops the Java child.
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('exit', () => dynamo?.process.kill('SIGKILL'));
  let server: ReturnType<typeof serve> | undefined;
  let backbone: LocalBackbone | undefined;

  const { secret, source } = localSecret({
    envSecret: env.AUTH_SECRET,
    dataDir: inMemory ? undefined : env.JINGRONG_DATA_DIR,
  });

  const client = createDynamoClient({ endpoint });
  const table = await ensureTable(client, env.TABLE_NAME);
  logger.info('table', { table: env.TABLE_NAME, state: table });

  const store = createStore(createDocumentClient(client), env.TABLE_NAME);
  const seeded = await seedDemoData(store, new Date());
  logger.info('seeded', seeded);

  // Stream relay → in-process bus → consumers, and the timer sweep (off: commits events, handles none).
  if (env.JINGRONG_BACKBONE === 'on') {
    backbone = startLocalBackbone({
      endpoint,
      tableName: env.TABLE_NAME,
      sweepEveryMs: env.JINGRONG_SWEEP_MS,
      deps: {
        store,
        logger,
        metrics: logMetrics(logger),
        now: () => new Date(),
        newId: randomUUID,
        mode: 'local',
      },
    });
  }

  const app = createApp({
    store,
    logger,
    metrics: logMetrics(logger),
    verifier: localTokenVerifier({ secret, now: () => new Date(), revocations: store.sessions }),
    now: () => new Date(),
    newId: randomUUID,
    signer: localTokenSigner(secret),
    // Documents on leads: beside the database's data, or in a temporary folder when nothing is kept.
    documents: localDocumentStorage(
      inMemory
        ? mkdtempSync(join(tmpdir(), 'jingrong-documents-'))
        : join(env.JINGRONG_DATA_DIR, 'documents'),
    ),
    webhookMode: 'local',
  });
  server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    const host = isLoopback(env.HOST) ? 'localhost' : env.HOST;
    logger.info('listening', {
      url: `http://${host}:${info.port}`,
      docs: `http://${host}:${info.port}/docs`,
      tokenSecret: source,
    });
    if (!isLoopback(env.HOST))
      logger.warn('listening beyond loopback: anyone on the network can reach the demo accounts', {
        host: env.HOST,
      });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${JSON.stringify({ level: 'error', msg: 'start-up failed', error: String(error) })}\n`,
  );
  process.exit(1);
});
