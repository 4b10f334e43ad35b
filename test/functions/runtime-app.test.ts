import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiDocumentFiles } from '#http/openapi-document.ts';
import { silentLogger } from '#shared/logger.ts';
import { noMetrics } from '#shared/metrics.ts';
import { gatewayRoutes } from '../../infra/stack.ts';
import { json, TEST_NOW, TEST_SECRET } from '../support/app.ts';
import { bundleAsLambda } from '../support/lambda-bundle.ts';
import type { TestStore } from '../support/store.ts';
import { createWorld, type World } from '../support/world.ts';

/**
 * The Lambda functions run the routes on `functions/shared/openapi-runtime.ts` instead of
 * `@hono/zod-openapi` (no registry, no generator) and serve the OpenAPI document from the
 * file built at synth time. Here both HTTP API functions are bundled exactly as the stack
 * bundles them, and compared with the whole app (the library, the document built in process):
 * same routes, same validation and gating answers, same document.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Inside the project, so the bundle's external @aws-sdk/* resolve from node_modules as in Lambda.
const OUT = join(ROOT, 'node_modules', '.cache', `jingrong-runtime-app-${randomUUID().slice(0, 8)}`);

const OFFICER = { role: 'officer', userId: 'o-rt', institutionId: 'xiamen-demo-bank' } as const;
const OPERATOR = { role: 'operator', userId: 'op-rt', regionPrefix: '3502' } as const;

type Runtime = typeof import('./runtime/entry.ts');
type AnyApp = Hono<never>;

let world: World;
let runtime: Runtime;
let code: string;
let api: AnyApp;
let lists: AnyApp;
let equity: AnyApp;
let leads: AnyApp;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  const outfile = join(OUT, 'index.mjs');
  await bundleAsLambda('test/functions/runtime/entry.ts', outfile);
  const document = join(OUT, 'openapi.json');
  const referencePage = join(OUT, 'docs.html');
  const files = apiDocumentFiles();
  writeFileSync(document, files.json);
  writeFileSync(referencePage, files.referencePage);
  runtime = await import(pathToFileURL(outfile).href);
  code = (await import('node:fs')).readFileSync(outfile, 'utf8');

  world = await createWorld();
  const { db } = world.store as TestStore;
  const now = () => TEST_NOW;
  const store = runtime.createStore(db.doc, db.tableName);
  const deps = {
    store,
    logger: silentLogger,
    metrics: noMetrics,
    verifier: runtime.localTokenVerifier({ secret: TEST_SECRET, now, revocations: store.sessions }),
    now,
    newId: () => randomUUID(),
  };
  api = runtime.apiApp(
    deps as never,
    runtime.prebuiltDocument(pathToFileURL(document), pathToFileURL(referencePage)),
  ) as unknown as AnyApp;
  lists = runtime.certifiedListImportApp(deps as never) as unknown as AnyApp;
  equity = runtime.equityApp(deps as never) as unknown as AnyApp;
  leads = runtime.leadsApp(deps as never) as unknown as AnyApp;
}, 60_000);

afterAll(async () => {
  rmSync(OUT, { recursive: true, force: true });
  await world?.drop();
});

/** The app's routes (method and path), middleware aside, under /api and /docs. */
function routesOf(app: AnyApp): string[] {
  const seen = new Set<string>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || !/^\/(api|docs)(\/|$)/.test(r.path)) continue;
    seen.add(`${r.method} ${r.path}`);
  }
  return [...seen].sort();
}

const same = async (app: AnyApp, path: string, init?: RequestInit) => {
  const [a, b] = await Promise.all([app.request(path, init), world.app.request(path, init)]);
  const [bodyA, bodyB] = await Promise.all([a.text(), b.text()]);
  expect({ status: a.status, body: bodyA }, `${init?.method ?? 'GET'} ${path}`).toEqual({
    status: b.status,
    body: bodyB,
  });
  return a.status;
};

