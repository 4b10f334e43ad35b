import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#domain/principal.ts';
import { buildUscc } from '#domain/uscc.ts';
import { auth, bodyOf, json } from '../support/app.ts';
import { xiamenLittleGiant } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';

/** Equity requests → batches pushed to a fund → interested → an equity lead, on DynamoDB Local through the HTTP app. */
let world: World;
const officer: Principal = {
  role: 'officer',
  userId: 'u-fund-officer',
  institutionId: 'national-sme-fund-xiamen',
};
const otherOfficer: Principal = {
  role: 'officer',
  userId: 'u-other',
  institutionId: 'xiamen-industry-investment-fund',
};
const bank: Principal = { role: 'officer', userId: 'u-bank', institutionId: 'xiamen-demo-bank' };
const xiamenOperator: Principal = { role: 'operator', userId: 'u-op-xm', regionPrefix: '3502' };
const chongqingOperator: Principal = { role: 'operator', userId: 'u-op-cq', regionPrefix: '50' };

const fundBody = {
  name: { zh: '国家中小企业发展基金厦门子基金', en: 'National SME Development Fund — Xiamen sub-fund' },
  productId: 'national-sme-fund-xiamen-subfund',
  preferences: {
    industryPrefixes: ['C39', 'C26'],
    stages: ['growth', 'expansion'],
    tiers: ['srdi_sme'],
    ticket: { minYuan: 10_000_000, maxYuan: 100_000_000 },
    regionPrefixes: ['3502'],
    fundSizeYuan: 2_500_000_000,
  },
};

const send = (
  method: string,
  path: string,
  body: unknown,
  p: Principal,
  headers: Record<string, string> = {},
) => world.token(p).then((t) => world.app.request(path, { ...json(body, t, headers), method }));
const get = (path: string, p: Principal) => world.token(p).then((t) => world.app.request(path, auth(t)));

/** A Xiamen firm with an open equity request; returns its principal and request id. */
async function equityFirm(n: number, consent = true, overrides = {}) {
  const firm = await world.addFirm(
    xiamenLittleGiant({
      uscc: buildUscc('91', '350203', `MA8EQ${String(n).padStart(3, '0')}`),
      name: `厦门股权测试企业${n}`,
      ...overrides,
    }),
  );
  const p: Principal = { role: 'firm', userId: `u-firm-${n}`, uscc: firm.uscc };
  const res = await send(
    'POST',
    '/api/requests',
    {
      amountYuan: 30_000_000 + n * 1_000_000,
      purpose: 'expansion',
      termMonths: 60,
      collateral: ['none'],
      kind: 'equity',
    },
    p,
    { 'Idempotency-Key': `equity-test-${n}-0001` },
  );
  expect(res.status).toBe(201);
  const { request } = await bodyOf(res);
  if (consent)
    expect(
      (await send('POST', `/api/requests/${request.id}/push-consent`, { stage: 'growth' }, p)).status,
    ).toBe(201);
  return { p, requestId: request.id as string, uscc: firm.uscc };
}

beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.drop());

describe('funds and their preferences', () => {
  it('a fund manager’s officer keeps its fund; a bank cannot; bad preferences are a 400 naming the field', async () => {
    expect((await send('PUT', '/api/funds/nsf-xiamen', fundBody, officer)).status).toBe(200);
    expect((await send('PUT', '/api/funds/bank-fund', fundBody, bank)).status).toBe(422);
    const bad = await send(
      'PUT',
      '/api/funds/nsf-xiamen',
      {
        ...fundBody,
        preferences: { ...fundBody.preferences, ticket: { minYuan: 0, maxYuan: 9_000_000_000 } },
      },
      officer,
    );
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).error.fields.map((f: { path: string }) => f.path)).toContain(
      'preferences.ticket.maxYuan',
    );
    // Another manager cannot take the fund over.
    expect((await send('PUT', '/api/funds/nsf-xiamen', fundBody, otherOfficer)).status).toBe(409);
    const listed = await bodyOf(await get('/api/funds', xiamenOperator));
    expect(listed.items.map((f: { id: string }) => f.id)).toContain('nsf-xiamen');
    expect((await bodyOf(await get('/api/funds', chongqingOperator))).items).toEqual([]);
  });
});

