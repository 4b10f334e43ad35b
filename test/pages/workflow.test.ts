import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatchResult } from '#domain/matching/index.ts';
import { buildUscc } from '#domain/uscc.ts';
import { createTestApp } from '../support/app.ts';
import { chongqingSrdi, xiamenLittleGiant } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';
import { browser, inputValue } from './browser.ts';

/**
 * The four areas through their forms, on DynamoDB Local: a firm submits and sends, an
 * officer works the anonymous lead, an operator watches its region — all by HTML pages.
 */
let world: World;
const uscc = buildUscc('91', '350203', 'MA8PGWF1');
const otherUscc = buildUscc('91', '500112', 'MA5PGWF2');
const FIRM_NAME = '厦门精密传感科技有限公司';
let firm: ReturnType<typeof browser>;
let requestId: string;
let matches: MatchResult;

const requestForm = (key: string, overrides: Record<string, string | string[]> = {}) => ({
  idempotencyKey: key,
  amountYuan: '20,000,000',
  purpose: 'working_capital',
  termMonths: '12',
  collateral: 'none',
  kind: 'debt',
  needBy: '',
  ...overrides,
});

beforeAll(async () => {
  world = await createWorld();
  await world.addFirm(xiamenLittleGiant({ uscc }));
  await world.addFirm(chongqingSrdi({ uscc: otherUscc }));
  firm = browser(world, await world.token({ role: 'firm', userId: 'u-firm', uscc }));
});
afterAll(() => world.drop());

