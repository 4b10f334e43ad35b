import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import { auth, bodyOf, json } from '../support/app.ts';
import { chongqingSrdi, xiamenLittleGiant } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';

/**
 * The authorization matrix: every endpoint that takes an id is called by someone who
 * must not reach that object — another firm, another institution's officer, an
 * operator of another region, a firm posing as an officer. Each gets its exact status
 * (see `Call`) with no data in the body, and nothing changes.
 */
let world: World;
const xmUscc = buildUscc('91', '350203', 'MA8TAUX1');
const cqUscc = buildUscc('91', '500112', 'MA5TAUX2');
let requestId: string;
let leadId: string;
let ownInstitution: string;
let tokens: Record<string, string>;

beforeAll(async () => {
  world = await createWorld();
  await world.addFirm(xiamenLittleGiant({ uscc: xmUscc }));
  await world.addFirm(chongqingSrdi({ uscc: cqUscc }));
  const xmFirm = await world.token({ role: 'firm', userId: 'u-xm', uscc: xmUscc });
  const submitted = await bodyOf(
    await world.app.request(
      '/api/requests',
      json({ amountYuan: 12_000_000, purpose: 'rnd', termMonths: 24 }, xmFirm, {
        'Idempotency-Key': 'authz-0001',
      }),
    ),
  );
  requestId = submitted.request.id;
  const sent = await bodyOf(
    await world.app.request(`/api/requests/${requestId}/send`, json({ topK: 1 }, xmFirm)),
  );
  leadId = sent.leads[0].id;
  ownInstitution = sent.leads[0].institutionId;
  const institutions = (await world.store.catalog.listInstitutions()).map((i) => i.id);
  const otherInstitution = institutions.find((i) => i !== ownInstitution)!;
  tokens = {
    xmFirm,
    cqFirm: await world.token({ role: 'firm', userId: 'u-cq', uscc: cqUscc }),
    otherOfficer: await world.token({ role: 'officer', userId: 'o-other', institutionId: otherInstitution }),
    ownOfficer: await world.token({ role: 'officer', userId: 'o-own', institutionId: ownInstitution }),
    cqOperator: await world.token({ role: 'operator', userId: 'op-cq', regionPrefix: '50' }),
    xmOperator: await world.token({ role: 'operator', userId: 'op-xm', regionPrefix: '3502' }),
  };
});
afterAll(() => world.drop());

/**
 * The status each refusal must get, exactly: 404 where the caller's role may do this but
 * the object is another tenant's (indistinguishable from an object that does not exist);
 * 403 where the role may not do this at all (said before any object is read); 422 where
 * the object is the caller's but the state machine refuses the action for its role.
 */
type Call = [label: string, method: string, path: () => string, who: string, status: number, body?: object];

