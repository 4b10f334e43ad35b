import { randomUUID } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import type { FundingRequestInput } from '#domain/funding-request.ts';
import { FundingRequestSchema } from '#domain/funding-request.ts';
import type { Principal } from '#domain/principal.ts';
import { silentLogger } from '#shared/logger.ts';
import { noMetrics } from '#shared/metrics.ts';
import { createDocumentClient, createDynamoClient } from '#store/client.ts';
import { createLocalStreamRelay, type StreamRelay } from '#store/stream-relay.ts';
import { type BusOptions, LocalBus } from '#usecases/backbone/bus.ts';
import type { BackboneDeps, Consumer } from '#usecases/backbone/context.ts';
import { CONSUMERS } from '#usecases/backbone/index.ts';
import { sendRequest, submitRequest } from '#usecases/requests.ts';
import { TEST_NOW } from './app.ts';
import { xiamenLittleGiant } from './fixtures.ts';
import { createWorld } from './world.ts';

/**
 * A seeded world with the event backbone: the relay over the test table's stream, the bus
 * with the real consumers, and a clock the test moves.
 */
export async function createBackboneWorld(
  options: { consumers?: Consumer[]; bus?: BusOptions; fetch?: typeof fetch } = {},
) {
  const world = await createWorld();
  const clock = { now: TEST_NOW };
  const deps: BackboneDeps = {
    store: world.store,
    logger: silentLogger,
    now: () => clock.now,
    newId: randomUUID,
    mode: 'local',
    random: () => 0.5,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  const endpoint = inject('dynamoEndpoint');
  const dynamo = createDynamoClient({ endpoint });
  const doc = createDocumentClient(dynamo);
  const TableName = world.store.tableName;
  /** Rows by key, for what no port reads (an outbox row) or writes (a row written around the outbox). */
  const raw = {
    get: async (Key: { PK: string; SK: string }) => (await doc.send(new GetCommand({ TableName, Key }))).Item,
    put: async (Item: Record<string, unknown>) => {
      await doc.send(new PutCommand({ TableName, Item }));
    },
    delete: async (Key: { PK: string; SK: string }) => {
      await doc.send(new DeleteCommand({ TableName, Key }));
    },
  };
  const relays: ReturnType<typeof createLocalStreamRelay>[] = [];
  const newBus = () =>
    new LocalBus(options.consumers ?? Object.values(CONSUMERS), deps, {
      attempts: 2,
      backoffMs: 5,
      ...options.bus,
    });
  const bus = newBus();
  const newRelay = (b: LocalBus = bus) => {
    const relay = createLocalStreamRelay({
      endpoint,
      tableName: TableName,
      ledger: world.store.backbone.ledger,
      onEvent: (d) => b.publish(d),
      logger: silentLogger,
    });
    relays.push(relay);
    return relay;
  };
  const relay = newRelay();
  /** Reads the stream until nothing new comes (consumers may write events of their own). */
  const drain = async (r: StreamRelay = relay) => {
    let total = 0;
    for (let idle = 0; idle < 2; ) {
      const n = await r.pollOnce();
      total += n;
      idle = n === 0 ? idle + 1 : 0;
    }
    return total;
  };
  const firmPrincipal = (uscc: string): Principal => ({ role: 'firm', userId: `user-${uscc}`, uscc });
  return {
    ...world,
    deps,
    raw,
    clock,
    bus,
    relay,
    newBus,
    newRelay,
    drain,
    firmPrincipal,
    /** A Xiamen little giant submits a request and sends it to its best institution: one new lead. */
    async newLead(request: Partial<FundingRequestInput> = {}) {
      const firm = await world.addFirm(xiamenLittleGiant());
      const principal = firmPrincipal(firm.uscc);
      const useCaseDeps = { store: world.store, metrics: noMetrics, now: deps.now, newId: randomUUID };
      const ask = FundingRequestSchema.parse({
        amountYuan: 5_000_000,
        purpose: 'working_capital',
        termMonths: 12,
        collateral: ['none'],
        kind: 'debt',
        ...request,
      });
      const submitted = await submitRequest(
        useCaseDeps,
        principal as Extract<Principal, { role: 'firm' }>,
        ask,
        randomUUID(),
      );
      const sent = await sendRequest(useCaseDeps, principal, submitted.request.id, { topK: 1 });
      return { firm, principal, request: submitted.request, lead: sent.leads[0]! };
    },
    async close() {
      for (const r of relays) r.close();
      dynamo.destroy();
      await world.drop();
    },
  };
}

export type BackboneWorld = Awaited<ReturnType<typeof createBackboneWorld>>;
