import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#domain/principal.ts';
import { buildUscc } from '#domain/uscc.ts';
import { bodyOf, json } from '../support/app.ts';
import { xiamenLittleGiant } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';
import { browser } from './browser.ts';

/** The equity pages, driven through their forms as a browser would. */
let world: World;
const officer: Principal = {
  role: 'officer',
  userId: 'u-pg-fund',
  institutionId: 'national-sme-fund-xiamen',
};
const operator: Principal = { role: 'operator', userId: 'u-pg-op', regionPrefix: '3502' };
let firm: Principal;

beforeAll(async () => {
  world = await createWorld();
  const t = await world.token(officer);
  await world.app.request('/api/funds/nsf-xiamen', {
    ...json(
      {
        name: { zh: '国家中小企业发展基金厦门子基金', en: 'National SME fund — Xiamen' },
        preferences: {
          industryPrefixes: ['C39'],
          ticket: { minYuan: 1_000_000, maxYuan: 90_000_000 },
          regionPrefixes: ['3502'],
          fundSizeYuan: 2_500_000_000,
        },
      },
      t,
    ),
    method: 'PUT',
  });
  const f = await world.addFirm(
    xiamenLittleGiant({ uscc: buildUscc('91', '350203', 'MA8PG001'), name: '厦门页面测试企业' }),
  );
  firm = { role: 'firm', userId: 'u-pg-firm', uscc: f.uscc };
  const ft = await world.token(firm);
  const { request } = await bodyOf(
    await world.app.request(
      '/api/requests',
      json(
        {
          amountYuan: 30_000_000,
          purpose: 'expansion',
          termMonths: 60,
          collateral: ['none'],
          kind: 'equity',
        },
        ft,
        { 'Idempotency-Key': 'pages-equity-0001' },
      ),
    ),
  );
  await world.app.request(`/api/requests/${request.id}/push-consent`, json({}, ft));
});
afterAll(() => world.drop());

describe('equity pages', () => {
  it('operator pushes a batch, the fund answers interested, the firm sees its equity lead — no annual rate anywhere', async () => {
    const op = browser(world, await world.token(operator));
    const page = await op.get('/operator/equity');
    expect(page.status).toBe(200);
    const pageHtml = await page.text();
    expect(pageHtml).toContain('已同意推送');
    // Every input of the two operator forms has a visible label, not only a placeholder.
    for (const id of [
      'fundId',
      'maxFirms',
      'minFit',
      'title',
      'chain',
      'startsAt',
      'slotMinutes',
      'slots',
      'capacity',
    ]) {
      expect(pageHtml).toContain(`<label for="${id}">`);
      expect(pageHtml).toContain(`id="${id}"`);
    }
    const pushed = await op.post('/operator/equity/batches', {
      fundId: 'nsf-xiamen',
      maxFirms: '20',
      minFit: '0',
    });
    expect(pushed.status).toBe(303);

    const fund = browser(world, await world.token(officer));
    const html = await (await fund.get('/officer/equity')).text();
    expect(html).toContain('第1批');
    expect(html).not.toContain(firm.role === 'firm' ? firm.uscc : '');
    expect(html).not.toContain('厦门页面测试企业');
    // The fund reads bands (size, age), the city and the industry division, never exact figures.
    expect(html).toMatch(/成立(不足3年|3–9年|10年及以上)/);
    expect(html).toContain('20–299人');
    expect(html).not.toContain('260人'); // the fixture firm's exact headcount
    const action = html.match(/action="(\/officer\/equity\/batches\/[^"]+\/interested)"/)?.[1];
    expect(action).toBeDefined();
    expect((await fund.post(action!, {})).status).toBe(303);
    const after = await (await fund.get('/officer/equity')).text();
    expect(after).toContain('已接洽');
    expect(after).not.toMatch(/年利率|annual rate/i);

    const mine = await (await browser(world, await world.token(firm)).get('/firm/equity')).text();
    expect(mine).toContain('已接洽');
  });

  it('operator creates a roadshow through the form; a past time is refused on the page; the public list is open to all', async () => {
    const op = browser(world, await world.token(operator));
    const past = await op.post('/operator/equity/roadshows', {
      title: '过去的路演',
      chain: 'C39',
      address: '厦门',
      slotMinutes: '10',
      startsAt: '2026-11-01T09:30',
      slots: '4',
      capacity: '2',
    });
    expect(past.status).toBe(422);
    const refused = await past.text();
    expect(refused).toContain('场次开始时间已过');
    // The form comes back as it was sent, the problem shown at its field.
    expect(refused).toContain('value="过去的路演"');
    expect(refused).toContain('value="2026-11-01T09:30"');
    expect(refused).toMatch(/id="startsAt"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="startsAt"/);
    const created = await op.post('/operator/equity/roadshows', {
      title: '电子信息专场',
      chain: 'C39',
      address: '厦门市软件园',
      slotMinutes: '10',
      startsAt: '2026-12-05T14:00',
      slots: '4',
      capacity: '2',
    });
    expect(created.status).toBe(303);
    const detail = await (await op.get(created.headers.get('location')!.replace(/\?.*$/, ''))).text();
    expect(detail).toContain('电子信息专场');
    const pub = await browser(world).get('/roadshows');
    expect(pub.status).toBe(200);
  });
});
