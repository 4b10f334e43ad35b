import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import { auth, bodyOf, json } from '../support/app.ts';
import { xiamenLittleGiant } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';

/**
 * PUT /api/firms/{uscc}/figures: a firm keeps its own figures up to date, and its open requests
 * are matched again on them in the same write (FirmFiguresUpdated beside it).
 */
let world: World;
const uscc = buildUscc('91', '350203', 'MA8FGR01');
let firmToken: string;
let requestId: string;
const FIGURES = {
  employees: 120,
  revenueYuan: 240_000_000,
  rndExpenseYuan: 18_000_000,
  inventionPatents: 12,
  priorYearInterestPaidYuan: 0,
};
const put = (body: unknown, token = firmToken, target = uscc) =>
  world.app.request(`/api/firms/${target}/figures`, { ...json(body, token), method: 'PUT' });
const matchedIds = async () =>
  ((await world.store.requests.getMatches(requestId))?.matches ?? []).map((m) => m.productId);

beforeAll(async () => {
  world = await createWorld();
  await world.addFirm(xiamenLittleGiant({ uscc, ...FIGURES }));
  firmToken = await world.token({ role: 'firm', userId: 'cfo-fig', uscc });
  const submitted = await world.app.request(
    '/api/requests',
    json(
      {
        amountYuan: 20_000_000,
        purpose: 'working_capital',
        termMonths: 12,
        collateral: ['none'],
        kind: 'debt',
      },
      firmToken,
      { 'Idempotency-Key': 'figures-submit-0001' },
    ),
  );
  expect(submitted.status).toBe(201);
  requestId = (await bodyOf(submitted)).request.id;
});
afterAll(() => world.drop());

describe('PUT /api/firms/{uscc}/figures', () => {
  it('updates the figures, re-matches the open request at once, and writes FirmFiguresUpdated with what changed', async () => {
    expect(await matchedIds()).toContain('xiamen-credit-enhancement-fund');
    // 1,200 people is over that fund's headcount ceiling: it no longer fits.
    const res = await put({ ...FIGURES, employees: 1200 });
    expect(res.status).toBe(200);
    const body = await bodyOf(res);
    expect(body.changed).toEqual(['employees']);
    expect(body.firm.employees).toBe(1200);
    expect(body.rematched).toEqual([
      expect.objectContaining({
        requestId,
        lost: expect.arrayContaining(['xiamen-credit-enhancement-fund']),
      }),
    ]);
    expect((await world.store.firms.get(uscc))!.employees).toBe(1200);
    expect(await matchedIds()).not.toContain('xiamen-credit-enhancement-fund');
    const lost = await world.store.requests.lostProducts(requestId);
    expect(lost.map((l) => l.productId)).toContain('xiamen-credit-enhancement-fund');
    expect(lost[0]!.cause.en).toContain('figures');

    const events = await world.store.db.doc.send(
      new (await import('@aws-sdk/lib-dynamodb')).ScanCommand({
        TableName: world.store.db.tableName,
        FilterExpression: 'entity = :e AND eventType = :t',
        ExpressionAttributeValues: { ':e': 'Event', ':t': 'FirmFiguresUpdated' },
      }),
    );
    expect(events.Items?.map((i) => i.event.detail)).toEqual([{ uscc, fields: ['employees'] }]);

    // Back to 120: the fund fits again, and is no longer flagged as lost.
    const back = await bodyOf(await put(FIGURES));
    expect(back.rematched[0].gained).toContain('xiamen-credit-enhancement-fund');
    expect(await matchedIds()).toContain('xiamen-credit-enhancement-fund');
    expect((await world.store.requests.lostProducts(requestId)).map((l) => l.productId)).not.toContain(
      'xiamen-credit-enhancement-fund',
    );
  });

  it('writes nothing when nothing changed', async () => {
    const res = await put(FIGURES);
    expect(res.status).toBe(200);
    expect(await bodyOf(res)).toMatchObject({ changed: [], rematched: [] });
  });

  it('refuses bad figures with field messages in both languages, and stores nothing', async () => {
    const res = await put({ ...FIGURES, employees: -1, revenueYuan: 1.5 });
    expect(res.status).toBe(400);
    const { error } = await bodyOf(res);
    const paths = error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['employees', 'revenueYuan']));
    for (const f of error.fields) {
      expect(f.zh).toBeTruthy();
      expect(f.en).toBeTruthy();
    }
    const missing = await put({ employees: 10 });
    expect(missing.status).toBe(400);
    expect((await world.store.firms.get(uscc))!.employees).toBe(120);
  });

  it('is the firm’s own: another firm gets a 404, an officer or operator a 403', async () => {
    const other = await world.token({
      role: 'firm',
      userId: 'other',
      uscc: buildUscc('91', '350203', 'MA8FGR02'),
    });
    expect((await put(FIGURES, other)).status).toBe(404);
    const officer = await world.token({
      role: 'officer',
      userId: 'o',
      institutionId: 'xiamen-finance-bureau',
    });
    expect((await put(FIGURES, officer)).status).toBe(403);
    const operator = await world.token({ role: 'operator', userId: 'op', regionPrefix: '3502' });
    expect((await put(FIGURES, operator)).status).toBe(403);
    expect((await world.app.request(`/api/firms/${uscc}/figures`, auth(firmToken))).status).toBe(404);
  });
});
