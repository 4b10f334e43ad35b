import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tallyMetrics } from '#shared/metrics.ts';
import { TIMER_HANDLERS } from '#usecases/backbone/index.ts';
import { sweepTimers } from '#usecases/backbone/sweep.ts';
import { bodyOf, createTestApp, json, tokenFor } from '../support/app.ts';
import { type BackboneWorld, createBackboneWorld } from '../support/backbone.ts';

/**
 * The backbone's business counts go through the metrics port its consumers and timer handlers
 * are given (BackboneDeps.metrics: Powertools' EMF in Lambda, a debug line locally): a missed
 * first deadline is one DeadlineMisses, a webhook delivery given up after its retry window is
 * one WebhookFailures, however many sweeps race over them.
 */
let w: BackboneWorld;
const metrics = tallyMetrics();
let server: Server | undefined;

beforeAll(async () => {
  w = await createBackboneWorld();
  w.deps.metrics = metrics;
  await w.store.backbone.escalations.setRegionSpecialist({
    regionPrefix: '3502',
    userId: 'specialist-metrics',
    name: '厦门服务专员',
  });
});
afterAll(async () => {
  server?.close();
  await w.close();
});

const sweep = () => sweepTimers(w.deps, TIMER_HANDLERS);

describe('backbone metrics', () => {
  it('counts one DeadlineMisses for a lead whose first deadline passes, not one per sweep or per level', async () => {
    w.clock.now = new Date('2026-11-23T02:00:00Z');
    await w.newLead();
    await w.drain();
    const before = metrics.counts.get('DeadlineMisses') ?? 0;
    // Thursday morning: the Wednesday deadline has passed; two sweeps race, a third follows.
    w.clock.now = new Date('2026-11-26T01:00:00Z');
    await Promise.all([sweep(), sweep()]);
    await sweep();
    await w.drain();
    expect((metrics.counts.get('DeadlineMisses') ?? 0) - before).toBe(1);
    // The second level (two business days later) escalates to the operators, and is not a second miss.
    w.clock.now = new Date('2026-11-28T01:00:00Z');
    await sweep();
    await w.drain();
    expect((metrics.counts.get('DeadlineMisses') ?? 0) - before).toBe(1);
  });

  it('counts one WebhookFailures when a delivery is given up after its 24-hour retry window', async () => {
    // A receiver on loopback that always answers 500.
    let posts = 0;
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        posts++;
        res.writeHead(500).end();
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    w.clock.now = new Date('2026-12-01T02:00:00Z');
    const probe = await w.newLead();
    await w.drain();
    const institutionId = probe.lead.institutionId;
    const { app } = createTestApp(w.store, { webhookMode: 'local', now: w.deps.now });
    const officer = await tokenFor(
      { role: 'officer', userId: 'officer-metrics', institutionId },
      3600,
      w.clock.now,
    );
    const registered = await app.request(`/api/institutions/${institutionId}/webhook`, {
      ...json({ url }, officer),
      method: 'PUT',
    });
    expect(registered.status).toBe(201);
    const before = metrics.counts.get('WebhookFailures') ?? 0;

    await w.newLead();
    await w.drain();
    expect(posts).toBeGreaterThanOrEqual(1);
    expect(metrics.counts.get('WebhookFailures') ?? 0).toBe(before);
    // Retries on the sweep, an hour apart, until the window has passed.
    for (let hour = 0; hour < 30; hour++) {
      w.clock.now = new Date(w.clock.now.getTime() + 3600_000);
      await Promise.all([sweep(), sweep()]);
    }
    await w.drain();
    expect(posts).toBeGreaterThan(2);
    expect((metrics.counts.get('WebhookFailures') ?? 0) - before).toBe(1);
    const reader = await tokenFor(
      { role: 'officer', userId: 'officer-metrics', institutionId },
      3600,
      w.clock.now,
    );
    const log = await bodyOf(
      await createTestApp(w.store, { now: w.deps.now }).app.request(
        `/api/institutions/${institutionId}/webhook`,
        { headers: { authorization: `Bearer ${reader}` } },
      ),
    );
    expect(log.deliveries.some((d: { state: string }) => d.state === 'failed')).toBe(true);
  });
});