describe('the firm area', () => {
  it('submits a request through the form and lands on its matches, in Chinese', async () => {
    const form = await firm.get('/firm/requests/new');
    expect(form.status).toBe(200);
    const key = inputValue(await form.text(), 'idempotencyKey');
    expect(key).toMatch(/^[\w-]{8,}$/);

    const res = await firm.post('/firm/requests', requestForm(key!));
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/firm\/requests\/[\w-]+\?ok=submitted$/);
    requestId = location.split('/')[3]!.split('?')[0]!;

    // A double-submit carries the same key: same request, not a second one.
    const again = await firm.post('/firm/requests', requestForm(key!));
    expect(again.headers.get('location')).toBe(location);
    expect((await world.store.requests.listByFirm(uscc, 10)).items).toHaveLength(1);

    matches = (await world.store.requests.getMatches(requestId))!;
    expect(matches.matches.length).toBeGreaterThan(0);
    const page = await firm.get(location);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('融资需求已提交');
    expect(html).toContain('匹配结果');
    expect(html).toContain('20,000,000 元');
    const best = matches.matches[0]!;
    expect(html).toContain(best.name.zh);
    expect(html).toContain(best.institutionName.zh);
    // Net cost in yuan with thousands separators.
    expect(html).toContain(`${best.cost.netCostYuan.toLocaleString('en-US')} 元`);
  });

  it('a bad form input re-renders with Chinese field messages and stores nothing', async () => {
    const other = browser(world, await world.token({ role: 'firm', userId: 'u-cq', uscc: otherUscc }));
    const res = await other.post(
      '/firm/requests',
      requestForm('bad-input-0001', { amountYuan: '两千万', termMonths: '0', purpose: 'bridge' }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('请输入金额，如 20000000、2000万 或 0.2亿');
    expect(html).toContain('不得小于 1');
    // The first problem's field takes the focus and is described by its message.
    expect(html).toMatch(
      /<input[^>]*name="amountYuan"[^>]*aria-invalid="true"[^>]*aria-describedby="amountYuan-error[^>]*autofocus/,
    );
    expect(html).toContain('value="两千万"'); // what the firm typed is kept

    const bridge = await other.post(
      '/firm/requests',
      requestForm('bad-input-0002', { purpose: 'bridge', maturingLoanYuan: '10000000' }),
    );
    expect(bridge.status).toBe(400);
    expect(await bridge.text()).toContain('转贷需求须填写到期日');
    expect((await world.store.requests.listByFirm(otherUscc, 10)).items).toHaveLength(0);
  });

  it('another firm’s request page is a 404', async () => {
    const other = browser(world, await world.token({ role: 'firm', userId: 'u-cq', uscc: otherUscc }));
    expect((await other.get(`/firm/requests/${requestId}`)).status).toBe(404);
  });

  it('sends to the picked products’ institutions', async () => {
    const institutions = [...new Set(matches.matches.map((m) => m.institutionId))];
    expect(institutions.length).toBeGreaterThanOrEqual(2);
    const picked = institutions
      .slice(0, 2)
      .map((i) => matches.matches.find((m) => m.institutionId === i)!.productId);
    const res = await firm.post(`/firm/requests/${requestId}/send`, { mode: 'picked', productIds: picked });
    expect(res.status).toBe(303);
    expect(
      (await world.store.leads.ofRequest(await world.store.requests.require(requestId)))
        .map((l) => l.institutionId)
        .sort(),
    ).toEqual(institutions.slice(0, 2).sort());
    const html = await (await firm.get(`/firm/requests/${requestId}`)).text();
    expect(html).toContain('线索进展');
    expect(html).toContain('新线索');
  });

  it('sending with nothing picked says so, and sends nothing', async () => {
    const res = await firm.post(`/firm/requests/${requestId}/send`, { mode: 'picked' });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('请至少勾选一个产品');
    expect(await world.store.leads.ofRequest(await world.store.requests.require(requestId))).toHaveLength(2);
  });
});

describe('the officer area', () => {
  const leadOf = async (n: number) =>
    (await world.store.leads.ofRequest(await world.store.requests.require(requestId)))[n]!;

  it('shows the lead anonymised, and accepts it through the form', async () => {
    const lead = await leadOf(0);
    const officer = browser(
      world,
      await world.token({ role: 'officer', userId: 'o-1', institutionId: lead.institutionId }),
    );
    const inbox = await (await officer.get('/officer')).text();
    expect(inbox).toContain(`/officer/leads/${lead.id}`);
    expect(inbox).not.toContain(FIRM_NAME);
    expect(inbox).not.toContain(uscc);

    const page = await officer.get(`/officer/leads/${lead.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    // Opening a new lead marks it viewed; the page carries the new version.
    expect((await world.store.leads.get(lead.id))!.status).toBe('viewed');
    expect(html).toContain('匿名企业');
    // Bands, the city and the industry division only: not the district, class or certificate.
    expect(html).toContain('专精特新中小企业及以上');
    expect(html).toContain('厦门市（350200）');
    expect(html).not.toContain('350203');
    expect(html).not.toContain('小巨人');
    expect(html).not.toContain(FIRM_NAME);
    expect(html).not.toContain(uscc);

    const accept = await officer.post(`/officer/leads/${lead.id}/actions`, {
      action: 'accept',
      version: inputValue(html, 'version')!,
      note: '已受理，请准备财务报表',
    });
    expect(accept.status).toBe(303);
    expect((await world.store.leads.get(lead.id))!.status).toBe('accepted');
    const after = await (await officer.get(`/officer/leads/${lead.id}`)).text();
    expect(after).toContain('已受理');
    expect(after).toContain('审计记录');

    // The page the officer had open is stale now: the version check refuses a second move.
    const stale = await officer.post(`/officer/leads/${lead.id}/actions`, {
      action: 'decline',
      version: inputValue(html, 'version')!,
      reasonCode: 'other',
      text: '重复提交',
    });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('线索已被他人更新');
    expect((await world.store.leads.get(lead.id))!.status).toBe('accepted');
  });

  it('a bad approval re-renders with a Chinese message and changes nothing', async () => {
    const lead = await leadOf(0);
    const officer = browser(
      world,
      await world.token({ role: 'officer', userId: 'o-1', institutionId: lead.institutionId }),
    );
    const res = await officer.post(`/officer/leads/${lead.id}/actions`, {
      action: 'approve',
      version: String(lead.version),
      amountYuan: '20000000',
      ratePercent: 'abc',
      termMonths: '12',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('年利率应写作如 3.45');
    expect((await world.store.leads.get(lead.id))!.version).toBe(lead.version);
  });

  it('an officer cannot open another institution’s lead page (404)', async () => {
    const [a, b] = [await leadOf(0), await leadOf(1)];
    const officerB = browser(
      world,
      await world.token({ role: 'officer', userId: 'o-2', institutionId: b.institutionId }),
    );
    const res = await officerB.get(`/officer/leads/${a.id}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain(FIRM_NAME);
    const act = await officerB.post(`/officer/leads/${a.id}/actions`, { action: 'view', version: '1' });
    expect(act.status).toBe(404);
  });

  it('the firm sees the acceptance and can reveal itself to that institution', async () => {
    const lead = await leadOf(0);
    const html = await (await firm.get(`/firm/requests/${requestId}`)).text();
    expect(html).toContain('已受理');
    expect(html).toContain('已受理，请准备财务报表');
    const res = await firm.post(`/firm/leads/${lead.id}/reveal`, {});
    expect(res.status).toBe(303);
    const officer = browser(
      world,
      await world.token({ role: 'officer', userId: 'o-1', institutionId: lead.institutionId }),
    );
    expect(await (await officer.get(`/officer/leads/${lead.id}`)).text()).toContain(FIRM_NAME);
  });
});

describe('the operator area', () => {
  it('lists the region’s requests and leads, and assigns a specialist', async () => {
    const operator = browser(
      world,
      await world.token({ role: 'operator', userId: 'op-xm', regionPrefix: '3502' }),
    );
    const page = await operator.get('/operator');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('融资需求');
    expect(html).toContain(FIRM_NAME);
    expect(html).not.toContain('重庆智能装备有限公司');

    const bad = await operator.post(`/operator/firms/${uscc}/specialist`, {
      userId: 'sp-1',
      name: '王芳',
      phone: 'call me',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('电话号码格式不正确');
    expect(await world.store.firms.specialist(uscc)).toBeUndefined();

    const res = await operator.post(`/operator/firms/${uscc}/specialist`, {
      userId: 'sp-1',
      name: '王芳',
      phone: '0592-1234567',
    });
    expect(res.status).toBe(303);
    expect(await world.store.firms.specialist(uscc)).toMatchObject({ name: '王芳', assignedBy: 'op-xm' });
  });

  it('totals and charts the region, filters, drills down to request, lead and firm, exports CSV', async () => {
    const operator = browser(
      world,
      await world.token({ role: 'operator', userId: 'op-xm', regionPrefix: '3502' }),
    );
    const html = await (await operator.get('/operator')).text();
    expect(html).toContain('审批通过率');
    expect(html.match(/<svg class="chart"/g)?.length).toBeGreaterThanOrEqual(3);
    const [lead] = await world.store.leads.ofRequest(await world.store.requests.require(requestId));
    // Filter by the lead's status: the other lead (still new) is not listed.
    const accepted = await (await operator.get(`/operator?status=${lead!.status}`)).text();
    expect(accepted).toContain(`/operator/leads/${lead!.id}`);

    const request = await operator.get(`/operator/requests/${requestId}`);
    expect(request.status).toBe(200);
    const requestHtml = await request.text();
    expect(requestHtml).toContain('审计记录');
    expect(requestHtml).toContain(`/operator/firms/${uscc}`);
    expect((await operator.get(`/operator/leads/${lead!.id}`)).status).toBe(200);
    expect(await (await operator.get(`/operator/firms/${uscc}`)).text()).toContain(FIRM_NAME);

    const leadsCsv = await operator.get(`/operator/leads.csv?status=${lead!.status}`);
    expect(leadsCsv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await leadsCsv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so spreadsheets read UTF-8
    const rows = new TextDecoder().decode(bytes).trim().split('\r\n');
    expect(rows[0]).toBe('lead,request,sent,firm,uscc,institution,amount_yuan,status,answer_by,overdue');
    expect(rows.slice(1).every((r) => r.includes(`,${lead!.status},`))).toBe(true);
    expect(rows.length).toBeGreaterThan(1);
    const requestsCsv = await (await operator.get('/operator/requests.csv')).text();
    expect(requestsCsv).toContain(requestId);

    // Another region's operator finds none of it.
    const chongqing = browser(
      world,
      await world.token({ role: 'operator', userId: 'op-cq', regionPrefix: '50' }),
    );
    expect((await chongqing.get(`/operator/requests/${requestId}`)).status).toBe(404);
    expect((await chongqing.get(`/operator/leads/${lead!.id}`)).status).toBe(404);
    expect(await (await chongqing.get('/operator/leads.csv')).text()).not.toContain(lead!.id);
  });

  it('highlights leads still unanswered after their answer date', async () => {
    // A week later, on the same data: the second institution never answered.
    const at = new Date('2026-12-10T02:00:00Z');
    const later = createTestApp(world.store, { now: () => at });
    const operator = browser(
      later,
      // Signed on the later clock: tokens live at most 8 hours.
      await world.token({ role: 'operator', userId: 'op-xm', regionPrefix: '3502' }, 3600, at),
    );
    const html = await (await operator.get('/operator')).text();
    expect(html.match(/<tr class="overdue">/g)).toHaveLength(1);
    expect(html).toContain('1 条线索超过应答期限仍未受理');
    const overdueOnly = await (await operator.get('/operator?overdue=1')).text();
    expect(overdueOnly.match(/<tr class="overdue">/g)).toHaveLength(1);
    expect(overdueOnly.match(/<tr>\s*<td[^>]*><a href="\/operator\/leads\//g)).toBeNull();
  });

  it('cannot assign a specialist to a firm of another region (404)', async () => {
    const operator = browser(
      world,
      await world.token({ role: 'operator', userId: 'op-xm', regionPrefix: '3502' }),
    );
    const res = await operator.post(`/operator/firms/${otherUscc}/specialist`, {
      userId: 'sp-1',
      name: '王芳',
    });
    expect(res.status).toBe(404);
    expect(await world.store.firms.specialist(otherUscc)).toBeUndefined();
  });
});
