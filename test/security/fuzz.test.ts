import { createHash, randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import * as fc from 'fast-check';
import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#domain/principal.ts';
import { buildUscc } from '#domain/uscc.ts';
import type { JsonSchema } from '#http/json-schema.ts';
import { LOCAL_ISSUER } from '#http/local-tokens.ts';
import { bodyOf, json, TEST_NOW, TEST_SECRET } from '../support/app.ts';
import { hangzhouLittleGiant } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';

/**
 * Property-based fuzzing of every operation in the OpenAPI document: generated bodies (from
 * each operation's own JSON Schema) and mutations of them, hostile ids, cursors, headers and
 * tokens. Two properties: no answer is a 5xx, and a 4xx stores nothing (the table is the same
 * before and after, sign-in failure counters aside).
 */

type Operation = {
  method: string;
  path: string;
  parameters?: { name: string; in: string; schema?: JsonSchema }[];
  body?: JsonSchema;
};

let world: World;
let operations: Operation[];
let ids: Record<string, string[]>;
/** Principals of each role (and a stranger firm); each request gets a fresh token, since sign-out is fuzzed too. */
let principals: Principal[];
let longLived: string;

/** A value of a JSON Schema (the subset zod writes), valid more often than not. */
function fromSchema(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return fc.oneof(...variants.map((v) => fromSchema(v, depth + 1)));
  if (schema.allOf?.length) return fromSchema(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  let arb: fc.Arbitrary<unknown>;
  switch (type) {
    case 'object': {
      const props = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) record[k] = fromSchema(v, depth + 1);
      arb = fc.record(record, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
      break;
    }
    case 'array':
      arb = fc.array(fromSchema(schema.items, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
      break;
    case 'integer':
    case 'number': {
      const min =
        schema.minimum ?? (typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : -1e6);
      const max = schema.maximum ?? 1e12;
      arb = fc.oneof(
        fc
          .bigInt({
            min: BigInt(Math.max(Math.ceil(min), -(2 ** 52))),
            max: BigInt(Math.min(Math.floor(max), 2 ** 52)),
          })
          .map(Number),
        fc.constantFrom(0, -1, 1e300, 2 ** 53 + 1, 0.5),
      );
      break;
    }
    case 'boolean':
      arb = fc.boolean();
      break;
    case 'string': {
      if (schema.format === 'date')
        arb = fc.constantFrom('2026-11-23', '2026-12-31', '2027-06-30', '2020-01-01', '9999-12-31');
      else if (schema.format === 'email') arb = fc.emailAddress();
      else if (schema.format === 'date-time')
        arb = fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      else if (schema.pattern) {
        try {
          arb = fc
            .stringMatching(new RegExp(schema.pattern))
            .filter((s) => s.length <= (schema.maxLength ?? 500));
        } catch {
          arb = fc.string();
        }
      } else
        arb = fc.string({
          minLength: schema.minLength ?? 0,
          maxLength: Math.min(schema.maxLength ?? 40, 60),
        });
      break;
    }
    default:
      arb = fc.jsonValue({ maxDepth: 2 });
  }
  return schema.nullable ? fc.oneof(arb, fc.constant(null)) : arb;
}

/** Strings an attacker tries: huge, invisible, control, traversal, injection, odd encodings. */
const hostileString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom(
    'A'.repeat(2048),
    'é'.repeat(5000),
    '../../etc/passwd',
    '%00',
    '\u0000',
    '厦门\u202e感传',
    '\u200b',
    "' OR 1=1 --",
    '{"$ne":null}',
    '<script>alert(1)</script>',
    '__proto__',
    'constructor',
    '-1',
    '1e999',
  ),
);

/** Mutations of a valid body: a field dropped, changed or added, or a body that is not the shape at all. */
function mutate(valid: fc.Arbitrary<unknown>): fc.Arbitrary<{ raw?: string; value?: unknown }> {
  const asObject = (v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  return fc.oneof(
    { weight: 4, arbitrary: valid.map((value) => ({ value })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, fc.nat(), fc.oneof(fc.jsonValue({ maxDepth: 2 }), hostileString))
        .map(([v, i, x]) => {
          const o = { ...asObject(v) };
          const keys = Object.keys(o);
          if (keys.length) o[keys[i % keys.length]!] = x;
          return { value: o };
        }),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(valid, fc.nat()).map(([v, i]) => {
        const o = { ...asObject(v) };
        const keys = Object.keys(o);
        if (keys.length) delete o[keys[i % keys.length]!];
        return { value: o };
      }),
    },
    {
      weight: 1,
      arbitrary: valid.map((v) => ({ value: { ...asObject(v), isAdmin: true, role: 'operator' } })),
    },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ value })) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('{"a":', '[]', 'null', '"x"', '{"__proto__":{"admin":true}}', '\u0000', '{}{}')
        .map((raw) => ({ raw })),
    },
    { weight: 1, arbitrary: fc.constantFrom('x'.repeat(70_000)).map((s) => ({ value: { name: s } })) },
  );
}

