import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import type { Store } from '#store/index.ts';
import { auth, bodyOf, createTestApp, json, tokenFor } from '../support/app.ts';
import { xiamenLittleGiant } from '../support/fixtures.ts';
import { createTestStore, type TestStore } from '../support/store.ts';

let store: TestStore;
let drop: () => Promise<void>;
let app: ReturnType<typeof createTestApp>['app'];

beforeAll(async () => {
  ({ store, drop } = await createTestStore());
  ({ app } = createTestApp(store));
});
afterAll(() => drop());

async function countRows() {
  const out = await store.db.doc.send(
    new (await import('@aws-sdk/lib-dynamodb')).ScanCommand({
      TableName: store.db.tableName,
      Select: 'COUNT',
    }),
  );
  return out.Count ?? 0;
}

describe('POST /api/firms', () => {
  it('registers a firm (201) with its event, and a second time with the same uscc is 409', async () => {
    const firm = xiamenLittleGiant({ uscc: buildUscc('91', '350203', 'MA8TREG1') });
    const first = await app.request('/api/firms', json(firm));
    expect(first.status).toBe(201);
    const body = await bodyOf(first);
    expect(body.certifications[0].expiresOn).toBe('2027-07-01');

    const stored = await store.firms.get(firm.uscc);
    expect(stored?.name).toBe(firm.name);
    const events = await store.db.doc.send(
      new (await import('@aws-sdk/lib-dynamodb')).ScanCommand({
        TableName: store.db.tableName,
        FilterExpression: 'entity = :e AND eventType = :t',
        ExpressionAttributeValues: { ':e': 'Event', ':t': 'FirmRegistered' },
      }),
    );
    expect(events.Items?.some((i) => i.event.subject === firm.uscc)).toBe(true);

    const again = await app.request('/api/firms', json(firm));
    expect(again.status).toBe(409);
    expect((await bodyOf(again)).error.code).toBe('conflict');
  });

  it.each([
    ['wrong 18th check digit', { uscc: '91330100716105852A' }, 'uscc', 'GB 32100'],
    ['wrong organisation-code check digit', { uscc: '913301007161058539' }, 'uscc', 'GB 11714'],
    ['too short', { uscc: '9133010071610585' }, 'uscc', '18'],
    ['forbidden letter', { uscc: '9133010071610585OF' }, 'uscc', "'O'"],
    ['bad region code', { regionCode: '3502' }, 'regionCode', 'GB/T 2260'],
    ['negative revenue', { revenueYuan: -1 }, 'revenueYuan', '≥ 0'],
    ['fractional employees', { employees: 10.5 }, 'employees', 'int'],
  ])('rejects %s with 400 naming the field, and stores nothing', async (_label, patch, field, reason) => {
    const before = await countRows();
    const res = await app.request('/api/firms', json({ ...xiamenLittleGiant(), ...patch }));
    expect(res.status).toBe(400);
    const body = await bodyOf(res);
    const f = body.error.fields.find((x: { path: string }) => x.path === field);
    expect(f, JSON.stringify(body)).toBeDefined();
    expect(`${f.en} ${f.zh}`).toContain(reason);
    expect(f.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(await countRows()).toBe(before);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await app.request('/api/firms', json('{"uscc": '));
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).error.fields[0].en).toContain('not valid JSON');
  });

  it('refuses unknown fields', async () => {
    const res = await app.request('/api/firms', json({ ...xiamenLittleGiant(), isVip: true }));
    expect(res.status).toBe(400);
  });

  it('creates the first account with the firm; a taken e-mail gets the same answer and changes no account', async () => {
    const uscc = buildUscc('91', '350203', 'MA8TACC1');
    const account = {
      email: 'cfo@acc1.example.cn',
      password: 'long-enough-password',
      displayName: '财务总监',
    };
    const res = await app.request('/api/firms', json({ ...xiamenLittleGiant({ uscc }), account }));
    expect(res.status).toBe(201);
    const firstBody = await bodyOf(res);
    expect(JSON.stringify(firstBody)).not.toContain('password');
    const user = await store.users.getByEmail(account.email);
    expect(user?.uscc).toBe(uscc);
    expect(user?.passwordHash).toMatch(/^scrypt\$/);

    const other = buildUscc('91', '350203', 'MA8TACC2');
    const dup = await app.request(
      '/api/firms',
      json({ ...xiamenLittleGiant({ uscc: other }), account: { ...account, password: 'another-password' } }),
    );
    // No enumeration: the same status and body shape as a fresh address.
    expect(dup.status).toBe(201);
    expect(Object.keys(await bodyOf(dup)).sort()).toEqual(Object.keys(firstBody).sort());
    const after = await store.users.getByEmail(account.email);
    expect(after).toEqual(user);
  });
});

