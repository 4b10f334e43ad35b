import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FundingRequestSchema } from '#domain/funding-request.ts';
import type { Principal } from '#domain/principal.ts';
import { buildUscc } from '#domain/uscc.ts';
import { noMetrics } from '#shared/metrics.ts';
import { TIMER_HANDLERS } from '#usecases/backbone/index.ts';
import { sweepTimers } from '#usecases/backbone/sweep.ts';
import { submitRequest } from '#usecases/requests.ts';
import { browser } from '../pages/browser.ts';
import { type BackboneWorld, createBackboneWorld } from '../support/backbone.ts';
import { xiamenLittleGiant } from '../support/fixtures.ts';

/**
 * What the backbone writes is shown where people look: a lead's escalations on the firm's and
 * the officer's lead, the region's on the operator's overdue list, a request's lost products on
 * the firm's request — server-rendered, with no inline script or handler (strict CSP).
 */
let w: BackboneWorld;
beforeAll(async () => {
  w = await createBackboneWorld();
  await w.store.backbone.escalations.setRegionSpecialist({
    regionPrefix: '3502',
    userId: 'specialist-xm',
    name: '厦门服务专员',
  });
});
afterAll(() => w.close());

function noInlineScript(html: string) {
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
  expect(html).not.toMatch(/\son[a-z]+=/i);
}

describe('escalations and lost products on the pages', () => {
  it('a missed deadline shows on the firm’s and the officer’s lead and on the operator’s overdue list', async () => {
    // Prepare: a lead sent Monday, unanswered by Wednesday; the sweep runs Thursday.
    w.clock.now = new Date('2026-11-23T02:00:00Z');
    const { lead, request, principal } = await w.newLead();
    await w.drain();
    w.clock.now = new Date('2026-11-26T01:00:00Z');
    await sweepTimers(w.deps, TIMER_HANDLERS);
    await w.drain();
    expect(await w.store.backbone.escalations.ofLead(lead.id)).toHaveLength(1);

    // Act
    const officer = browser(
      w,
      await w.token({ role: 'officer', userId: 'o-1', institutionId: lead.institutionId }),
    );
    const firm = browser(w, await w.token(principal));
    const operator = browser(w, await w.token({ role: 'operator', userId: 'op-xm', regionPrefix: '3502' }));
    const pages = await Promise.all([
      officer.get(`/officer/leads/${encodeURIComponent(lead.id)}`),
      firm.get(`/firm/requests/${encodeURIComponent(request.id)}`),
      operator.get('/operator'),
    ]);

    // Assess
    for (const res of pages) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      const html = await res.text();
      noInlineScript(html);
      expect(html).toContain('逾期升级');
      expect(html).toContain('厦门服务专员');
      expect(html).toContain('2026-11-25');
    }
    const operatorHtml = await (await operator.get('/operator')).text();
    const section = operatorHtml.slice(operatorHtml.indexOf('id="escalations"'));
    expect(section).toContain(lead.id);
  });

  it('products a request lost on a re-match are named on the firm’s request, with why', async () => {
    w.clock.now = new Date('2026-11-23T02:00:00Z');
    const firm = await w.addFirm(xiamenLittleGiant({ uscc: buildUscc('91', '350203', 'MA8PG001') }));
    const principal = w.firmPrincipal(firm.uscc) as Extract<Principal, { role: 'firm' }>;
    const { request, matches } = await submitRequest(
      { store: w.store, metrics: noMetrics, now: w.deps.now, newId: w.deps.newId },
      principal,
      FundingRequestSchema.parse({
        amountYuan: 3_000_000,
        purpose: 'working_capital',
        termMonths: 12,
        collateral: ['none'],
        kind: 'debt',
      }),
      'lost-products-page-1',
    );
    const gone = matches.matches[0]!;
    await w.store.backbone.ledger.applyGroups([
      [
        {
          kind: 'matches',
          requestId: request.id,
          matches: { ...matches, matches: matches.matches.slice(1) },
          lostProducts: [
            {
              productId: gone.productId,
              name: gone.name,
              since: '2026-11-25',
              cause: { zh: '产品已下架', en: 'the product was retired' },
            },
          ],
        },
      ],
    ]);
    const res = await browser(w, await w.token(principal)).get(`/firm/requests/${request.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    noInlineScript(html);
    expect(html).toContain('以下产品已不再适用于本需求');
    expect(html).toContain(gone.name.zh);
    expect(html).toContain('产品已下架');
  });
});
