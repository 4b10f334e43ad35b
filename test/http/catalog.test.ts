import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import { bodyOf, json } from '../support/app.ts';
import { chongqingSrdi } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';

let world: World;
let operator: string;
beforeAll(async () => {
  world = await createWorld();
  operator = await world.token({ role: 'operator', userId: 'op-cq', regionPrefix: '50' });
});
afterAll(() => world.drop());

/** A new Chongqing bank product an operator publishes (a demo bank that the catalog already has). */
const newLoan = {
  id: 'chongqing-demo-bank-tech-loan',
  kind: 'bank_loan',
  institutionId: 'chongqing-demo-bank',
  name: { zh: '科创积分贷（示例）', en: 'Tech-score loan (demo)' },
  amount: { minYuan: 1_000_000, maxYuan: 5_000_000 },
  term: { maxMonths: 24 },
  pricing: { type: 'lpr_spread', spreadBp: 20 },
  regionScope: ['50'],
  eligibility: [{ rule: 'tier_at_least', tier: 'innovative_sme' }],
  demo: true,
  source: { city: 'chongqing', seedFile: '002_c5f9ca10f9e33068.txt' },
};

async function productEvents() {
  const out = await world.store.db.doc.send(
    new ScanCommand({
      TableName: world.store.db.tableName,
      FilterExpression: 'eventType = :t',
      ExpressionAttributeValues: { ':t': 'ProductPublished' },
    }),
  );
  return out.Items ?? [];
}

describe('publishing a product (operator)', () => {
  it('rejects a bad product with 400 naming the field, storing nothing', async () => {
    const bad = { ...newLoan, pricing: { type: 'lpr_spread', spreadBp: 2.5 } };
    const res = await world.app.request('/api/products', json(bad, operator));
    expect(res.status).toBe(400);
    const body = await bodyOf(res);
    expect(body.error.fields.map((f: { path: string }) => f.path)).toContain('pricing.spreadBp');
    expect(await world.store.catalog.getProduct(newLoan.id)).toBeUndefined();
    expect(await productEvents()).toHaveLength(0);
  });

  it('refuses a product of an unknown institution (404), storing nothing', async () => {
    const res = await world.app.request(
      '/api/products',
      json({ ...newLoan, institutionId: 'no-such-bank' }, operator),
    );
    expect(res.status).toBe(404);
    expect(await world.store.catalog.getProduct(newLoan.id)).toBeUndefined();
  });

  it('publishes (201) with its event; the next match sees it; the same id again is 409', async () => {
    const uscc = buildUscc('91', '500112', 'MA5TPUB1');
    await world.addFirm(chongqingSrdi({ uscc }));
    const firm = await world.token({ role: 'firm', userId: 'u-pub', uscc });
    const ask = { amountYuan: 3_000_000, purpose: 'working_capital', termMonths: 12 };
    const before = await bodyOf(
      await world.app.request('/api/requests', json(ask, firm, { 'Idempotency-Key': 'publish-before-1' })),
    );
    expect(before.matches.matches.map((m: { productId: string }) => m.productId)).not.toContain(newLoan.id);

    const res = await world.app.request('/api/products', json(newLoan, operator));
    expect(res.status).toBe(201);
    expect((await productEvents()).map((e) => e.event.subject)).toEqual([newLoan.id]);
    const listed = await bodyOf(await world.app.request('/api/products?institutionId=chongqing-demo-bank'));
    expect(listed.items.map((p: { id: string }) => p.id)).toContain(newLoan.id);

    const after = await bodyOf(
      await world.app.request('/api/requests', json(ask, firm, { 'Idempotency-Key': 'publish-after-1' })),
    );
    expect(after.matches.matches.map((m: { productId: string }) => m.productId)).toContain(newLoan.id);

    expect((await world.app.request('/api/products', json(newLoan, operator))).status).toBe(409);
  });

  it('is refused to firms and to officers of another institution (403); an own officer only drafts', async () => {
    for (const token of [
      await world.token({ role: 'officer', userId: 'o', institutionId: 'xiamen-demo-bank' }),
      await world.token({ role: 'firm', userId: 'f', uscc: buildUscc('91', '500112', 'MA5TPUB2') }),
    ]) {
      const res = await world.app.request('/api/products', json({ ...newLoan, id: 'x-other' }, token));
      expect(res.status).toBe(403);
    }
    const own = await world.token({ role: 'officer', userId: 'o2', institutionId: 'chongqing-demo-bank' });
    const res = await world.app.request('/api/products', json({ ...newLoan, id: 'x-own-draft' }, own));
    expect(res.status).toBe(201);
    expect((await bodyOf(res)).status).toBe('draft');
  });
});

describe('catalog reads', () => {
  it('filters products by kind and by the firm’s region', async () => {
    const xiamen = await bodyOf(await world.app.request('/api/products?region=350203'));
    const ids = xiamen.items.map((p: { id: string }) => p.id);
    expect(ids).toContain('xiamen-tech-innovation-fund');
    expect(ids.some((id: string) => id.startsWith('chongqing-'))).toBe(false);
    const loans = await bodyOf(await world.app.request('/api/products?kind=equity_fund'));
    expect(loans.items.every((p: { kind: string }) => p.kind === 'equity_fund')).toBe(true);
    expect((await world.app.request('/api/products?kind=lottery')).status).toBe(400);
    expect((await world.app.request('/api/products/no-such-product')).status).toBe(404);
  });

  it('serves the OpenAPI document built from the route schemas, and the reference page', async () => {
    const doc = await bodyOf(await world.app.request('/api/openapi.json'));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/firms',
        '/api/requests',
        '/api/leads/{id}/transitions',
        '/api/match',
        '/api/products',
      ]),
    );
    const firmBody = doc.paths['/api/firms'].post.requestBody.content['application/json'].schema;
    expect(firmBody.required).toEqual(expect.arrayContaining(['uscc', 'name', 'regionCode']));
    expect(doc.paths['/api/requests'].post.parameters.map((p: { name: string }) => p.name)).toContain(
      'Idempotency-Key',
    );
    const page = await world.app.request('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(await page.text()).toContain('/api/leads/{id}/transitions');
  });
});