describe('GET /api/firms/{uscc} and certifications', () => {
  const uscc = buildUscc('91', '350203', 'MA8TGET1');
  beforeAll(async () => {
    expect((await app.request('/api/firms', json(xiamenLittleGiant({ uscc })))).status).toBe(201);
  });

  it('lets the firm itself and a Xiamen operator read it; another firm or an anonymous caller cannot', async () => {
    const own = await tokenFor({ role: 'firm', userId: 'u1', uscc });
    const op = await tokenFor({ role: 'operator', userId: 'op', regionPrefix: '3502' });
    const otherFirm = await tokenFor({
      role: 'firm',
      userId: 'u2',
      uscc: buildUscc('91', '350203', 'MA8TKTH1'),
    });
    const cqOperator = await tokenFor({ role: 'operator', userId: 'op2', regionPrefix: '50' });
    const officer = await tokenFor({ role: 'officer', userId: 'o1', institutionId: 'xm-bank' });

    expect((await app.request(`/api/firms/${uscc}`, auth(own))).status).toBe(200);
    expect((await app.request(`/api/firms/${uscc}`, auth(op))).status).toBe(200);
    for (const t of [otherFirm, cqOperator, officer]) {
      const res = await app.request(`/api/firms/${uscc}`, auth(t));
      expect(res.status).toBe(404);
      expect(JSON.stringify(await bodyOf(res))).not.toContain('厦门');
    }
    expect((await app.request(`/api/firms/${uscc}`)).status).toBe(401);
  });

  it('replaces certificates, defaulting expiry to three years', async () => {
    const own = await tokenFor({ role: 'firm', userId: 'u1', uscc });
    const res = await app.request(`/api/firms/${uscc}/certifications`, {
      ...json(
        {
          certifications: [
            {
              tier: 'key_little_giant',
              level: 'national',
              issuedOn: '2025-06-01',
              authority: '厦门市工信局',
            },
          ],
        },
        own,
      ),
      method: 'PUT',
    });
    expect(res.status).toBe(200);
    const firm = await store.firms.require(uscc);
    expect(firm.certifications).toEqual([
      {
        tier: 'key_little_giant',
        level: 'national',
        issuedOn: '2025-06-01',
        expiresOn: '2028-06-01',
        authority: '厦门市工信局',
      },
    ]);
  });

  it('rejects a forged token with 401', async () => {
    const forged = `${(await tokenFor({ role: 'operator', userId: 'x', regionPrefix: '35' })).slice(0, -4)}abcd`;
    const res = await app.request(`/api/firms/${uscc}`, auth(forged));
    expect(res.status).toBe(401);
    expect((await bodyOf(res)).error.message.zh).toBeTruthy();
  });

  it('rejects an expired token with 401', async () => {
    const expired = await tokenFor({ role: 'firm', userId: 'u1', uscc }, -60);
    expect((await app.request(`/api/firms/${uscc}`, auth(expired))).status).toBe(401);
  });
});

describe('errors', () => {
  it('answers an unknown route with 404 JSON', async () => {
    const res = await app.request('/api/nope');
    expect(res.status).toBe(404);
    expect((await bodyOf(res)).error.code).toBe('not_found');
  });

  it('answers an internal failure with 500 and no internals', async () => {
    const broken = createTestApp({
      ...store,
      firms: { get: () => Promise.reject(new Error('secret table detail')) } as unknown as Store['firms'],
    }).app;
    const token = await tokenFor({ role: 'operator', userId: 'op', regionPrefix: '35' });
    const res = await broken.request(`/api/firms/${buildUscc('91', '350203', 'MA8TGET1')}`, auth(token));
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('secret');
  });
});
