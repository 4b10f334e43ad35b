import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import { auth, bodyOf, json } from '../support/app.ts';
import { createWorld, type World } from '../support/world.ts';

/**
 * Who may publish: an institution's officers draft, edit and submit its products; an
 * operator of a region the product serves approves (it goes live), suspends or retires;
 * operators register firms of their own region only.
 */
let world: World;
let xmBankOfficer: string;
let cqBankOfficer: string;
let xmOperator: string;
let cqOperator: string;

const draft = {
  id: 'xiamen-demo-zero-loan',
  kind: 'bank_loan',
  institutionId: 'xiamen-demo-bank',
  name: { zh: '示例零息贷（示例）', en: 'Zero-rate loan (demo)' },
  amount: { maxYuan: 5_000_000 },
  term: { maxMonths: 12 },
  pricing: { type: 'lpr_spread', spreadBp: -300 },
  regionScope: ['3502'],
  eligibility: [],
  demo: true,
  source: { city: 'xiamen', seedFile: '000_49b5be6c3e6efe59.txt' },
};

const post = (_path: string, token: string) => auth(token, { method: 'POST' });

beforeAll(async () => {
  world = await createWorld();
  xmBankOfficer = await world.token({ role: 'officer', userId: 'o-xm', institutionId: 'xiamen-demo-bank' });
  cqBankOfficer = await world.token({
    role: 'officer',
    userId: 'o-cq',
    institutionId: 'chongqing-demo-bank',
  });
  xmOperator = await world.token({ role: 'operator', userId: 'op-xm', regionPrefix: '3502' });
  cqOperator = await world.token({ role: 'operator', userId: 'op-cq', regionPrefix: '50' });
});
afterAll(async () => {
  await world.drop();
});

async function status(id: string, token?: string) {
  const res = await world.app.request(`/api/products/${id}`, token ? auth(token) : {});
  return res.status === 200 ? (await bodyOf(res)).status : res.status;
}