const CALLS: Call[] = [
  ['another firm reads the firm', 'GET', () => `/api/firms/${xmUscc}`, 'cqFirm', 404],
  ['an officer reads the firm', 'GET', () => `/api/firms/${xmUscc}`, 'ownOfficer', 404],
  ['another region’s operator reads the firm', 'GET', () => `/api/firms/${xmUscc}`, 'cqOperator', 404],
  [
    'another firm replaces certificates',
    'PUT',
    () => `/api/firms/${xmUscc}/certifications`,
    'cqFirm',
    404,
    { certifications: [] },
  ],
  [
    'an officer replaces certificates',
    'PUT',
    () => `/api/firms/${xmUscc}/certifications`,
    'ownOfficer',
    404,
    { certifications: [] },
  ],
  [
    'another region’s operator assigns a specialist',
    'PUT',
    () => `/api/firms/${xmUscc}/specialist`,
    'cqOperator',
    404,
    { userId: 'x', name: '张三' },
  ],
  [
    'a firm assigns itself a specialist',
    'PUT',
    () => `/api/firms/${xmUscc}/specialist`,
    'xmFirm',
    403,
    { userId: 'x', name: '张三' },
  ],
  ['another firm reads the specialist', 'GET', () => `/api/firms/${xmUscc}/specialist`, 'cqFirm', 404],
  ['another firm reads the request', 'GET', () => `/api/requests/${requestId}`, 'cqFirm', 404],
  ['an officer reads the raw request', 'GET', () => `/api/requests/${requestId}`, 'ownOfficer', 404],
  [
    'another region’s operator reads the request',
    'GET',
    () => `/api/requests/${requestId}`,
    'cqOperator',
    404,
  ],
  ['another firm reads the matches', 'GET', () => `/api/requests/${requestId}/matches`, 'cqFirm', 404],
  ['an officer reads the matches', 'GET', () => `/api/requests/${requestId}/matches`, 'otherOfficer', 404],
  [
    'another firm sends the request',
    'POST',
    () => `/api/requests/${requestId}/send`,
    'cqFirm',
    404,
    { topK: 1 },
  ],
  [
    'an officer sends the request',
    'POST',
    () => `/api/requests/${requestId}/send`,
    'ownOfficer',
    403,
    { topK: 1 },
  ],
  [
    'another firm withdraws the request',
    'POST',
    () => `/api/requests/${requestId}/withdraw`,
    'cqFirm',
    404,
    {},
  ],
  [
    'an operator withdraws the request',
    'POST',
    () => `/api/requests/${requestId}/withdraw`,
    'xmOperator',
    403,
    {},
  ],
  ['another firm lists the request’s leads', 'GET', () => `/api/requests/${requestId}/leads`, 'cqFirm', 404],
  ['another institution reads the lead', 'GET', () => `/api/leads/${leadId}`, 'otherOfficer', 404],
  ['another firm reads the lead', 'GET', () => `/api/leads/${leadId}`, 'cqFirm', 404],
  ['another region’s operator reads the lead', 'GET', () => `/api/leads/${leadId}`, 'cqOperator', 404],
  [
    'another institution accepts the lead',
    'POST',
    () => `/api/leads/${leadId}/transitions`,
    'otherOfficer',
    404,
    { action: 'accept' },
  ],
  [
    'another firm withdraws the lead',
    'POST',
    () => `/api/leads/${leadId}/transitions`,
    'cqFirm',
    404,
    { action: 'withdraw' },
  ],
  [
    'the firm acts as the officer',
    'POST',
    () => `/api/leads/${leadId}/transitions`,
    'xmFirm',
    422,
    { action: 'accept' },
  ],
  [
    'an operator acts on the lead',
    'POST',
    () => `/api/leads/${leadId}/transitions`,
    'xmOperator',
    403,
    { action: 'accept' },
  ],
  ['another firm reveals the firm', 'POST', () => `/api/leads/${leadId}/reveal`, 'cqFirm', 404, {}],
  ['an officer reveals the firm', 'POST', () => `/api/leads/${leadId}/reveal`, 'ownOfficer', 403, {}],
  [
    'another institution reads the audit trail',
    'GET',
    () => `/api/leads/${leadId}/audit`,
    'otherOfficer',
    404,
  ],
  ['another firm reads the audit trail', 'GET', () => `/api/leads/${leadId}/audit`, 'cqFirm', 404],
  [
    'another region’s operator reads the audit trail',
    'GET',
    () => `/api/leads/${leadId}/audit`,
    'cqOperator',
    404,
  ],
  ['a firm lists institution leads', 'GET', () => '/api/leads', 'xmFirm', 403],
  [
    'an officer posts a request',
    'POST',
    () => '/api/requests',
    'ownOfficer',
    403,
    { amountYuan: 1, purpose: 'rnd', termMonths: 1 },
  ],
  ['an officer lists requests', 'GET', () => '/api/requests', 'ownOfficer', 403],
  ['a firm publishes a product', 'POST', () => '/api/products', 'xmFirm', 403, {}],
  [
    'an officer drafts a product for another institution',
    'POST',
    () => '/api/products',
    'ownOfficer',
    403,
    {
      id: 'authz-other-institution-loan',
      kind: 'bank_loan',
      institutionId: 'chongqing-demo-bank',
      name: { zh: '他行产品（示例）', en: "Another bank's loan (demo)" },
      pricing: { type: 'lpr_spread', spreadBp: 0 },
      regionScope: ['50'],
      source: { city: 'chongqing', seedFile: '002_c5f9ca10f9e33068.txt' },
    },
  ],
  [
    'a firm registers another firm',
    'POST',
    () => '/api/firms',
    'xmFirm',
    403,
    chongqingSrdi({ uscc: buildUscc('91', '500112', 'MA5TAUX3') }),
  ],
  [
    'another region’s operator replaces certificates',
    'PUT',
    () => `/api/firms/${xmUscc}/certifications`,
    'cqOperator',
    404,
    { certifications: [] },
  ],
  [
    'another region’s operator reads the specialist',
    'GET',
    () => `/api/firms/${xmUscc}/specialist`,
    'cqOperator',
    404,
  ],
  ['an officer reads the specialist', 'GET', () => `/api/firms/${xmUscc}/specialist`, 'ownOfficer', 404],
  [
    'another region’s operator reads the matches',
    'GET',
    () => `/api/requests/${requestId}/matches`,
    'cqOperator',
    404,
  ],
  [
    'another region’s operator lists the request’s leads',
    'GET',
    () => `/api/requests/${requestId}/leads`,
    'cqOperator',
    404,
  ],
  [
    'an officer lists the request’s leads',
    'GET',
    () => `/api/requests/${requestId}/leads`,
    'ownOfficer',
    403,
  ],
  [
    'another region’s operator acts on the lead',
    'POST',
    () => `/api/leads/${leadId}/transitions`,
    'cqOperator',
    403,
    { action: 'accept' },
  ],
];