/** A path parameter: a real id of the right kind, or something hostile. */
function pathParam(name: string): fc.Arbitrary<string> {
  const known = ids[name] ?? [];
  return fc.oneof(
    { weight: known.length ? 3 : 0, arbitrary: known.length ? fc.constantFrom(...known) : fc.constant('x') },
    { weight: 2, arbitrary: hostileString.filter((s) => s.length > 0) },
  );
}

const cursorArb = fc.oneof(
  fc.constantFrom('e30', 'eyJQSyI6IngifQ', 'bnVsbA', 'W10', 'AAAA', 'x'.repeat(1999), '!!', '%7B%7D'),
  fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null').toString('base64url')),
  fc.base64String({ maxLength: 200 }),
);

function queryArb(op: Operation): fc.Arbitrary<Record<string, string | undefined>> {
  const params = (op.parameters ?? []).filter((p) => p.in === 'query');
  const record: Record<string, fc.Arbitrary<string>> = {};
  for (const p of params) {
    record[p.name] =
      p.name === 'cursor'
        ? cursorArb
        : fc.oneof(
            fromSchema(p.schema).map((v) => String(v)),
            hostileString,
          );
  }
  return fc.record(record, { requiredKeys: [] });
}

/** Mostly a real token of some role (so requests get past sign-in), sometimes none or a forged one. */
const headerArb = fc.record(
  {
    authorization: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('__token0__', '__token1__', '__token2__', '__token3__') },
      { weight: 1, arbitrary: fc.constant('__none__') },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          '__token4__',
          'Bearer',
          'Bearer x.y.z',
          'Basic dXNlcjpwYXNz',
          `Bearer ${'a'.repeat(9000)}`,
        ),
      },
    ),
    'if-match': fc.oneof(fc.constantFrom('"1"', '"2"', 'W/"1"', '*', '"999999999999"'), hostileString),
    'idempotency-key': fc.oneof(fc.uuid(), hostileString),
    'content-type': fc.oneof(
      { weight: 9, arbitrary: fc.constant('application/json') },
      { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/json; charset=latin1', '') },
    ),
  },
  { requiredKeys: ['authorization', 'content-type'] },
);

/** Tokens are made in beforeAll; the arbitraries name them and this resolves the names. */
async function resolveToken(value: string): Promise<string | undefined> {
  if (value === '__token4__') return `Bearer ${longLived}`;
  const m = /^__token(\d)__$/.exec(value);
  if (m) return `Bearer ${await world.token(principals[Number(m[1])]!)}`;
  return value === '__none__' ? undefined : value;
}

/**
 * The whole table, hashed item by item — sign-in failure counters (they count 401s by design)
 * and the cursor-signing key (made by the first listing) left out.
 */
