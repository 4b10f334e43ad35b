import {
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirmSchema } from '#domain/firm.ts';
import { buildUscc } from '#domain/uscc.ts';
import type { Key } from '#store/db.ts';
import { createStore, type Store } from '#store/index.ts';
import { seedCatalog } from '../../local/seed.ts';
import { bodyOf, createTestApp, json, tokenFor } from '../support/app.ts';
import { xiamenLittleGiant } from '../support/fixtures.ts';
import { createTestStore } from '../support/store.ts';

/**
 * In AWS a global secondary index is eventually consistent: an item just written may not be
 * in it yet (DynamoDB Local hides this, its indexes are always up to date). This client
 * plays an index that lags: once `lagging` is on, index queries leave out every item written
 * since. Code that reads its own writes by key (strongly consistent) doesn't notice.
 */
function laggingIndexes(doc: DynamoDBDocumentClient) {
  const unseen = new Set<string>();
  const note = (key: Partial<Key> | undefined) => key?.PK && unseen.add(`${key.PK}\u0000${key.SK}`);
  const state = { lagging: false, hidden: 0 };
  const client = {
    async send(command: unknown) {
      if (state.lagging) {
        if (command instanceof PutCommand) note(command.input.Item as Key);
        if (command instanceof UpdateCommand) note(command.input.Key as Key);
        if (command instanceof TransactWriteCommand)
          for (const t of command.input.TransactItems ?? [])
            note((t.Put?.Item ?? t.Update?.Key ?? t.Delete?.Key) as Key | undefined);
      }
      // biome-ignore lint/suspicious/noExplicitAny: forwards whatever command it was given
      const out = (await doc.send(command as any)) as { Items?: Record<string, unknown>[] };
      if (command instanceof QueryCommand && command.input.IndexName && out.Items) {
        const items = out.Items.filter((i) => !unseen.has(`${i.PK}\u0000${i.SK}`));
        state.hidden += out.Items.length - items.length;
        return { ...out, Items: items, Count: items.length };
      }
      return out;
    },
  };
  return { client: client as unknown as DynamoDBDocumentClient, state };
}

let store: Store;
let state: { lagging: boolean; hidden: number };
let drop: () => Promise<void>;
beforeAll(async () => {
  const created = await createTestStore();
  drop = created.drop;
  const lagging = laggingIndexes(created.store.db.doc);
  state = lagging.state;
  store = createStore(lagging.client, created.tableName);
  await seedCatalog(store, new Date('2026-11-01T00:00:00Z'));
});
afterAll(() => drop());

describe('reads after writes do not wait for an index', () => {
  it('send answers with every new lead, and withdraw closes them all, while the indexes lag', async () => {
    const uscc = buildUscc('91', '350203', 'MA8LAG01');
    await store.firms.upsert(FirmSchema.parse(xiamenLittleGiant({ uscc })), '2026-11-01T00:00:00Z');
    const { app } = createTestApp(store);
    const firm = await tokenFor({ role: 'firm', userId: 'u-lag', uscc });
    state.lagging = true;

    const submitted = await bodyOf(
      await app.request(
        '/api/requests',
        json({ amountYuan: 8_000_000, purpose: 'working_capital', termMonths: 12 }, firm, {
          'Idempotency-Key': 'lagging-index-1',
        }),
      ),
    );
    const id = submitted.request.id as string;
    const sent = await app.request(`/api/requests/${id}/send`, json({ topK: 2 }, firm));
    expect(sent.status).toBe(201);
    const answer = await bodyOf(sent);
    expect(answer.leads).toHaveLength(2);

    const listed = await bodyOf(await app.request(`/api/requests/${id}/leads`, { headers: auth(firm) }));
    expect(listed.items).toHaveLength(2);

    const withdrawn = await app.request(`/api/requests/${id}/withdraw`, json({}, firm));
    expect(withdrawn.status).toBe(200);
    expect((await bodyOf(withdrawn)).closedLeads).toBe(2);
    for (const lead of answer.leads as { id: string }[])
      expect((await store.leads.get(lead.id))?.status).toBe('withdrawn');

    // The lag was real: an index query made now misses the leads just written.
    const officer = await tokenFor({
      role: 'officer',
      userId: 'o-lag',
      institutionId: answer.leads[0].institutionId,
    });
    const before = state.hidden;
    const inbox = await bodyOf(await app.request('/api/leads', { headers: auth(officer) }));
    expect(inbox.items.map((l: { id: string }) => l.id)).not.toContain(answer.leads[0].id);
    expect(state.hidden).toBeGreaterThan(before);
  });
});

function auth(token: string) {
  return { authorization: `Bearer ${token}` };
}
