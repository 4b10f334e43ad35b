/**
 * One server of the HTTP bench (bench/http.bench.ts), on loopback:
 *   app  — POST /api/match through the app's own middleware (request id, secure headers,
 *          per-request log line) and the @hono/zod-openapi route, on the compiled seed catalog;
 *   bare — a bare hono app answering the same JSON body.
 * Prints "ready" once listening.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { compileCatalog, matchFunding } from '#domain/matching/index.ts';
import { createHttpApp } from '#http/base.ts';
import type { AppDeps } from '#http/context.ts';
import { matchRoutes } from '#http/routes/match.ts';
import { loadCatalog } from '#shared/catalog/index.ts';
import { createLogger } from '#shared/logger.ts';
import { PROBE } from './http-probe.ts';

const [mode, port] = [process.argv[2], Number(process.argv[3])];
const catalog = compileCatalog(loadCatalog());
let app: { fetch: (req: Request) => Response | Promise<Response> };
if (mode === 'bare') {
  const body = matchFunding({ ...PROBE, catalog });
  const bare = new Hono();
  bare.post('/api/match', async (c) => {
    await c.req.json();
    return c.json(body);
  });
  app = bare;
} else {
  let n = 0;
  const deps = {
    now: () => new Date(),
    newId: () => `r${n++}`,
    // The production log line, written where the bench does not read it.
    logger: createLogger({ service: 'bench' }, process.env.LOG_LEVEL === 'info' ? 'info' : 'warn'),
    store: {},
  } as unknown as AppDeps;
  app = createHttpApp(deps, (a) => {
    a.route(
      '/',
      matchRoutes(() => catalog),
    );
  });
}
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => process.stdout.write('ready\n'));
// Exit through the normal path on SIGTERM, so `node --cpu-prof` writes its profile.
process.on('SIGTERM', () => process.exit(0));