describe('equity request → batch → interested → equity lead', () => {
  it('runs the whole path, anonymised for the fund, with equity terms and no annual rate', async () => {
    const a = await equityFirm(1);
    const b = await equityFirm(2, true, { industryCode: 'I6513' });
    const silent = await equityFirm(3, false);

    // The operator previews: consenting requests only, ranked by fit.
    const preview = await bodyOf(
      await send('POST', '/api/batches/preview', { fundId: 'nsf-xiamen', minFit: 0 }, xiamenOperator),
    );
    const ranked = preview.entries.map((e: { requestId: string }) => e.requestId);
    expect(ranked).toEqual([a.requestId, b.requestId]);
    expect(ranked).not.toContain(silent.requestId);

    const pushed = await send('POST', '/api/batches', { fundId: 'nsf-xiamen', minFit: 0 }, xiamenOperator);
    expect(pushed.status).toBe(201);
    const batch = await bodyOf(pushed);
    expect(batch).toMatchObject({ id: 'nsf-xiamen.1', number: 1, summary: { firms: 2, srdiFirms: 2 } });
    // Nothing is pushed twice to the same fund.
    expect(
      (await send('POST', '/api/batches', { fundId: 'nsf-xiamen', minFit: 0 }, xiamenOperator)).status,
    ).toBe(422);

    // The fund sees its batch anonymised.
    const seen = await bodyOf(await get('/api/batches/nsf-xiamen.1', officer));
    expect(seen.entries.every((e: { firm: unknown }) => e.firm === null)).toBe(true);
    expect(JSON.stringify(seen)).not.toContain(a.uscc);
    // …and generalised: bands, city and industry division, as a bank officer sees a debt lead.
    for (const e of seen.entries) {
      expect(e.profile).toMatchObject({ figuresSource: 'self_declared' });
      expect(e.profile.cityCode).toMatch(/^\d{4}00$/);
      expect(e.profile.industryDivision).toMatch(/^[A-T]$/);
      for (const exact of [
        'employees',
        'yearsSinceFounding',
        'regionCode',
        'industryCode',
        'tier',
        'certificates',
      ])
        expect(e.profile).not.toHaveProperty(exact);
    }
    expect((await get('/api/batches/nsf-xiamen.1', otherOfficer)).status).toBe(404);

    // Not for us, with a credit reason: refused; with equity reasons: kept.
    const credit = await send(
      'POST',
      `/api/batches/nsf-xiamen.1/entries/${b.requestId}/answer`,
      { decision: 'not_for_us', reasons: ['collateral_insufficient'] },
      officer,
    );
    expect(credit.status).toBe(400);
    const no = await send(
      'POST',
      `/api/batches/nsf-xiamen.1/entries/${b.requestId}/answer`,
      { decision: 'not_for_us', reasons: ['sector', 'valuation'] },
      officer,
    );
    expect(no.status).toBe(200);

    const yes = await send(
      'POST',
      `/api/batches/nsf-xiamen.1/entries/${a.requestId}/answer`,
      { decision: 'interested' },
      officer,
    );
    expect(yes.status).toBe(200);
    const { leadId, batch: answered } = await bodyOf(yes);
    expect(answered.outcomes).toEqual({ interested: 1, notForUs: 1, pending: 0 });
    expect(
      (
        await send(
          'POST',
          `/api/batches/nsf-xiamen.1/entries/${a.requestId}/answer`,
          { decision: 'interested' },
          officer,
        )
      ).status,
    ).toBe(409);

    // The equity lead: anonymous for the fund, its own state machine.
    let lead = await bodyOf(await get(`/api/equity-leads/${leadId}`, officer));
    expect(lead).toMatchObject({
      status: 'contacted',
      firm: null,
      source: { kind: 'batch', batchId: 'nsf-xiamen.1' },
      profile: { cityCode: '350200', figuresSource: 'self_declared' },
    });
    expect(lead.profile).not.toHaveProperty('employees');
    const move = async (action: object, p: Principal = officer) =>
      send('POST', `/api/equity-leads/${leadId}/transitions`, action, p);
    expect((await move({ action: 'approve', amountYuan: 1, annualRateBp: 300, termMonths: 12 })).status).toBe(
      400,
    );
    expect((await move({ action: 'start_due_diligence' })).status).toBe(200);
    expect(
      (
        await move({
          action: 'sign_term_sheet',
          amountYuan: 30_000_000,
          preMoneyValuationYuan: 270_000_000,
          signedOn: '2026-12-10',
        })
      ).status,
    ).toBe(200);
    expect(
      (await move({ action: 'close_investment', amountYuan: 40_000_000, closedOn: '2027-01-10' })).status,
    ).toBe(422);
    const closed = await move({ action: 'close_investment', amountYuan: 30_000_000, closedOn: '2027-01-10' });
    expect(closed.status).toBe(200);
    lead = await bodyOf(closed);
    expect(lead).toMatchObject({ status: 'invested', investment: { amountYuan: 30_000_000, stakeBp: 1000 } });
    expect(JSON.stringify(lead)).not.toMatch(/annualRate|disburse/);

    // The firm follows its lead and reveals itself; then the fund sees its name.
    const mine = await bodyOf(await get('/api/equity-leads', a.p));
    expect(mine.items.map((l: { id: string }) => l.id)).toEqual([leadId]);
    expect((await send('POST', `/api/equity-leads/${leadId}/reveal`, {}, a.p)).status).toBe(200);
    expect((await bodyOf(await get(`/api/equity-leads/${leadId}`, officer))).firm).toMatchObject({
      uscc: a.uscc,
    });
    // Someone else's lead is a 404.
    expect((await get(`/api/equity-leads/${leadId}`, b.p)).status).toBe(404);
  });

  it('refuses a fund outside the operator’s region and a debt request’s consent, storing nothing', async () => {
    const before = await bodyOf(await get('/api/batches', chongqingOperator));
    const res = await send('POST', '/api/batches', { fundId: 'nsf-xiamen', minFit: 0 }, chongqingOperator);
    expect(res.status).toBe(422);
    expect((await bodyOf(res)).error.message.en).toMatch(/does not invest in your region/);
    expect(await bodyOf(await get('/api/batches', chongqingOperator))).toEqual(before);

    const firm = await world.addFirm(xiamenLittleGiant({ uscc: buildUscc('91', '350203', 'MA8EQDBT') }));
    const p: Principal = { role: 'firm', userId: 'u-debt', uscc: firm.uscc };
    const debt = await bodyOf(
      await send(
        'POST',
        '/api/requests',
        {
          amountYuan: 5_000_000,
          purpose: 'working_capital',
          termMonths: 12,
          collateral: ['none'],
          kind: 'debt',
        },
        p,
        {
          'Idempotency-Key': 'equity-test-debt-0001',
        },
      ),
    );
    expect((await send('POST', `/api/requests/${debt.request.id}/push-consent`, {}, p)).status).toBe(422);
    const pool = await bodyOf(await get('/api/equity/pool', xiamenOperator));
    expect(pool.items.map((e: { requestId: string }) => e.requestId)).not.toContain(debt.request.id);
  });
});
