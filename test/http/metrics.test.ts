import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import { tallyMetrics } from '#shared/metrics.ts';
import { bodyOf, createTestApp, json, tokenFor } from '../support/app.ts';
import { hangzhouLittleGiant } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';

/** The use cases count what the dashboard shows, through the metrics port. */
let world: World;
const metrics = tallyMetrics();
const uscc = buildUscc('91', '330106', 'MA8PGAU4');

beforeAll(async () => {
  world = await createWorld();
  await world.addFirm(hangzhouLittleGiant({ uscc }));
});
afterAll(() => world.drop());

describe('business metrics', () => {
  it('counts a submitted request and its matches, the leads sent, and each lead answered once', async () => {
    const { app } = createTestApp(world.store, { metrics });
    const firm = await tokenFor({ role: 'firm', userId: 'u-metrics', uscc });
    const submit = () =>
      app.request(
        '/api/requests',
        json(
          {
            amountYuan: 8_000_000,
            purpose: 'working_capital',
            termMonths: 12,
            collateral: ['none'],
            kind: 'debt',
          },
          firm,
          { 'Idempotency-Key': 'metrics-submit-0001' },
        ),
      );
    const submitted = await submit();
    expect(submitted.status).toBe(201);
    const { request, matches } = await bodyOf(submitted);
    expect(metrics.counts.get('RequestsSubmitted')).toBe(1);
    expect(metrics.counts.get('Matches')).toBe(matches.matches.length);
    expect(matches.matches.length).toBeGreaterThan(0);

    const institutionId = matches.matches[0].institutionId as string;
    const sent = await app.request(
      `/api/requests/${request.id}/send`,
      json({ productIds: [matches.matches[0].productId] }, firm),
    );
    expect(sent.status).toBe(201);
    expect(metrics.counts.get('LeadsSent')).toBe(1);

    const officer = await tokenFor({ role: 'officer', userId: 'o-metrics', institutionId });
    const lead = `${request.id}.${institutionId}`;
    const move = (body: unknown) => app.request(`/api/leads/${lead}/transitions`, json(body, officer));
    expect((await move({ action: 'view' })).status).toBe(200);
    expect(metrics.counts.get('LeadsAnswered')).toBeUndefined();
    expect((await move({ action: 'accept' })).status).toBe(200);
    expect((await move({ action: 'request_info', question: '请提供2025年审计报告' })).status).toBe(200);
    expect(metrics.counts.get('LeadsAnswered')).toBe(1);

    // A replayed submit (same Idempotency-Key) is not a second request.
    await submit();
    expect(metrics.counts.get('RequestsSubmitted')).toBe(1);
  });
});
