import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import { browser } from '../pages/browser.ts';
import { auth, bodyOf, json } from '../support/app.ts';
import { createWorld, type World } from '../support/world.ts';

/**
 * LPR fixings as operators' data: recorded (operators only, validated, audited), used by the
 * matcher from their date on, and a warning while the latest is older than 35 days.
 * The test clock is 2026-11-23 (Asia/Shanghai); the catalog's latest fixing is 2025-05-20.
 */
const USCC = buildUscc('91', '350203', 'MA2LPR01');
let world: World;
let operator: string;
let firm: string;
let officer: string;

beforeAll(async () => {
  world = await createWorld();
  operator = await world.token({ role: 'operator', userId: 'op-xm', regionPrefix: '3502' });
  firm = await world.token({ role: 'firm', userId: 'f-1', uscc: USCC });
  officer = await world.token({ role: 'officer', userId: 'o-1', institutionId: 'xiamen-demo-bank' });
});
afterAll(() => world.drop());

describe('LPR fixings', () => {
  it('the catalog’s latest fixing is 18 months old: stale', async () => {
    const body = await bodyOf(await world.app.request('/api/lpr-fixings', auth(officer)));
    expect(body.latest.effectiveFrom).toBe('2025-05-20');
    expect(body.stale).toBe(true);
    const page = await (await browser(world, operator).get('/operator/lpr')).text();
    expect(page).toContain('天前的（超过 35 天）');
  });

  it('only operators record (403), bad input is a 400 naming the field, nothing stored', async () => {
    const fixing = { effectiveFrom: '2026-11-20', oneYearBp: 290, overFiveYearBp: 340 };
    expect((await world.app.request('/api/lpr-fixings', json(fixing, firm))).status).toBe(403);
    expect((await world.app.request('/api/lpr-fixings', json(fixing, officer))).status).toBe(403);
    const future = await world.app.request(
      '/api/lpr-fixings',
      json({ ...fixing, effectiveFrom: '2026-12-20' }, operator),
    );
    expect(future.status).toBe(400);
    expect((await bodyOf(future)).error.fields[0].path).toBe('effectiveFrom');
    const inverted = await world.app.request(
      '/api/lpr-fixings',
      json({ ...fixing, oneYearBp: 400 }, operator),
    );
    expect(inverted.status).toBe(400);
    const page = await browser(world, operator).post('/operator/lpr', {
      effectiveFrom: '2026-11-20',
      oneYearBp: '二点九',
      overFiveYearBp: '3.40',
    });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('年利率应写作如 3.45');
    expect(
      (await bodyOf(await world.app.request('/api/lpr-fixings', auth(operator)))).latest.effectiveFrom,
    ).toBe('2025-05-20');
  });

  it('an operator records the month’s fixing in percent on the page; it is audited, used from its date, no longer stale', async () => {
    const res = await browser(world, operator).post('/operator/lpr', {
      effectiveFrom: '2026-11-20',
      oneYearBp: '2.90',
      overFiveYearBp: '3.40%',
    });
    expect(res.status).toBe(303);
    const body = await bodyOf(await world.app.request('/api/lpr-fixings', auth(operator)));
    expect(body.latest).toMatchObject({ effectiveFrom: '2026-11-20', oneYearBp: 290, overFiveYearBp: 340 });
    expect(body.fixings[0].recorded.recordedBy).toBe('op-xm');
    expect(body.stale).toBe(false);
    // Once per date: a second one for the same date is refused.
    const again = await world.app.request(
      '/api/lpr-fixings',
      json({ effectiveFrom: '2026-11-20', oneYearBp: 280, overFiveYearBp: 330 }, operator),
    );
    expect(again.status).toBe(400);
    // What-if matching costs loans on the new fixing.
    const match = await world.app.request(
      '/api/match',
      json({
        firm: {
          uscc: USCC,
          name: '厦门测试科技有限公司',
          regionCode: '350203',
          industryCode: 'C3981',
          foundedOn: '2015-01-01',
          employees: 120,
          revenueYuan: 80_000_000,
          rndExpenseYuan: 6_000_000,
          inventionPatents: 3,
          certifications: [],
        },
        request: {
          amountYuan: 5_000_000,
          purpose: 'working_capital',
          termMonths: 12,
          collateral: ['none'],
          kind: 'debt',
        },
      }),
    );
    expect(match.status).toBe(200);
    expect((await bodyOf(match)).lpr).toMatchObject({ effectiveFrom: '2026-11-20', oneYearBp: 290 });
  });
});
