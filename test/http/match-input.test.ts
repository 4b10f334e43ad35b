import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { shanghaiDate } from '#domain/dates.ts';
import { compileCatalog, MatchInputSchema, matchFunding } from '#domain/matching/index.ts';
import { textProblem } from '#domain/text.ts';
import { createHttpApp } from '#http/base.ts';
import type { AppDeps, AppEnv } from '#http/context.ts';
import { jsonAnswer } from '#http/guards.ts';
import { parseMatchInput, plainLine } from '#http/match-input.ts';
import { apiRouter, fastJsonBody } from '#http/openapi.ts';
import { matchRoute, matchRoutes } from '#http/routes/match.ts';
import { loadCatalog } from '#shared/catalog/index.ts';
import { silentLogger } from '#shared/logger.ts';
import { xiamenLittleGiant } from '../support/fixtures.ts';

/**
 * POST /api/match checks a plain-JSON body with plain code first (parseMatchInput in
 * shared/http/match-input.ts, through fastJsonBody in shared/http/openapi.ts) and sends
 * everything it does not accept on to the route and its zod validation as before. Held here:
 * the plain code accepts only what zod accepts, with the very value zod returns; it follows
 * the schema (a fingerprint); and the app answers every body, good or bad, under every content
 * type, byte for byte as the route did on its own.
 */

const catalog = compileCatalog(loadCatalog());
const NOW = '2026-11-23T02:00:00Z';

/** Today's route: the contract and the validator of @hono/zod-openapi, nothing in front. */
function referenceRoutes() {
  const app = apiRouter();
  app.openapi(matchRoute, async (c) => {
    const input = c.req.valid('json');
    const deps = c.get('deps');
    const asOf = input.asOf ?? shanghaiDate(deps.now());
    const answer = matchFunding({ firm: input.firm, request: input.request, asOf, catalog });
    return jsonAnswer(JSON.stringify(answer), 200) as never;
  });
  return app;
}

function appWith(routes: ReturnType<typeof apiRouter>) {
  let n = 0;
  const deps = {
    now: () => new Date(NOW),
    newId: () => `r${n++}`,
    logger: silentLogger,
    store: {},
  } as unknown as AppDeps;
  return createHttpApp(deps, (a) => {
    a.route('/', routes);
  });
}

const served = appWith(matchRoutes(() => catalog));
const reference = appWith(referenceRoutes());

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Valid bodies of every shape the schema allows: defaults left out or given, tiers and labels, bridge requests. */
function validBodies(): Json[] {
  const firm = xiamenLittleGiant() as unknown as { [key: string]: Json };
  const certificate = {
    tier: 'little_giant',
    level: 'national',
    issuedOn: '2024-07-01',
    authority: '工业和信息化部',
  };
  const firms: { [key: string]: Json }[] = [
    firm,
    { ...firm, certifications: [certificate] },
    {
      ...firm,
      listing: 'neeq',
      priorYearInterestPaidYuan: 1_000_000,
      certifications: [
        { ...certificate, expiresOn: '2027-06-30', state: 'verified', listId: 'list-1' },
        { label: 'high_tech', level: 'national', issuedOn: '2023-12-01', authority: '科学技术部' },
        { label: 'golden_seed', level: 'municipal', issuedOn: '2025-01-10', authority: '厦门市金融监管局' },
      ],
    },
  ];
  const { priorYearInterestPaidYuan: _p, listing: _l, certifications: _c, ...bare } = firm;
  firms.push(bare);
  const requests: { [key: string]: Json }[] = [
    { amountYuan: 200_000_000, purpose: 'rnd', termMonths: 12 },
    {
      amountYuan: 5_000_000,
      purpose: 'working_capital',
      termMonths: 6,
      collateral: ['ip', 'receivables'],
      kind: 'any',
      needBy: '2026-01-15',
    },
    {
      amountYuan: 3_000_000,
      purpose: 'bridge',
      termMonths: 3,
      maturingLoanYuan: 3_000_000,
      maturesOn: '2025-08-01',
    },
  ];
  const bodies: Json[] = [];
  for (const f of firms)
    for (const request of requests) {
      bodies.push({ firm: f, request, asOf: '2025-06-30' });
      bodies.push({ firm: f, request });
    }
  return bodies;
}

