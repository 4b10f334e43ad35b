import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import { bodyOf, json } from '../support/app.ts';
import { hangzhouLittleGiant, xiamenLittleGiant } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';

let world: World;
let firmToken: string;
const uscc = buildUscc('91', '350203', 'MA8TKDM1');

beforeAll(async () => {
  world = await createWorld();
  await world.addFirm(xiamenLittleGiant({ uscc }));
  firmToken = await world.token({ role: 'firm', userId: 'u-idem', uscc });
});
afterAll(() => world.drop());

const ask = {
  amountYuan: 30_000_000,
  purpose: 'equipment_upgrade',
  termMonths: 36,
  collateral: ['equipment'],
};
const submit = (body: unknown, key?: string) =>
  world.app.request('/api/requests', json(body, firmToken, key ? { 'Idempotency-Key': key } : {}));

async function countEntities(entity: string) {
  const out = await world.store.db.doc.send(
    new ScanCommand({
      TableName: world.store.db.tableName,
      FilterExpression: 'entity = :e',
      ExpressionAttributeValues: { ':e': entity },
    }),
  );
  return out.Items?.length ?? 0;
}

describe('POST /api/requests with Idempotency-Key', () => {
  it('20 concurrent identical POSTs with one key store one request and all get the same answer', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => submit(ask, 'concurrent-key-0001')));
    const bodies = await Promise.all(results.map(bodyOf));
    expect(new Set(bodies.map((b) => b.request.id)).size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(19);
    // Same answer: DynamoDB does not keep map key order, so compare structurally.
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(await countEntities('Request')).toBe(1);
    const events = await world.store.db.doc.send(
      new ScanCommand({
        TableName: world.store.db.tableName,
        FilterExpression: 'eventType = :t',
        ExpressionAttributeValues: { ':t': 'RequestSubmitted' },
      }),
    );
    expect(events.Items).toHaveLength(1);
  });

  it('same key + different body → 422, nothing stored', async () => {
    const first = await submit(ask, 'reuse-key-0001');
    expect(first.status).toBe(201);
    const before = await countEntities('Request');
    const second = await submit({ ...ask, amountYuan: 31_000_000 }, 'reuse-key-0001');
    expect(second.status).toBe(422);
    expect((await bodyOf(second)).error.message.en).toContain('different request body');
    expect(await countEntities('Request')).toBe(before);
  });

  it('missing Idempotency-Key → 400 naming the header, nothing stored', async () => {
    const before = await countEntities('Request');
    const res = await submit(ask);
    expect(res.status).toBe(400);
    const body = await bodyOf(res);
    expect(body.error.fields[0].path).toBe('headers.Idempotency-Key');
    expect(body.error.fields[0].zh).toContain('Idempotency-Key');
    expect(await countEntities('Request')).toBe(before);
  });

  it.each([
    ['zero amount', { ...ask, amountYuan: 0 }, 'amountYuan'],
    ['fractional amount', { ...ask, amountYuan: 1000.5 }, 'amountYuan'],
    ['amount over 10^11', { ...ask, amountYuan: 100_000_000_001 }, 'amountYuan'],
    ['unknown purpose', { ...ask, purpose: 'speculation' }, 'purpose'],
    ['bridge without the maturing loan', { ...ask, purpose: 'bridge' }, 'maturingLoanYuan'],
  ])('%s → 400 naming %s, nothing stored', async (_label, body, field) => {
    const before = await countEntities('Request');
    const res = await submit(body, `bad-input-${field}-${Math.random().toString(36).slice(2, 8)}`);
    expect(res.status).toBe(400);
    const fields = (await bodyOf(res)).error.fields as { path: string; zh: string; en: string }[];
    expect(fields.map((f) => f.path)).toContain(field);
    expect(await countEntities('Request')).toBe(before);
    expect(await countEntities('Idempotency')).toBeGreaterThan(0);
  });
});

describe('sending', () => {
  it('refuses unknown product ids and more than 5 institutions, changing nothing', async () => {
    const { request } = await bodyOf(await submit({ ...ask, amountYuan: 9_000_000 }, 'send-limits-0001'));
    const unknown = await world.app.request(
      `/api/requests/${request.id}/send`,
      json({ productIds: ['no-such-product'] }, firmToken),
    );
    expect(unknown.status).toBe(400);
    expect((await bodyOf(unknown)).error.fields[0].en).toContain('no-such-product');
    const tooMany = await world.app.request(`/api/requests/${request.id}/send`, json({ topK: 6 }, firmToken));
    expect(tooMany.status).toBe(400);
    expect((await world.store.requests.get(request.id))?.sentTo).toEqual([]);
    expect(await world.store.leads.ofRequest(await world.store.requests.require(request.id))).toEqual([]);
  });

  it('defaults to the top 3 institutions, and never lets a request reach more than 5', async () => {
    const hzUscc = buildUscc('91', '330106', 'MA2TKDM2');
    await world.addFirm(hangzhouLittleGiant({ uscc: hzUscc }));
    const hzToken = await world.token({ role: 'firm', userId: 'u-hz', uscc: hzUscc });
    const hzAsk = {
      amountYuan: 8_000_000,
      purpose: 'working_capital',
      termMonths: 12,
      collateral: ['none', 'ip'],
    };
    const { request } = await bodyOf(
      await world.app.request(
        '/api/requests',
        json(hzAsk, hzToken, { 'Idempotency-Key': 'send-limits-0002' }),
      ),
    );
    const first = await bodyOf(
      await world.app.request(`/api/requests/${request.id}/send`, json({}, hzToken)),
    );
    expect(first.request.sentTo).toHaveLength(3);
    const more = await world.app.request(`/api/requests/${request.id}/send`, json({ topK: 3 }, hzToken));
    expect(more.status).toBe(422);
    expect((await bodyOf(more)).error.message.en).toContain('at most 5');
    expect((await world.store.requests.get(request.id))?.sentTo).toHaveLength(3);
  });
});