describe('product publishing workflow', () => {
  it('a product serving a city not in the region table is refused (400, field named), nothing stored', async () => {
    const res = await world.app.request(
      '/api/products',
      json({ ...draft, id: 'xiamen-demo-nowhere', regionScope: ['3599'] }, xmBankOfficer),
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(await bodyOf(res))).toContain('3599');
    expect(await status('xiamen-demo-nowhere', xmBankOfficer)).toBe(404);
  });

  it('an operator of another city cannot publish under a Xiamen bank (403), nothing stored', async () => {
    const res = await world.app.request('/api/products', json(draft, cqOperator));
    expect(res.status).toBe(403);
    expect(await status(draft.id, cqOperator)).toBe(404);
  });

  it('the bank drafts; drafts are not public and not matched; other institutions cannot touch them', async () => {
    const res = await world.app.request('/api/products', json(draft, xmBankOfficer));
    expect(res.status).toBe(201);
    expect((await bodyOf(res)).status).toBe('draft');
    expect(await status(draft.id)).toBe(404); // not public
    expect(await status(draft.id, cqBankOfficer)).toBe(404);
    expect(await status(draft.id, xmBankOfficer)).toBe('draft');
    const list = await bodyOf(await world.app.request('/api/products?institutionId=xiamen-demo-bank'));
    expect(list.items.map((p: { id: string }) => p.id)).not.toContain(draft.id);

    const edit = await world.app.request(`/api/products/${draft.id}`, {
      ...json({ ...draft, amount: { maxYuan: 3_000_000 } }, cqBankOfficer),
      method: 'PUT',
    });
    expect(edit.status).toBe(404);
    const ownEdit = await world.app.request(`/api/products/${draft.id}`, {
      ...json({ ...draft, amount: { maxYuan: 3_000_000 } }, xmBankOfficer),
      method: 'PUT',
    });
    expect(ownEdit.status).toBe(200);
    expect((await bodyOf(ownEdit)).amount.maxYuan).toBe(3_000_000);
    // A bad edit is a field-level 400 and changes nothing.
    const bad = await world.app.request(`/api/products/${draft.id}`, {
      ...json({ ...draft, pricing: { type: 'lpr_spread' } }, xmBankOfficer),
      method: 'PUT',
    });
    expect(bad.status).toBe(400);
  });

  it('only the bank submits; only an operator of a served region approves; then it is matched', async () => {
    expect((await world.app.request(`/api/products/${draft.id}/approve`, post('', xmOperator))).status).toBe(
      422,
    );
    expect((await world.app.request(`/api/products/${draft.id}/submit`, post('', xmOperator))).status).toBe(
      403,
    );
    expect(
      (await world.app.request(`/api/products/${draft.id}/submit`, post('', xmBankOfficer))).status,
    ).toBe(200);
    expect(
      (await world.app.request(`/api/products/${draft.id}/approve`, post('', xmBankOfficer))).status,
    ).toBe(403);
    expect((await world.app.request(`/api/products/${draft.id}/approve`, post('', cqOperator))).status).toBe(
      404,
    );
    expect((await world.app.request(`/api/products/${draft.id}/approve`, post('', xmOperator))).status).toBe(
      200,
    );
    expect(await status(draft.id)).toBe('active');
    // Once live it is no longer editable (retire it and draft anew).
    const edit = await world.app.request(`/api/products/${draft.id}`, {
      ...json(draft, xmBankOfficer),
      method: 'PUT',
    });
    expect(edit.status).toBe(422);

    const uscc = buildUscc('91', '350203', 'MA5WFL01');
    await world.addFirm({
      uscc,
      name: '厦门流程测试有限公司',
      regionCode: '350203',
      industryCode: 'C3981',
      foundedOn: '2015-01-01',
      employees: 50,
      revenueYuan: 20_000_000,
      rndExpenseYuan: 1_000_000,
      inventionPatents: 1,
    });
    const firm = await world.token({ role: 'firm', userId: 'u-wf', uscc });
    const ask = { amountYuan: 2_000_000, purpose: 'working_capital', termMonths: 12 };
    const live = await bodyOf(
      await world.app.request('/api/requests', json(ask, firm, { 'Idempotency-Key': 'workflow-live-1' })),
    );
    expect(live.matches.matches.map((m: { productId: string }) => m.productId)).toContain(draft.id);
  });

  it('retiring takes it out of matching without deleting it', async () => {
    expect(
      (await world.app.request(`/api/products/${draft.id}/retire`, post('', cqBankOfficer))).status,
    ).toBe(403);
    expect(
      (await world.app.request(`/api/products/${draft.id}/retire`, post('', xmBankOfficer))).status,
    ).toBe(200);
    expect(await status(draft.id, xmOperator)).toBe('retired');
    expect(await status(draft.id)).toBe(404);
    expect((await world.app.request(`/api/products/${draft.id}/retire`, post('', xmOperator))).status).toBe(
      422,
    );
  });
});

describe('operators register firms of their own region only', () => {
  const firm = (uscc: string, regionCode: string) => ({
    uscc,
    name: '区域测试有限公司',
    regionCode,
    industryCode: 'C3981',
    foundedOn: '2015-01-01',
    employees: 50,
    revenueYuan: 20_000_000,
    rndExpenseYuan: 1_000_000,
    inventionPatents: 1,
    account: { email: 'region-test@example.com', password: 'a-long-password-1', displayName: '张三' },
  });

  it('a Xiamen operator cannot register a Chongqing firm with a login (403, nothing stored)', async () => {
    const uscc = buildUscc('91', '500112', 'MA5RG001');
    const res = await world.app.request('/api/firms', json(firm(uscc, '500112'), xmOperator));
    expect(res.status).toBe(403);
    expect((await world.app.request(`/api/firms/${uscc}`, auth(cqOperator))).status).toBe(404);
  });

  it('registers a firm of its own region', async () => {
    const uscc = buildUscc('91', '350203', 'MA5RG002');
    const res = await world.app.request(
      '/api/firms',
      json({ ...firm(uscc, '350203'), account: undefined }, xmOperator),
    );
    expect(res.status).toBe(201);
  });
});
