import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMER_HANDLERS } from '#usecases/backbone/index.ts';
import { sweepTimers } from '#usecases/backbone/sweep.ts';
import { bodyOf, createTestApp, json, tokenFor } from '../support/app.ts';
import { type BackboneWorld, createBackboneWorld } from '../support/backbone.ts';

/** A receiver on loopback that answers 500 to the first `failures` POSTs, then 200. */
function receiver(failures: number) {
  const received: { headers: IncomingHttpHeaders; body: string; status: number }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      const status = received.length < failures ? 500 : 200;
      received.push({ headers: req.headers, body, status });
      res.writeHead(status).end();
    });
  });
  return {
    received,
    server,
    async listen() {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/jingrong-hook`;
    },
  };
}

/**
 * The verification recipe of docs/events.md, step by step, as an institution would write it.
 * 1. split the Jingrong-Signature header into t and v1
 * 2. refuse a t more than 300 s from your clock
 * 3. HMAC-SHA256 with your secret over `${t}.${raw body}`, hex
 * 4. compare with v1 in constant time
 */
function verifyByRecipe(secret: string, header: string, rawBody: string, nowSeconds: number): boolean {
  const fields = Object.fromEntries(header.split(',').map((kv) => kv.split('=')));
  const t = Number(fields.t);
  if (!Number.isFinite(t) || Math.abs(nowSeconds - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(String(fields.v1), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

let w: BackboneWorld;
const hook = receiver(2);
beforeAll(async () => {
  w = await createBackboneWorld();
});
afterAll(async () => {
  hook.server.close();
  await w.close();
});

describe('institution webhooks', () => {
  it('a receiver that fails twice gets the event once more after the failures, signed so the recipe verifies it', async () => {
    // Prepare: the institution's officer registers a loopback receiver (local mode).
    const url = await hook.listen();
    const { app } = createTestApp(w.store, { webhookMode: 'local', now: w.deps.now });
    const probe = await w.newLead(); // which institution the Xiamen firm's best match is at
    await w.drain();
    const institutionId = probe.lead.institutionId;
    const officer = await tokenFor({ role: 'officer', userId: 'officer-hook', institutionId });
    const registered = await app.request(`/api/institutions/${institutionId}/webhook`, {
      ...json({ url }, officer),
      method: 'PUT',
    });
    expect(registered.status).toBe(201);
    const { secret } = await bodyOf(registered);
    expect(secret).toMatch(/^whsec_/);

    // Act: a new lead at that institution; the first POST fails at once.
    const { lead } = await w.newLead();
    await w.drain();
    expect(hook.received).toHaveLength(1);
    // Retries run on the timer sweep: 22.5 s, then 45 s later (jitter fixed at the middle).
    const sweep = () => sweepTimers(w.deps, TIMER_HANDLERS);
    w.clock.now = new Date(w.clock.now.getTime() + 20_000);
    await sweep();
    expect(hook.received).toHaveLength(1); // not yet due
    w.clock.now = new Date(w.clock.now.getTime() + 5_000);
    await sweep();
    expect(hook.received).toHaveLength(2);
    w.clock.now = new Date(w.clock.now.getTime() + 60_000);
    await Promise.all([sweep(), sweep()]);
    await sweep();
    w.clock.now = new Date(w.clock.now.getTime() + 24 * 3600_000);
    await sweep();

    // Assess: three POSTs in all, the last one answered 200, each the same signed bytes.
    expect(hook.received.map((r) => r.status)).toEqual([500, 500, 200]);
    const last = hook.received[2]!;
    const header = String(last.headers['jingrong-signature']);
    const nowSeconds = Math.floor(w.clock.now.getTime() / 1000) - 24 * 3600;
    expect(verifyByRecipe(secret, header, last.body, nowSeconds)).toBe(true);
    expect(verifyByRecipe('whsec_wrong', header, last.body, nowSeconds)).toBe(false);
    expect(verifyByRecipe(secret, header, `${last.body} `, nowSeconds)).toBe(false);
    expect(new Set(hook.received.map((r) => r.body)).size).toBe(1);
    expect(last.headers['jingrong-event-id']).toBeTruthy();
    // Nothing the firm did not consent to share: ids, status, products, deadline; no identity before reveal.
    const payload = JSON.parse(last.body);
    expect(payload).toMatchObject({
      type: 'LeadStatusChanged',
      data: { leadId: lead.id, to: 'new', firm: null },
    });
    expect(last.body).not.toContain(lead.uscc);
    expect(last.body).not.toContain(lead.firmName);
    expect(Object.keys(payload.data).sort()).toEqual(
      ['firm', 'from', 'institutionId', 'leadId', 'productIds', 'requestId', 'respondBy', 'to'].sort(),
    );

    // The institution reads its delivery log.
    const { app: reader } = createTestApp(w.store); // its clock is the token's
    const log = await bodyOf(
      await reader.request(`/api/institutions/${institutionId}/webhook`, {
        headers: { authorization: `Bearer ${officer}` },
      }),
    );
    const delivery = log.deliveries.find(
      (d: { eventId: string }) => d.eventId === last.headers['jingrong-event-id'],
    );
    expect(delivery).toMatchObject({ state: 'delivered' });
    expect(delivery.attempts.map((a: { status: number }) => a.status)).toEqual([500, 500, 200]);
    expect(log.webhook).not.toHaveProperty('secret');
  });

  it('refuses a URL that is not https, points at a private address in AWS mode, or is too long (400 on url)', async () => {
    const institutionId = 'xiamen-demo-bank';
    const officer = await tokenFor({ role: 'officer', userId: 'officer-x', institutionId });
    const put = async (url: string, mode: 'local' | 'aws') => {
      const { app } = createTestApp(w.store, { webhookMode: mode });
      return app.request(`/api/institutions/${institutionId}/webhook`, {
        ...json({ url }, officer),
        method: 'PUT',
      });
    };
    for (const [url, mode] of [
      ['http://bank.example.com/hook', 'local'],
      ['http://127.0.0.1:9000/hook', 'aws'],
      ['https://10.0.0.8/hook', 'aws'],
      ['https://192.168.1.20/hook', 'aws'],
      ['https://[::1]/hook', 'aws'],
      ['https://localhost/hook', 'aws'],
      [`https://bank.example.com/${'a'.repeat(2000)}`, 'aws'],
    ] as const) {
      const res = await put(url, mode);
      expect(res.status, url).toBe(400);
      expect((await bodyOf(res)).error.fields[0].path).toBe('url');
    }
    expect((await put('https://bank.example.com/hook', 'aws')).status).toBe(201);
    expect((await put('http://127.0.0.1:9000/hook', 'local')).status).toBe(201);
    // Another institution's officer may not touch it.
    const other = await tokenFor({ role: 'officer', userId: 'o', institutionId: 'someone-else' });
    const { app } = createTestApp(w.store, { webhookMode: 'aws' });
    const res = await app.request(`/api/institutions/${institutionId}/webhook`, {
      ...json({ url: 'https://x.example.com' }, other),
      method: 'PUT',
    });
    expect(res.status).toBe(403);
  });
});
