import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import { INSTITUTIONS } from '#shared/catalog/institutions.ts';
import { createWorld, type World } from '../support/world.ts';
import { browser, inputValue, ORIGIN } from './browser.ts';

/**
 * Sign-up, certificates and password on the pages; documents a firm attaches to its answer,
 * seen by that lead's institution only.
 */
let world: World;
const uscc = buildUscc('91', '350203', 'MA8REG01');
const EMAIL = 'cfo@newfirm.example';
let cookie: string;

const registration = (overrides: Record<string, string> = {}) => ({
  name: '厦门新注册科技有限公司',
  uscc,
  regionCode: '350203',
  industryCode: 'C3981',
  foundedOn: '2015-05-01',
  employees: '120',
  revenueYuan: '2.4亿',
  rndExpenseYuan: '1800万',
  inventionPatents: '12',
  priorYearInterestPaidYuan: '0',
  displayName: '李会计',
  email: EMAIL,
  password: 'a-long-password-1',
  ...overrides,
});

async function post(path: string, fields: Record<string, string>, withCookie = cookie) {
  return world.app.request(path, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: ORIGIN,
      ...(withCookie ? { cookie: withCookie } : {}),
    },
  });
}

beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.drop());

describe('registration, certificates and password', () => {
  it('a bad registration comes back with its problems, the first focused', async () => {
    const res = await post('/register', registration({ uscc: '91350203MA8REG01X0', password: 'short' }), '');
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/<input[^>]*name="uscc"[^>]*aria-invalid="true"[^>]*autofocus/);
    expect(html).not.toContain('value="short"');
  });

  it('registers a firm with its account, signs it in and opens its profile', async () => {
    const res = await post('/register', registration(), '');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/firm/profile?ok=registered');
    cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const firm = await world.store.firms.get(uscc);
    expect(firm).toMatchObject({ revenueYuan: 240_000_000, rndExpenseYuan: 18_000_000 });
    const profile = await world.app.request('/firm/profile', { headers: { cookie } });
    expect(await profile.text()).toContain('厦门新注册科技有限公司');
  });

  it('keeps certificates up to date from the profile', async () => {
    const res = await post('/firm/profile/certifications', {
      'cert0-kind': 'tier:little_giant',
      'cert0-level': 'national',
      'cert0-issuedOn': '2025-07-01',
      'cert0-expiresOn': '',
      'cert0-authority': '工业和信息化部',
      'cert1-kind': '',
      'cert1-level': '',
      'cert1-issuedOn': '',
      'cert1-expiresOn': '',
      'cert1-authority': '',
    });
    expect(res.status).toBe(303);
    const firm = await world.store.firms.get(uscc);
    expect(firm!.certifications).toEqual([
      expect.objectContaining({ tier: 'little_giant', level: 'national', expiresOn: '2028-07-01' }),
    ]);
    const bad = await post('/firm/profile/certifications', {
      'cert0-kind': 'tier:little_giant',
      'cert0-level': 'national',
      'cert0-issuedOn': '2025-07-01',
      'cert0-expiresOn': '2024-01-01',
      'cert0-authority': '工业和信息化部',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/id="cert0-expiresOn"[^>]*aria-invalid="true"/);
  });

  it('changes the password only with the current one', async () => {
    const wrong = await post('/account/password', {
      email: EMAIL,
      current: 'not-the-password',
      password: 'another-long-password',
      repeat: 'another-long-password',
    });
    expect(wrong.status).toBe(401);
    const ok = await post('/account/password', {
      email: EMAIL,
      current: 'a-long-password-1',
      password: 'another-long-password',
      repeat: 'another-long-password',
    });
    expect(ok.status).toBe(303);
    const signIn = await post('/sign-in', { email: EMAIL, password: 'another-long-password' }, '');
    expect(signIn.status).toBe(303);
  });
});

describe('documents on leads', () => {
  let leadId: string;
  let otherLeadInstitution: string;

  it('a firm answers with a file; only that lead’s institution can fetch it', async () => {
    const firm = browser(world, cookie.replace('jr_token=', ''));
    const form = await (await firm.get('/firm/requests/new')).text();
    const created = await post('/firm/requests', {
      idempotencyKey: inputValue(form, 'idempotencyKey')!,
      amountYuan: '2000万',
      purpose: 'working_capital',
      termMonths: '12',
      collateral: 'none',
      kind: 'debt',
    });
    expect(created.status).toBe(303);
    const requestId = created.headers.get('location')!.split('/')[3]!.split('?')[0]!;
    expect((await post(`/firm/requests/${requestId}/send`, { mode: 'top' })).status).toBe(303);
    const leads = await world.store.leads.ofRequest(await world.store.requests.require(requestId));
    expect(leads.length).toBeGreaterThanOrEqual(1);
    const [lead, other] = leads;
    leadId = lead!.id;
    // Prefer an institution the same request also went to; else any other institution.
    otherLeadInstitution = other?.institutionId ?? INSTITUTIONS.find((i) => i.id !== lead!.institutionId)!.id;
    const officer = browser(
      world,
      await world.token({ role: 'officer', userId: 'o-doc', institutionId: lead!.institutionId }),
    );
    const accept = await officer.post(`/officer/leads/${leadId}/actions`, {
      action: 'accept',
      version: String(lead!.version),
    });
    expect(accept.status).toBe(303);
    const ask = await officer.post(`/officer/leads/${leadId}/actions`, {
      action: 'request_info',
      version: String((await world.store.leads.get(leadId))!.version),
      question: '请提供审计报告',
    });
    expect(ask.status).toBe(303);
    const asked = (await world.store.leads.get(leadId))!;
    expect(asked.status).toBe('info_requested');

    const pdf = new Blob([new TextEncoder().encode('%PDF-1.7\n% audit report\n')], {
      type: 'application/pdf',
    });
    const exe = new Blob([new TextEncoder().encode('MZ this is a program')], { type: 'application/pdf' });
    const send = (file: Blob, name: string) => {
      const body = new FormData();
      body.set('version', String(asked.version));
      body.set('answer', '审计报告见附件');
      body.set('file', file, name);
      return world.app.request(`/firm/leads/${leadId}/respond`, {
        method: 'POST',
        body,
        headers: { origin: ORIGIN, cookie },
      });
    };
    const refused = await send(exe, '审计报告.pdf');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('只接受 PDF');
    expect((await world.store.leads.get(leadId))!.status).toBe('info_requested');

    const res = await send(pdf, '2025审计报告.pdf');
    expect(res.status).toBe(303);
    expect((await world.store.leads.get(leadId))!.status).toBe('firm_responded');

    const page = await (await officer.get(`/officer/leads/${leadId}`)).text();
    const link = page.match(/href="(\/officer\/leads\/[^"]+\/documents\/[^"]+)"/)?.[1];
    expect(link).toBeDefined();
    const file = await officer.get(link!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toContain('attachment');
    expect(await file.text()).toContain('%PDF-1.7');

    // Another institution (one the same request went to, when there is one) gets a 404.
    const stranger = browser(
      world,
      await world.token({ role: 'officer', userId: 'o-other', institutionId: otherLeadInstitution }),
    );
    expect((await stranger.get(link!)).status).toBe(404);
    expect((await stranger.get(link!.replace('/officer/', '/firm/'))).status).toBe(403);
  });
});
