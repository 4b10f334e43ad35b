import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRouter } from '#http/openapi.ts';
import { openApiDocument } from '#http/openapi-document.ts';
import { API_OPERATIONS, apiRouteTable } from '#http/routes/index.ts';
import { bodyOf } from '../support/app.ts';
import { createWorld, type World } from '../support/world.ts';

let world: World;
// biome-ignore lint/suspicious/noExplicitAny: the document is read as plain JSON here
let doc: any;
beforeAll(async () => {
  world = await createWorld();
  doc = await bodyOf(await world.app.request('/api/openapi.json'));
});
afterAll(() => world.drop());

type Operation = { operationId?: string; security?: unknown[]; 'x-roles'?: string };
const operations = (): [string, string, Operation][] =>
  Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => [method, path, op] as [string, string, Operation]),
  );

describe('GET /api/openapi.json', () => {
  it('passes an OpenAPI linter’s recommended rules: no errors, every operation has an operationId', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: 'openapi.json',
      config,
    });
    const describe = (p: (typeof problems)[number]) =>
      `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`;
    expect(problems.filter((p) => p.severity === 'error').map(describe)).toEqual([]);
    expect(problems.filter((p) => p.ruleId === 'operation-operationId').map(describe)).toEqual([]);
  });

  it('has a server, public operations with `security: []`, and the rest behind the bearer token', () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    const ops = operations();
    expect(ops.length).toBe(API_OPERATIONS.length);
    for (const [method, path, op] of ops) {
      expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z]+$/);
      if (op['x-roles'] === 'public') expect(op.security, `${method} ${path}`).toEqual([]);
      else expect(op.security, `${method} ${path}`).toEqual([{ bearer: [] }]);
    }
    expect(new Set(ops.map(([, , op]) => op.operationId)).size).toBe(ops.length);
    const publicOps = ops.filter(([, , op]) => op['x-roles'] === 'public').map(([m, p]) => `${m} ${p}`);
    expect(publicOps.sort()).toEqual(
      [
        'get /api/health',
        'get /api/institutions',
        'get /api/products',
        'get /api/products/{id}',
        'get /api/roadshows/upcoming',
        'post /api/auth/sign-in',
        'post /api/firms',
        'post /api/match',
      ].sort(),
    );
  });

  it('is built once per process and answered from there', async () => {
    // Once built, the process keeps it: asking again (even with a router holding no routes) rebuilds nothing.
    const kept = openApiDocument(apiRouter()).doc;
    expect(kept).toBe(openApiDocument(apiRouter()).doc);
    expect(JSON.parse(JSON.stringify(kept))).toEqual(doc);
    const again = await bodyOf(await world.app.request('/api/openapi.json'));
    expect(again).toEqual(doc);
  });

  it('exports the route table (method, path, public or not) the gateway is built from, agreeing with the document', () => {
    const table = apiRouteTable();
    for (const [method, path, op] of operations()) {
      const row = table.find((r) => r.method === method.toUpperCase() && r.path === path);
      expect(row, `${method} ${path}`).toMatchObject({
        operationId: op.operationId,
        public: op.security?.length === 0,
      });
    }
    expect(table.find((r) => r.path === '/api/openapi.json')).toMatchObject({ method: 'GET', public: true });
  });
});

describe('validation through the route schemas', () => {
  it('answers a bad query parameter with the bilingual field message', async () => {
    const res = await world.app.request('/api/products?kind=lottery');
    expect(res.status).toBe(400);
    const body = await bodyOf(res);
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.fields[0]).toMatchObject({ path: 'query.kind' });
    expect(body.error.fields[0].zh).toMatch(/[\u4e00-\u9fff]/);
    expect(body.error.fields[0].en).toMatch(/must be one of/);
  });

  it('answers a JSON body sent as another media type with 415', async () => {
    const res = await world.app.request('/api/match', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(415);
    expect((await bodyOf(res)).error.message.en).toContain('application/json');
  });
});
