import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { MatchResultSchema } from '#domain/matching/index.ts';
import type { AppDeps, AppEnv } from '#http/context.ts';
import { handleError } from '#http/errors.ts';
import { matchRoutes } from '#http/routes/match.ts';
import { loadCatalog } from '#shared/catalog/index.ts';
import { silentLogger } from '#shared/logger.ts';
import { bodyOf, json } from '../support/app.ts';
import { xiamenLittleGiant } from '../support/fixtures.ts';

/**
 * POST /api/match on its own: a what-if needs no store, so the route is mounted on a bare
 * app with only a clock (a store that throws on any use proves nothing is written).
 */
function appAt(instant: string) {
  const store = new Proxy(
    {},
    {
      get() {
        throw new Error('POST /api/match must not touch the store');
      },
    },
  );
  const deps = { now: () => new Date(instant), logger: silentLogger, store } as unknown as AppDeps;
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.route(
    '/',
    matchRoutes(() => loadCatalog()),
  );
  app.onError((error, c) => handleError(error, c, silentLogger));
  return app;
}

describe('POST /api/match', () => {
  it('answers matches, near misses, packages and benefits for the body (asOf given)', async () => {
    const app = appAt('2026-11-23T02:00:00Z');
    const res = await app.request(
      '/api/match',
      json({
        // A what-if may assume a verified certificate (policy products require one).
        firm: xiamenLittleGiant({
          priorYearInterestPaidYuan: 0,
          certifications: [
            {
              tier: 'little_giant',
              level: 'national',
              issuedOn: '2024-07-01',
              authority: '工业和信息化部',
              state: 'verified',
            },
          ],
        }),
        request: { amountYuan: 200_000_000, purpose: 'rnd', termMonths: 12 },
        asOf: '2025-06-30',
      }),
    );
    expect(res.status).toBe(200);
    const body = MatchResultSchema.parse(await bodyOf(res));
    expect(body.asOf).toBe('2025-06-30');
    const fund = body.matches.find((m) => m.productId === 'xiamen-tech-innovation-fund')!;
    expect(fund).toMatchObject({
      name: { zh: '厦门市技术创新基金', en: 'Xiamen Technology Innovation Fund' },
      institutionId: 'xiamen-finance-bureau',
      cost: {
        annualRateBp: 200,
        interestYuan: 4_000_000,
        feesYuan: 0,
        // Drawn 2025-06-30: the interest falls in 2025 and 2026, each year's 贴息 capped at 500k.
        subsidyYuan: 1_000_000,
        netCostYuan: 3_000_000,
      },
    });
    expect(typeof fund.score).toBe('number');
    expect(fund.reasons[0]).toHaveProperty('zh');
    const miss = body.nearMisses[0]!;
    expect(miss.failed[0]).toEqual({
      rule: expect.any(String),
      reason: { zh: expect.any(String), en: expect.any(String) },
      unlock: { zh: expect.any(String), en: expect.any(String) },
    });
    expect(body.benefits.map((b) => b.benefitId)).toContain('xiamen-rnd-subsidy');
  });

  it("defaults asOf to today's Shanghai date from the injected clock", async () => {
    // 2026-11-22T18:30Z is already 2026-11-23 in Shanghai.
    const res = await appAt('2026-11-22T18:30:00Z').request(
      '/api/match',
      json({
        firm: xiamenLittleGiant(),
        request: { amountYuan: 5_000_000, purpose: 'working_capital', termMonths: 12 },
      }),
    );
    expect(res.status).toBe(200);
    expect((await bodyOf(res)).asOf).toBe('2026-11-23');
  });

  it('rejects a bad body with field-level, bilingual messages', async () => {
    const res = await appAt('2026-11-23T02:00:00Z').request(
      '/api/match',
      json({
        firm: { ...xiamenLittleGiant(), uscc: '91350203MA8TXM0199' },
        request: { amountYuan: -5, purpose: 'rnd', termMonths: 12 },
      }),
    );
    expect(res.status).toBe(400);
    const body = await bodyOf(res);
    const paths = body.error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['firm.uscc', 'request.amountYuan']));
    expect(body.error.fields[0]).toHaveProperty('zh');
  });

  it('refuses an evaluation date before the LPR existed (422)', async () => {
    const res = await appAt('2026-11-23T02:00:00Z').request(
      '/api/match',
      json({
        firm: xiamenLittleGiant(),
        request: { amountYuan: 5_000_000, purpose: 'rnd', termMonths: 12 },
        asOf: '2018-01-01',
      }),
    );
    expect(res.status).toBe(422);
  });
});