async function tableDigest(): Promise<string> {
  const items: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await world.store.db.doc.send(
      new ScanCommand({
        TableName: world.store.db.tableName,
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    for (const item of out.Items ?? []) {
      if (String(item.PK).startsWith('SIGNIN#') || String(item.PK).startsWith('CONFIG#')) continue;
      items.push(
        createHash('sha256')
          .update(JSON.stringify(item, Object.keys(item).sort()))
          .digest('hex'),
      );
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return createHash('sha256').update(items.sort().join()).digest('hex');
}

beforeAll(async () => {
  world = await createWorld();
  const uscc = buildUscc('91', '330106', 'MA2TE2E1');
  const registered = await world.app.request('/api/firms', json(hangzhouLittleGiant({ uscc })));
  expect(registered.status).toBe(201);
  const firm = { role: 'firm' as const, userId: 'u-fuzz', uscc };
  const firmToken = await world.token(firm);
  const submitted = await world.app.request(
    '/api/requests',
    json({ amountYuan: 8_000_000, purpose: 'working_capital', termMonths: 12 }, firmToken, {
      'Idempotency-Key': 'fuzz-0001',
    }),
  );
  const { request } = await bodyOf(submitted);
  const sent = await bodyOf(
    await world.app.request(`/api/requests/${request.id}/send`, json({ topK: 2 }, firmToken)),
  );
  const leadIds: string[] = sent.leads.map((l: { id: string }) => l.id);
  const institutionId: string = sent.leads[0].institutionId;
  const products = await world.store.catalog.listProducts();
  ids = {
    id: [...leadIds, request.id, products[0]!.id],
    uscc: [uscc, buildUscc('91', '350203', 'MA8TXM01')],
    productId: products.slice(0, 3).map((p) => p.id),
    requestId: [request.id],
  };
  const now = Math.floor(TEST_NOW.getTime() / 1000);
  principals = [
    firm,
    { role: 'officer', userId: 'o-fuzz', institutionId },
    { role: 'operator', userId: 'op-fuzz', regionPrefix: '33' },
    { role: 'firm', userId: 'u-other', uscc: buildUscc('91', '350203', 'MA8TXM01') },
  ];
  // Signed right, but living 100 years: refused.
  longLived = await sign(
    { ...firm, sub: firm.userId, iss: LOCAL_ISSUER, iat: now, exp: now + 3_153_600_000, jti: randomUUID() },
    TEST_SECRET,
  );
  const doc = await bodyOf(await world.app.request('/api/openapi.json'));
  operations = Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>).flatMap(
    ([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters as Operation['parameters'],
        body: (op.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)
          ?.content?.['application/json']?.schema,
      })),
  );
});
afterAll(() => world.drop());

/** Generated requests per operation: thousands in all, a couple of minutes at most. */
const RUNS_PER_OPERATION = 80;

describe('fuzzing every operation of the OpenAPI document', () => {
  it('never answers 5xx, and a 4xx stores nothing', async () => {
    expect(operations.length).toBeGreaterThan(15);
    let requests = 0;
    let digest = await tableDigest();
    const statuses = new Map<number, number>();
    for (const op of operations) {
      const names = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const paramsArb = fc.record(Object.fromEntries(names.map((n) => [n, pathParam(n)])));
      const bodyArb = op.body
        ? mutate(fromSchema(op.body))
        : fc.constant({} as { raw?: string; value?: unknown });
      await fc.assert(
        fc.asyncProperty(
          paramsArb,
          queryArb(op),
          headerArb,
          bodyArb,
          async (params, query, headers, body) => {
            let path = op.path;
            for (const [k, v] of Object.entries(params)) path = path.replace(`{${k}}`, encodeURIComponent(v));
            const qs = new URLSearchParams(
              Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined),
            ).toString();
            const h: Record<string, string> = {};
            for (const [k, v] of Object.entries(headers)) {
              const value = k === 'authorization' ? await resolveToken(v) : v;
              // Headers must be ISO-8859-1: anything else never reaches a server.
              if (value !== undefined && /^[\t\x20-\x7e\x80-\xff]*$/.test(value)) h[k] = value;
            }
            const init: RequestInit = { method: op.method, headers: h };
            if (op.method !== 'GET' && (op.body || body.raw !== undefined)) {
              init.body = body.raw ?? JSON.stringify(body.value ?? {});
            }
            const res = await world.app.request(`${path}${qs ? `?${qs}` : ''}`, init);
            requests++;
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            const text = await res.text();
            expect(
              res.status,
              `${op.method} ${path.slice(0, 200)}?${qs.slice(0, 200)} → ${text.slice(0, 300)}`,
            ).toBeLessThan(500);
            if (op.method !== 'GET') {
              const after = await tableDigest();
              if (res.status >= 400)
                expect(after, `${op.method} ${path} stored something on ${res.status}`).toBe(digest);
              digest = after;
            }
          },
        ),
        { numRuns: RUNS_PER_OPERATION },
      );
    }
    expect(requests).toBeGreaterThan(1000);
    // For the report: how the answers spread.
    console.info('fuzz', requests, 'requests', Object.fromEntries([...statuses].sort(([a], [b]) => a - b)));
  }, 600_000);
});