/** Values put in place of each field: wrong types, bounds, bad dates, untidy and invisible text, odd numbers. */
const REPLACEMENTS: Json[] = [
  null,
  true,
  0,
  -1,
  1.5,
  100_000_000_001,
  2 ** 53,
  '',
  ' ',
  'x',
  '  厦门精密传感科技有限公司  ',
  'e\u0301e\u0301',
  // Either side of the characters taken as plain (no NFC, no invisible-character check).
  '（厦门）精密、传感！～',
  '\u3000厦门精密\u3000',
  '厦门\u3012\u3000',
  '\u4dff\u4e00\u9fff\ua000',
  '\uff01\uff5e\uff5f\uff00',
  '\u2126\u212b\uf900\u00c5',
  'A\u030a\u3099\u309a',
  'a\u200bb',
  'a\nb',
  'x'.repeat(401),
  '2025-02-29',
  '2024-02-29',
  '1899-12-31',
  '2200-01-01',
  '2025-6-30',
  'national',
  'bridge',
  'municipal',
  'provincial',
  'golden_seed',
  '2000-01-01',
  '91350203MA8DEM0186',
  '350203',
  'C',
  'C39810',
  [],
  ['none'],
  ['none', 'ip', 'receivables', 'inventory', 'warehouse_receipt', 'real_estate', 'equipment', 'none'],
  {},
];

/** Every path to a field, object or array in a body. */
function pathsOf(value: Json, path: (string | number)[] = []): (string | number)[][] {
  const out = path.length ? [path] : [];
  if (Array.isArray(value)) for (const [i, v] of value.entries()) out.push(...pathsOf(v, [...path, i]));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...path, k]));
  return out;
}

/** A copy of `body` with the value at `path` replaced (undefined: removed). */
function withValue(body: Json, path: (string | number)[], value: Json | undefined): Json {
  const copy = structuredClone(body) as { [key: string]: Json };
  let at: { [key: string]: Json } = copy;
  for (const key of path.slice(0, -1)) at = at[key] as { [key: string]: Json };
  const last = path[path.length - 1]!;
  if (value === undefined) {
    if (Array.isArray(at)) at.splice(Number(last), 1);
    else delete at[last];
  } else at[last] = value;
  return copy;
}

/** Valid bodies and, from each, every field removed, replaced by each of REPLACEMENTS, or joined by a stranger. */
function corpus(): Json[] {
  const bodies: Json[] = [];
  const bases = validBodies();
  bodies.push(...bases);
  for (const [b, base] of bases.entries()) {
    for (const path of pathsOf(base)) {
      bodies.push(withValue(base, path, undefined));
      // Every replacement on the first two bases; a rotating few on the others (the same paths recur).
      REPLACEMENTS.forEach((value, r) => {
        if (b < 2 || (r + b) % 5 === 0) bodies.push(withValue(base, path, value));
      });
    }
    for (const path of [[], ['firm'], ['request'], ['firm', 'certifications', 0]].filter(
      (p) => p.length === 0 || pathsOf(base).some((q) => q.join('.') === p.join('.')),
    ))
      bodies.push(withValue(base, [...path, 'extra'], 1));
  }
  bodies.push(null, 1, 'x', [], {}, [validBodies()[0]!]);
  // Bodies JSON.stringify cannot write: own __proto__ keys, -0, numbers beyond a double.
  const text = JSON.stringify(bases[0]);
  const firmText = JSON.stringify((bases[0] as { firm: Json }).firm);
  const tweaks: [string, string][] = [
    ['{"firm":', '{"__proto__":{"x":1},"firm":'],
    ['"employees":', '"__proto__":null,"employees":'],
    ['"employees":260', '"employees":-0'],
    ['"employees":260', '"employees":1e400'],
    ['"employees":260', '"employees":260.0'],
    ['"employees":260', '"employees":2.6e2'],
    ['"amountYuan":200000000', '"amountYuan":-0'],
    ['"termMonths":12', '"termMonths":12.000000000000001'],
    ['"purpose":"rnd"', '"purpose":"rnd","purpose":"bridge"'],
  ];
  for (const [from, to] of tweaks) {
    const changed = text.replace(from, to);
    if (changed === text) throw new Error(`no ${from} in ${text}`);
    bodies.push(JSON.parse(changed));
  }
  bodies.push(
    JSON.parse(
      `{"firm":${firmText.replace('}', ',"certifications":[{"tier":"little_giant","label":"high_tech","level":"national","issuedOn":"2024-07-01","authority":"工业和信息化部"}]}')},"request":{"amountYuan":1,"purpose":"rnd","termMonths":1}}`,
    ),
  );
  return bodies;
}

