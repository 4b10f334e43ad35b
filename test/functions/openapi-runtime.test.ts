import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { lazySchema } from '#domain/lazy-schema.ts';
import { createRoute, OpenAPIHono } from '../../functions/shared/openapi-runtime.ts';

describe('the functions’ route registration', () => {
  it('leaves a schema built on first use unbuilt until a request needs it, then validates with it', async () => {
    let builds = 0;
    const Body = lazySchema(() => {
      builds++;
      return z.object({ name: z.string().min(2) });
    });
    const route = createRoute({
      method: 'post',
      path: '/things',
      request: { body: { required: true, content: { 'application/json': { schema: Body } } } },
      responses: { 200: { description: 'ok' } },
    });
    const app = new OpenAPIHono();
    app.openapi(route, async (c: Context) => c.json(await c.req.json()));
    expect(builds).toBe(0);
    const post = (body: unknown) =>
      app.request('/things', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ name: 'x' })).status).toBe(400);
    expect(builds).toBe(1);
    const ok = await post({ name: 'Li' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ name: 'Li' });
    expect(builds).toBe(1);
  });
});
