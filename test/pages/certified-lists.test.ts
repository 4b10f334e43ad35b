import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import { xiamenMunicipalSrdi } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';
import { browser, ORIGIN } from './browser.ts';

/**
 * The operator's list import page (file upload, the progress probe, the result: verified,
 * unmatched, contradicted) and the dispute round trip on the pages: the firm disputes from
 * its profile, the operator rules from the lists page.
 */
const xm = (n: number) => buildUscc('91', '350203', `MP${String(n).padStart(6, '0')}`);
const firm = (uscc: string, name: string) => xiamenMunicipalSrdi(uscc, name, { issuedOn: '2026-03-02' });
const META = {
  authority: '厦门市工业和信息化局',
  authorityRegion: '3502',
  designation: 'tier:srdi_sme',
  level: 'municipal',
  batch: '2026年第二批',
  listedOn: '2026-03-01',
  kind: 'certified',
};

let world: World;
let operatorToken: string;
let firmToken: string;

async function upload(csv: string, meta: Record<string, string> = META) {
  const body = new FormData();
  for (const [k, v] of Object.entries(meta)) body.append(k, v);
  body.append('file', new File([csv], 'list.csv', { type: 'text/csv' }));
  const posted = await world.app.request('/operator/lists', {
    method: 'POST',
    body,
    headers: { origin: ORIGIN, cookie: `jr_token=${operatorToken}` },
  });
  // The upload answers with a redirect to the page, which shows the outcome once.
  expect(posted.status).toBe(303);
  const location = posted.headers.get('location')!;
  expect(location).toMatch(/^\/operator\/lists\?outcome=/);
  return browser(world, operatorToken).get(location);
}

beforeAll(async () => {
  world = await createWorld();
  await world.addFirm(firm(xm(1), '厦门页面一号有限公司'), { listed: false });
  await world.addFirm(firm(xm(2), '厦门页面二号有限公司'), { listed: false });
  operatorToken = await world.token({ role: 'operator', userId: 'op-xm', regionPrefix: '3502' });
  firmToken = await world.token({ role: 'firm', userId: 'f-2', uscc: xm(2) });
});
afterAll(() => world.drop());

describe('certified-list import page', () => {
  it('shows the form with a progress bar the static script drives (no inline script)', async () => {
    const res = await browser(world, operatorToken).get('/operator/lists');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-import-progress="/operator/lists/progress"');
    expect(html).toContain('<progress');
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+="/);
  });

  it('a bad row is reported by line, nothing is stored, and the form keeps what was typed', async () => {
    const res = await upload(
      `统一社会信用代码,企业名称\n${xm(1)},厦门页面一号有限公司\n${buildUscc('91', '359903', 'MP000009')},无此地市有限公司\n`,
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('line 3: uscc');
    expect(html).toContain('不在区划表中');
    expect(html).toContain('value="2026年第二批"');
    const again = await (await browser(world, operatorToken).get('/operator/lists')).text();
    expect(again).toContain('尚未导入名单');
  });

  it('imports: rows read, matched, unmatched; who is verified, unmatched and contradicted', async () => {
    const res = await upload(
      `统一社会信用代码,企业名称\n${xm(1)},厦门页面一号有限公司\n${xm(9)},厦门未注册有限公司\n`,
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('名单已导入：2 行');
    const result = html.slice(html.indexOf('id="import-result"'));
    expect(result).toMatch(/匹配平台企业<\/dt><dd>1<\/dd>/);
    expect(result).toMatch(/未匹配（尚未注册）<\/dt><dd>1<\/dd>/);
    expect(result).toContain('厦门页面一号有限公司');
    expect(result).toContain('厦门未注册有限公司');
    // Firm two declares the same certificate for 2026 and is not on the list.
    expect(result.slice(result.indexOf('申报了该资质但不在名单上'))).toContain('厦门页面二号有限公司');
    const lists = await (await browser(world, operatorToken).get('/operator/lists')).text();
    expect(lists).toContain('1 / 1');
    // Another operator does not see this outcome.
    const other = await world.token({ role: 'operator', userId: 'op-xm-2', regionPrefix: '3502' });
    const location = html.match(/outcome=([\w-]+)/)?.[0];
    const theirs = await (
      await browser(world, other).get(`/operator/lists?${location ?? 'outcome=x'}`)
    ).text();
    expect(theirs).not.toContain('id="import-result"');
  });

  it('the progress probe answers for the list these facts name (own region only)', async () => {
    const q = new URLSearchParams(META).toString();
    const probe = await browser(world, operatorToken).get(`/operator/lists/progress?${q}`);
    expect(probe.status).toBe(200);
    expect(await probe.json()).toEqual({ phase: 'idle' });
    const cq = await world.token({ role: 'operator', userId: 'op-cq', regionPrefix: '50' });
    expect(await (await browser(world, cq).get(`/operator/lists/progress?${q}`)).json()).toEqual({
      phase: 'reading',
    });
    expect((await browser(world, firmToken).get(`/operator/lists/progress?${q}`)).status).toBe(403);
  });

  it('the firm disputes from its profile; the operator rules from the lists page', async () => {
    const firmPages = browser(world, firmToken);
    const profile = await (await firmPages.get('/firm/profile')).text();
    expect(profile).toContain('与认定名单不符');
    expect(profile).toContain('对此结果提出异议');
    const cert = { designation: 'srdi_sme', level: 'municipal', issuedOn: '2026-03-02' };
    const short = await firmPages.post('/firm/profile/disputes', { ...cert, reason: '漏了' });
    expect(short.status).toBe(400);
    const sent = await firmPages.post('/firm/profile/disputes', {
      ...cert,
      reason: '我司在第二批名单补充公告中，编号2026-17。',
    });
    expect(sent.status).toBe(303);
    expect(await (await firmPages.get('/firm/profile?ok=disputed')).text()).toContain('等待运营方处理');

    const ops = browser(world, operatorToken);
    const page = await (await ops.get('/operator/lists')).text();
    expect(page).toContain('1 项证书异议待处理');
    const action = page.match(/action="(\/operator\/disputes\/[^"]+)"/)?.[1];
    expect(action).toBeDefined();
    const noNote = await ops.post(action!, { decision: 'upheld', note: '' });
    expect(noNote.status).toBe(400);
    const ruled = await ops.post(action!, { decision: 'upheld', note: '已核实补充公告' });
    expect(ruled.status).toBe(303);
    const after = await (await firmPages.get('/firm/profile')).text();
    expect(after).toContain('异议成立');
    expect(after).toContain('已核验（在认定名单中）');
    // The firm cannot rule, and an operator of another region does not find the dispute.
    expect((await firmPages.post(action!, { decision: 'rejected', note: '自己改判' })).status).toBe(403);
    const cq = await world.token({ role: 'operator', userId: 'op-cq', regionPrefix: '50' });
    expect((await browser(world, cq).post(action!, { decision: 'rejected', note: '改判' })).status).toBe(404);
  });
});
