import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import { DEFAULT_BODY_LIMIT } from '#http/guards.ts';
import { browser } from '../pages/browser.ts';
import { auth, bodyOf, json, tokenFor } from '../support/app.ts';
import { xiamenLittleGiant } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';

/** What holds before any route runs: body limits, 415, CSP, no-store. */
let world: World;
const uscc = buildUscc('91', '350203', 'MA8RAC03');
beforeAll(async () => {
  world = await createWorld();
  await world.addFirm(xiamenLittleGiant({ uscc }));
});
afterAll(() => world.drop());

/** A body that is produced only as it is read, counting what was pulled. */
function lazyBody(totalBytes: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, sent: () => sent };
}

describe('body limits', () => {
  it('refuses a declared 100 MB body with 413 before reading it', async () => {
    const body = lazyBody(100 * 1024 * 1024);
    const res = await world.app.request('/api/firms', {
      method: 'POST',
      body: body.stream,
      headers: { 'content-type': 'application/json', 'content-length': String(100 * 1024 * 1024) },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await bodyOf(res)).error.code).toBe('payload_too_large');
    expect(body.sent()).toBeLessThanOrEqual(2 * 64 * 1024);
  });

  it('stops reading an undeclared (streamed) body at the limit', async () => {
    const body = lazyBody(100 * 1024 * 1024);
    const res = await world.app.request('/api/firms', {
      method: 'POST',
      body: body.stream,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(body.sent()).toBeLessThan(DEFAULT_BODY_LIMIT * 4);
  });

  it('also limits the pages’ forms', async () => {
    const res = await world.app.request('/sign-in', {
      method: 'POST',
      body: 'email=a%40b.cn&password='.padEnd(DEFAULT_BODY_LIMIT + 10, 'x'),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
    });
    expect(res.status).toBe(413);
  });
});

describe('content types', () => {
  it('answers 415 to a JSON API body that is not declared as JSON', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/xml',
      'multipart/form-data',
    ]) {
      const res = await world.app.request('/api/firms', {
        method: 'POST',
        body: JSON.stringify(xiamenLittleGiant()),
        headers: { 'content-type': type },
      });
      expect(res.status, type).toBe(415);
    }
    const none = await world.app.request('/api/firms', { method: 'POST', body: '{}' });
    expect(none.status).toBe(415);
  });

  it('accepts application/json with or without charset, and body-less POSTs', async () => {
    const res = await world.app.request(
      '/api/match',
      json({}, undefined, { 'content-type': 'application/json; charset=utf-8' }),
    );
    expect(res.status).toBe(400);
    const token = await tokenFor({ role: 'firm', userId: 'u-h', uscc });
    const reveal = await world.app.request('/api/leads/nope/reveal', { method: 'POST', ...auth(token) });
    expect(reveal.status).toBe(404);
  });
});

describe('headers', () => {
  it('sends a strict Content-Security-Policy and no-store on pages and JSON', async () => {
    const token = await tokenFor({ role: 'firm', userId: 'u-h', uscc });
    for (const res of [
      await browser(world, token).get('/firm'),
      await browser(world).get('/'),
      await world.app.request('/api/me', auth(token)),
      await world.app.request('/api/products'),
      await world.app.request('/api/nothing-here'),
    ]) {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('pages carry no inline script, style element or event handler; their assets are served and cacheable', async () => {
    const token = await tokenFor({ role: 'firm', userId: 'u-h', uscc });
    for (const path of ['/', '/sign-in', '/firm', '/firm/requests/new', '/docs']) {
      const html = await (await browser(world, token).get(path)).text();
      expect(html, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, path).not.toMatch(/<style/);
      expect(html, path).not.toMatch(/\son[a-z]+=/);
      for (const [, asset] of html.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)) {
        const res = await world.app.request(asset!);
        expect(res.status, asset).toBe(200);
        expect(res.headers.get('cache-control')).toContain('immutable');
      }
    }
  });
});

describe('paging cursors and ids', () => {
  it('refuses crafted, tampered and foreign cursors with 400; a real one pages on', async () => {
    const operator = await tokenFor({ role: 'operator', userId: 'op-c', regionPrefix: '35' });
    for (const cursor of ['e30', 'eyJQSyI6IngifQ', 'x'.repeat(1999), 'a.b.c']) {
      const res = await world.app.request(`/api/leads?cursor=${encodeURIComponent(cursor)}`, auth(operator));
      expect(res.status, cursor).toBe(400);
      expect((await bodyOf(res)).error.fields[0].path).toContain('cursor');
    }
    // A cursor signed for one listing does not resume another.
    const firms = await world.store.firms.listByRegion('35', 1);
    if (firms.cursor) {
      const res = await world.app.request(
        `/api/leads?cursor=${encodeURIComponent(firms.cursor)}`,
        auth(operator),
      );
      expect(res.status).toBe(400);
      const [payload, signature] = firms.cursor.split('.');
      const forged = `${Buffer.from('{"PK":"FIRM#x","SK":"PROFILE"}').toString('base64url')}.${signature}`;
      await expect(world.store.firms.listByRegion('35', 1, forged)).rejects.toThrow(/cursor/);
      expect(payload).toBeDefined();
    }
  });

  it('answers 404, not 500, to a 2 KB id, without a token too', async () => {
    expect((await world.app.request(`/api/products/${'A'.repeat(2048)}`)).status).toBe(404);
    const token = await tokenFor({ role: 'firm', userId: 'u-h', uscc });
    expect(
      (await world.app.request(`/api/firms/${'A'.repeat(2048)}/certifications`, auth(token))).status,
    ).toBe(404);
  });
});
