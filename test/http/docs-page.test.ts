import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyOf } from '../support/app.ts';
import { createWorld, type World } from '../support/world.ts';

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.drop());

describe('the API reference page /docs', () => {
  it('lists every operation of the document, each reachable from the contents', async () => {
    const doc = await bodyOf(await world.app.request('/api/openapi.json'));
    const html = await (await world.app.request('/docs')).text();
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const links = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    let operations = 0;
    for (const [path, methods] of Object.entries(
      doc.paths as Record<string, Record<string, { operationId: string }>>,
    ))
      for (const [method, op] of Object.entries(methods)) {
        operations++;
        expect(html, `${method} ${path}`).toContain(`<code>${path}</code>`);
        expect(html).toContain(op.operationId);
      }
    expect(links.length).toBe(operations);
    for (const link of links) expect(ids.has(link), `#${link}`).toBe(true);
    // Readable fields, not JSON dumps: the send body's fields with their bounds.
    expect(html).toMatch(
      /<code>topK<\/code> <span class="t">integer<\/span><span class="c"> · ≥ 1 · ≤ 5<\/span>/,
    );
    expect(html).not.toContain('&quot;properties&quot;');
  });

  it('is sent compressed and revalidated by its ETag', async () => {
    const first = await world.app.request('/docs', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(first.headers.get('content-encoding')).toBe('gzip');
    expect(first.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    const zipped = Buffer.from(await first.arrayBuffer());
    // A page a phone downloads in a moment: tens of kilobytes on the wire.
    expect(zipped.length).toBeLessThan(60_000);
    expect(gunzipSync(zipped).toString()).toMatch(/^<!doctype html><html lang="zh-CN">/);
    const etag = first.headers.get('etag')!;
    const again = await world.app.request('/docs', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // Private pages stay uncached.
    expect((await world.app.request('/api/health')).headers.get('cache-control')).toBe('no-store');
  });
});