describe('the Lambda bundles of the JSON API', () => {
  it('carry neither the OpenAPI registry and generator nor the library itself', () => {
    expect(code).not.toContain('#/components/schemas/');
    expect(code).not.toContain('openAPIRegistry');
  });

  it("carry not the reference page's renderer (the page is rendered at synth time)", () => {
    expect(code).not.toContain('Jingrong API reference');
  });

  it('serve, between the API, leads, equity and certified-list import functions, exactly the routes of the whole app, each once', () => {
    const whole = routesOf(world.app as unknown as AnyApp);
    expect(whole.length).toBeGreaterThan(40);
    expect(routesOf(lists)).toEqual(['POST /api/certified-lists']);
    expect(routesOf(equity)).toContain('POST /api/roadshows/:id/publish');
    expect(routesOf(leads)).toContain('POST /api/leads/:id/reveal');
    expect(routesOf(api)).not.toContain('GET /api/leads');
    expect([...routesOf(api), ...routesOf(leads), ...routesOf(equity), ...routesOf(lists)].sort()).toEqual(
      whole,
    );
  });

  it('are each sent by the gateway exactly the operations they serve', () => {
    const served = { api, leads, equity, certifiedListImport: lists } as const;
    for (const route of gatewayRoutes()) {
      // The API's operations, its document and reference page (the pages and catch-alls aside).
      if (!/^\/(api|docs)(\/|$)/.test(route.path) || route.path.includes('{proxy+}')) continue;
      const key = `${route.method} ${route.path.replaceAll(/\{(\w+)\}/g, ':$1')}`;
      const servedBy = Object.entries(served)
        .filter(([, app]) => routesOf(app).includes(key))
        .map(([name]) => name);
      expect(servedBy, key).toEqual([route.target]);
    }
  });

  it('answer a lead route from the leads function as the whole app does', async () => {
    const auth = { headers: { authorization: `Bearer ${await world.token(OFFICER)}` } };
    expect(await same(leads, '/api/leads?limit=5', auth)).toBe(200);
    expect(await same(leads, '/api/leads?limit=1000', auth)).toBe(400);
    expect(await same(leads, '/api/notifications')).toBe(401);
  });

  it('answer an equity route from the equity function as the whole app does', async () => {
    expect(await same(equity, '/api/roadshows/upcoming')).toBe(200);
    expect(await same(equity, '/api/equity-leads')).toBe(401);
  });

  it('answer the same OpenAPI document as the whole app, from the file built at synth time', async () => {
    const [fromFile, inProcess] = await Promise.all([
      api.request('/api/openapi.json'),
      world.app.request('/api/openapi.json'),
    ]);
    expect(fromFile.status).toBe(200);
    expect(fromFile.headers.get('content-type')).toBe('application/json');
    expect(await fromFile.json()).toEqual(await inProcess.json());
    const docs = await api.request('/docs');
    expect(docs.status).toBe(200);
    const page = await docs.text();
    expect(page).toContain('/api/requests/{id}/send');
    // The page shipped beside the bundle is the one the whole app renders from its document.
    expect(page).toBe(await (await world.app.request('/docs')).text());
  });

  it('validate a body, a query and a path the same way: the bilingual field-level 400', async () => {
    const token = await world.token(OFFICER);
    expect(await same(api, '/api/match', json({ firm: { uscc: 'x' } }))).toBe(400);
    expect(await same(api, '/api/products?region=abc')).toBe(400);
    const auth = { headers: { authorization: `Bearer ${token}` } };
    expect(await same(leads, '/api/leads?limit=1000', auth)).toBe(400);
    const operator = { headers: { authorization: `Bearer ${await world.token(OPERATOR)}` } };
    expect(await same(api, `/api/certified-lists/${'x'.repeat(80)}`, operator)).toBe(400);
  });

  it('gate roles before validation the same way (401 without a token, 403 for the wrong role)', async () => {
    expect(await same(api, '/api/products', json({}))).toBe(401);
    const token = await world.token(OFFICER);
    expect(
      await same(lists, '/api/certified-lists', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      }),
    ).toBe(403);
  });

  it('refuse a body of another type the same way (415)', async () => {
    expect(
      await same(api, '/api/match', {
        method: 'POST',
        body: 'a=1',
        headers: { 'content-type': 'text/plain' },
      }),
    ).toBe(415);
  });

  it('run the certified-list import in its own function: an empty file is refused with its field message', async () => {
    const token = await world.token(OPERATOR);
    const query =
      '?authority=%E5%8E%A6%E9%97%A8%E5%B8%82%E5%B7%A5%E4%BF%A1%E5%B1%80&authorityRegion=3502&tier=specialized&level=municipal&batch=2026-1&listedOn=2026-06-01&kind=certified';
    const status = await same(lists, `/api/certified-lists${query}`, {
      method: 'POST',
      body: '',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    });
    expect(status).toBe(400);
  });
});
