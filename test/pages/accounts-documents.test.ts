import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import { INSTITUTIONS } from '#shared/catalog/institutions.ts';
import { type DocumentStorage, localDocumentStorage, s3DocumentStorage } from '#store/documents.ts';
import { createTestApp } from '../support/app.ts';
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

  it('updates the firm’s figures from the profile, amounts as people write them', async () => {
    const profile = await (await world.app.request('/firm/profile', { headers: { cookie } })).text();
    expect(profile).toMatch(/<input[^>]*id="figures-revenueYuan"[^>]*value="240,000,000"/);
    const bad = await post('/firm/profile/figures', {
      employees: '一百二十',
      revenueYuan: '两亿',
      rndExpenseYuan: '1800万',
      inventionPatents: '12',
      priorYearInterestPaidYuan: '',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toMatch(/<input[^>]*name="employees"[^>]*aria-invalid="true"[^>]*autofocus/);
    expect(html).toContain('请输入金额');
    // What was typed comes back as typed.
    expect(html).toContain('value="两亿"');
    // In English, the same problems in English.
    const english = await world.app.request('/firm/profile/figures', {
      method: 'POST',
      body: new URLSearchParams({
        employees: '120',
        revenueYuan: '两亿',
        rndExpenseYuan: '0',
        inventionPatents: '1',
      }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: ORIGIN,
        cookie: `${cookie}; jr_lang=en`,
      },
    });
    const englishHtml = await english.text();
    expect(englishHtml).toContain('enter an amount such as');
    expect(englishHtml).not.toContain('请输入金额');
    expect((await world.store.firms.get(uscc))!.employees).toBe(120);

    const ok = await post('/firm/profile/figures', {
      employees: '150',
      revenueYuan: '3.2亿',
      rndExpenseYuan: '2,400 万元',
      inventionPatents: '15',
      priorYearInterestPaidYuan: '0',
    });
    expect(ok.status).toBe(303);
    const location = ok.headers.get('location')!;
    expect(location).toContain('ok=figures');
    expect(location).toContain('changed=4');
    expect(await world.store.firms.get(uscc)).toMatchObject({
      employees: 150,
      revenueYuan: 320_000_000,
      rndExpenseYuan: 24_000_000,
      inventionPatents: 15,
    });
    const done = await (await world.app.request(location, { headers: { cookie } })).text();
    expect(done).toContain('已更新 4 项数据');
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
  it('a document uploaded on its own stays the firm’s until shared, after a confirmation that says so', async () => {
    const lead = (await world.store.leads.get(leadId))!;
    const officer = browser(
      world,
      await world.token({ role: 'officer', userId: 'o-doc', institutionId: lead.institutionId }),
    );
    const upload = (file: Blob, name: string) => {
      const body = new FormData();
      body.set('file', file, name);
      return world.app.request(`/firm/leads/${leadId}/documents`, {
        method: 'POST',
        body,
        headers: { origin: ORIGIN, cookie },
      });
    };
    // A renamed program is refused by its content; nothing is kept.
    const refused = await upload(new Blob([new TextEncoder().encode('MZ\x90 program')]), '报表.xlsx');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('只接受 PDF');
    const before = (await world.store.leads.get(leadId))!;
    const csv = new Blob([new TextEncoder().encode('年份,营收\n2025,240000000\n')], { type: 'text/csv' });
    const res = await upload(csv, '2025营收.csv');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('ok=attached');
    // Uploading is not an answer: the lead did not move.
    expect((await world.store.leads.get(leadId))!.version).toBe(before.version);

    const firm = browser(world, cookie.replace('jr_token=', ''));
    const requestPage = await (await firm.get(res.headers.get('location')!.split('#')[0]!)).text();
    expect(requestPage).toContain('2025营收.csv');
    expect(requestPage).toContain('仅自己可见');
    const shareLink = requestPage.match(/href="(\/firm\/leads\/[^"]+\/documents\/[^"]+\/share)"/)?.[1];
    expect(shareLink).toBeDefined();
    const docId = shareLink!.split('/')[5]!;

    // Not shared: the institution neither sees it listed nor can fetch it.
    const officerPage = await (await officer.get(`/officer/leads/${leadId}`)).text();
    expect(officerPage).not.toContain('2025营收.csv');
    expect((await officer.get(`/officer/leads/${leadId}/documents/${docId}`)).status).toBe(404);

    // The confirmation says who will see it and that it cannot be taken back.
    const confirm = await firm.get(shareLink!);
    expect(confirm.status).toBe(200);
    const confirmHtml = await confirm.text();
    expect(confirmHtml).toContain('分享后不能收回');
    expect(confirmHtml).toContain('其他机构和发给它们的线索都看不到');
    expect(confirmHtml).toContain(`action="${shareLink}"`);

    const shared = await post(shareLink!, {});
    expect(shared.status).toBe(303);
    expect(shared.headers.get('location')).toContain('ok=shared');
    const file = await officer.get(`/officer/leads/${leadId}/documents/${docId}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv');
    // Sharing again changes nothing, and the confirmation is not offered again.
    expect((await post(shareLink!, {})).status).toBe(303);
    expect((await firm.get(shareLink!)).status).toBe(303);
  });

  it('an empty upload form says a file is needed, on the lead’s card', async () => {
    const body = new FormData();
    const res = await world.app.request(`/firm/leads/${leadId}/documents`, {
      method: 'POST',
      body,
      headers: { origin: ORIGIN, cookie },
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('请选择文件');
    expect(html).toContain(`id="lead-${leadId}"`);
  });
  it('in AWS mode the request page signs an upload form to the bucket, and only that page’s CSP allows its origin', async () => {
    // The local folder for what the page lists, the real S3 presigner for the form, and direct
    // uploads kept in memory: a stand-in for the bucket's side only.
    const local = localDocumentStorage(mkdtempSync(join(tmpdir(), 'jr-direct-')));
    const s3 = s3DocumentStorage(
      new S3Client({
        region: 'cn-north-1',
        credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      }),
      'jingrong-documents-test',
    );
    const uploads = new Map<string, { bytes: Uint8Array; name?: string }>();
    const discarded: string[] = [];
    const documents: DocumentStorage = {
      ...local,
      presignUpload: s3.presignUpload!,
      async readUpload(lead, id, headBytes) {
        const u = uploads.get(`${lead}/${id}`);
        return (
          u && { head: u.bytes.subarray(0, headBytes), size: u.bytes.length, etag: '"e1"', name: u.name }
        );
      },
      async acceptUpload(m) {
        const u = uploads.get(`${m.leadId}/${m.id}`)!;
        uploads.delete(`${m.leadId}/${m.id}`);
        await local.save(m, u.bytes);
        return true;
      },
      async discardUpload(lead, id) {
        discarded.push(id);
        uploads.delete(`${lead}/${id}`);
      },
      downloadUrl: async (m) =>
        `https://jingrong-documents-test.s3.cn-north-1.amazonaws.com.cn/leads/${m.leadId}/${m.id}?X-Amz-Signature=x`,
    };
    const aws = createTestApp(world.store, { documents }).app;
    const get = (path: string) => aws.request(path, { headers: { cookie } });
    const lead = (await world.store.leads.get(leadId))!;
    const page = await get(`/firm/requests/${lead.requestId}`);
    expect(page.status).toBe(200);
    const bucket = 'https://jingrong-documents-test.s3.cn-north-1.amazonaws.com.cn';
    expect(page.headers.get('content-security-policy')).toContain(`form-action 'self' ${bucket};`);
    const html = await page.text();
    expect(html).toContain(`action="${bucket}/"`);
    expect(html).toMatch(/<input type="hidden" name="key" value="uploads\/[^"]+"/);
    expect(html).toMatch(/name="x-amz-meta-filename" value="" data-file-name=""/);
    // The answer form carries no file there: files go to the bucket, never through the function.
    expect(html).not.toMatch(/<textarea[^>]*name="answer"[\s\S]*?type="file"[\s\S]*?<\/form>/);
    // Any other page keeps the strict form-action.
    const other = await get('/firm');
    expect(other.headers.get('content-security-policy')).toContain("form-action 'self';");

    // The bucket sent the browser back: a program under a document's name is deleted, a PDF kept private.
    const docId = html.match(/name="key" value="uploads\/[^/]+\/([^"]+)"/)![1]!;
    uploads.set(`${leadId}/${docId}`, { bytes: new TextEncoder().encode('MZ program'), name: 'report.pdf' });
    const refused = await get(`/firm/leads/${leadId}/documents/${docId}/uploaded`);
    expect(refused.status).toBe(400);
    expect(discarded).toEqual([docId]);
    uploads.set(`${leadId}/${docId}`, {
      bytes: new TextEncoder().encode('%PDF-1.7 report'),
      name: '报告.pdf',
    });
    const kept = await get(`/firm/leads/${leadId}/documents/${docId}/uploaded`);
    expect(kept.status).toBe(303);
    expect(kept.headers.get('location')).toContain('ok=attached');
    const listed = (await local.list(leadId)).find((d) => d.id === docId)!;
    expect(listed).toMatchObject({ name: '报告.pdf', kind: 'pdf', size: 15 });
    expect(listed.sharedAt).toBeUndefined();
    // Coming back twice changes nothing.
    expect((await get(`/firm/leads/${leadId}/documents/${docId}/uploaded`)).status).toBe(303);
    // Downloads are short-lived links straight to the bucket.
    const download = await get(`/firm/leads/${leadId}/documents/${docId}`);
    expect(download.status).toBe(303);
    expect(download.headers.get('location')).toContain(`${bucket}/leads/${leadId}/${docId}?`);
  });
});