const CORPUS = corpus();

/**
 * What a schema checks, rule by rule: its definition, every nested schema, check, pattern and
 * refinement (by its source), each written out where it is used, so the fingerprint does not
 * depend on which schema objects are shared or how they are built (lazily or not).
 */
function rulesOf(schema: unknown): string {
  const open = new Set<object>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'function') return `fn ${String(v).replace(/\s+/g, '')}`;
    if (v instanceof RegExp) return `re ${String(v)}`;
    if (v === null || typeof v !== 'object') return v;
    const at: object = '_zod' in v ? (v as { _zod: { def: object } })._zod.def : v;
    if (open.has(at)) return 'cycle';
    open.add(at);
    const out = Array.isArray(at)
      ? at.map(walk)
      : Object.fromEntries(
          Object.keys(at)
            .sort()
            .map((k) => [k, walk((at as Record<string, unknown>)[k])]),
        );
    open.delete(at);
    return out;
  };
  return createHash('sha256')
    .update(JSON.stringify(walk(schema)))
    .digest('hex');
}

describe('parseMatchInput', () => {
  it('accepts only what zod accepts, and returns the value zod returns, key for key', async () => {
    let accepted = 0;
    for (const body of CORPUS) {
      const fast = parseMatchInput(body);
      const slow = await MatchInputSchema.safeParseAsync(body);
      if (fast === undefined) {
        // Every valid body of this corpus is one it vouches for.
        expect(slow.success, JSON.stringify(body)).toBe(false);
        continue;
      }
      accepted++;
      expect(slow.success, JSON.stringify(body)).toBe(true);
      expect(isDeepStrictEqual(fast, slow.data), JSON.stringify(body)).toBe(true);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(slow.data));
    }
    expect(CORPUS.length).toBeGreaterThan(1_500);
    expect(accepted).toBeGreaterThan(100);
    expect(CORPUS.length - accepted).toBeGreaterThan(1_000);
  });

  it('takes as plain only characters that are their own NFC form, combine with nothing and are visible', () => {
    // Every character that can follow another in a canonical decomposition: composing in NFC
    // only ever consumes one of these.
    const trailing = new Set<number>();
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const d = String.fromCodePoint(cp).normalize('NFD');
      if (d.length > 1) for (const ch of [...d].slice(1)) trailing.add(ch.codePointAt(0)!);
    }
    let plain = 0;
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      if (!plainLine(ch)) continue;
      plain++;
      expect(ch.normalize('NFC'), c.toString(16)).toBe(ch);
      expect(ch.normalize('NFD'), c.toString(16)).toBe(ch);
      expect(trailing.has(c), c.toString(16)).toBe(false);
      expect(/\p{M}/u.test(ch), c.toString(16)).toBe(false);
      expect(textProblem(ch, false), c.toString(16)).toBeUndefined();
    }
    expect(plain).toBe(0x5f + 0x5200 + 0x11 + 0x5e);
    expect(plainLine('厦门精密传感科技有限公司')).toBe(true);
    expect(plainLine('e\u0301')).toBe(false);
  });

  it('follows MatchInputSchema as it is: a change to the schema fails here until match-input.ts follows it', () => {
    // When this fails, read the schema's change (firm.ts, funding-request.ts, text.ts, tiers.ts,
    // matching/schema.ts), make shared/http/match-input.ts check the same, add a body to the
    // corpus above that tells the old rule from the new, then put the new fingerprint here.
    expect(rulesOf(MatchInputSchema)).toBe(
      'f633511ac946a3954eaa03aa2b35f1da6a869bd447c4fc7065ecb933612d66e3',
    );
  });
});