async function snapshot() {
  const lead = await world.store.leads.get(leadId);
  const request = await world.store.requests.get(requestId);
  const firm = await world.store.firms.get(xmUscc);
  return JSON.stringify({ lead, request, firm, specialist: await world.store.firms.specialist(xmUscc) });
}

describe('authorization matrix', () => {
  it.each(CALLS)('%s → %i with no data', async (_label, method, path, who, status, body) => {
    const before = await snapshot();
    const init =
      body === undefined
        ? auth(tokens[who]!, { method })
        : { ...json(body, tokens[who]!, { 'Idempotency-Key': 'authz-other-key' }), method };
    const res = await world.app.request(path(), init);
    expect(res.status).toBe(status);
    const text = await res.text();
    // Ids the caller sent may be echoed in the message; the objects' data must not be.
    for (const secret of ['厦门精密传感', '12000000', '"profile"', '"amountYuan"', '"certifications"']) {
      expect(text).not.toContain(secret);
    }
    expect(JSON.parse(text).error.message.zh).toBeTruthy();
    expect(await snapshot()).toBe(before);
  });

  it('still lets the rightful owners in (the matrix is not denying everyone)', async () => {
    expect((await world.app.request(`/api/firms/${xmUscc}`, auth(tokens.xmFirm!))).status).toBe(200);
    expect((await world.app.request(`/api/requests/${requestId}`, auth(tokens.xmOperator!))).status).toBe(
      200,
    );
    expect((await world.app.request(`/api/leads/${leadId}`, auth(tokens.ownOfficer!))).status).toBe(200);
    expect((await world.app.request(`/api/leads/${leadId}/audit`, auth(tokens.xmOperator!))).status).toBe(
      200,
    );
  });

  it('lists only the caller’s own objects', async () => {
    const cqRequests = await bodyOf(await world.app.request('/api/requests', auth(tokens.cqFirm!)));
    expect(cqRequests.items).toEqual([]);
    const cqOpRequests = await bodyOf(await world.app.request('/api/requests', auth(tokens.cqOperator!)));
    expect(cqOpRequests.items).toEqual([]);
    const xmOpRequests = await bodyOf(await world.app.request('/api/requests', auth(tokens.xmOperator!)));
    expect(xmOpRequests.items.map((r: { id: string }) => r.id)).toContain(requestId);
    const otherLeads = await bodyOf(await world.app.request('/api/leads', auth(tokens.otherOfficer!)));
    expect(otherLeads.items).toEqual([]);
  });
});