describe('POST /api/match with the plain-code check in front', () => {
  const send = async (app: typeof served, body: string | undefined, type: string | undefined) => {
    const res = await app.request('/api/match', {
      method: 'POST',
      ...(body === undefined ? {} : { body }),
      headers: type === undefined ? {} : { 'content-type': type },
    });
    return { status: res.status, headers: [...res.headers.entries()], body: await res.text() };
  };

  it('answers bodies of the corpus as the route on its own, status, headers and bytes', async () => {
    const statuses = new Map<number, number>();
    // Every valid body and every eighth of the rest (the parser test above reads them all).
    const sample = CORPUS.filter((b, i) => i % 8 === 0 || MatchInputSchema.safeParse(b).success);
    for (const value of sample) {
      const body = JSON.stringify(value);
      const [a, b] = [
        await send(served, body, 'application/json'),
        await send(reference, body, 'application/json'),
      ];
      expect(a, body).toEqual(b);
      statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
    }
    expect(statuses.get(200)).toBeGreaterThan(100);
    expect(statuses.get(400)).toBeGreaterThan(150);
  });

  it('answers odd content types, malformed and missing bodies as the route on its own', async () => {
    const good = JSON.stringify(validBodies()[0]);
    const bad = JSON.stringify(CORPUS.find((b) => !MatchInputSchema.safeParse(b).success));
    const types = [
      undefined,
      'application/json',
      'application/json; charset=utf-8',
      'application/json;charset=UTF-8',
      'APPLICATION/JSON',
      'application/json; charset=latin1',
      'application/json ; charset=utf-8',
      'application/vnd.api+json',
      'application/jsonx',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
    ];
    const bodies = [
      good,
      bad,
      undefined,
      '',
      '{',
      '{"firm":',
      'null',
      '[]',
      '"x"',
      `${good} `,
      `\ufeff${good}`,
    ];
    for (const type of types)
      for (const body of bodies)
        expect(await send(served, body, type), `${type} ${body?.slice(0, 20)}`).toEqual(
          await send(reference, body, type),
        );
  });
});

describe('fastJsonBody', () => {
  it('answers a valid plain-JSON body itself and sends everything else on to the route', async () => {
    const taken: string[] = [];
    const app = new Hono<AppEnv>();
    app.post(
      '/api/match',
      fastJsonBody(parseMatchInput, (c, input) => {
        taken.push(`fast ${input.asOf ?? '-'}`);
        return c.text('fast');
      }),
      (c) => {
        taken.push('route');
        return c.text('route');
      },
    );
    const good = {
      firm: xiamenLittleGiant(),
      request: { amountYuan: 1_000_000, purpose: 'rnd', termMonths: 12 },
    };
    const post = (body: string, type = 'application/json') =>
      app.request('/api/match', { method: 'POST', body, headers: { 'content-type': type } });
    await post(JSON.stringify(good));
    await post(JSON.stringify({ ...good, asOf: '2025-06-30' }), 'application/json; charset=UTF-8');
    await post(JSON.stringify({ ...good, asOf: '2025-02-29' }));
    await post('{');
    await post(JSON.stringify(good), 'application/vnd.api+json');
    await post(JSON.stringify(good), 'text/plain');
    expect(taken).toEqual(['fast -', 'fast 2025-06-30', 'route', 'route', 'route', 'route']);
  });
});
