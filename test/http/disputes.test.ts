import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import { auth, bodyOf, json } from '../support/app.ts';
import { xiamenMunicipalSrdi } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';

/**
 * A firm disputes what a certified list made of its certificate; the operator of its region
 * rules. Other tenants reach nothing (404), other roles do nothing (403), a bad body stores
 * nothing, and an upheld ruling changes the certificate's state.
 */
const xm = (n: number) => buildUscc('91', '350203', `MD${String(n).padStart(6, '0')}`);

const firm = (uscc: string, name: string) => xiamenMunicipalSrdi(uscc, name);

const certificate = { designation: 'srdi_sme', level: 'municipal', issuedOn: '2026-05-20' };
const reason = '我司在2026年第一批名单的补充公告中，名单漏列，附公告编号。';

let world: World;
let firmOne: string;
let firmTwo: string;
let xmOp: string;
let cqOp: string;
let officer: string;

const put = (body: unknown, token: string): RequestInit => ({ ...json(body, token), method: 'PUT' });

beforeAll(async () => {
  world = await createWorld();
  await world.addFirm(firm(xm(1), '厦门争议一号有限公司'), { listed: false });
  await world.addFirm(firm(xm(2), '厦门争议二号有限公司'), { listed: false });
  firmOne = await world.token({ role: 'firm', userId: 'f-1', uscc: xm(1) });
  firmTwo = await world.token({ role: 'firm', userId: 'f-2', uscc: xm(2) });
  xmOp = await world.token({ role: 'operator', userId: 'op-xm', regionPrefix: '3502' });
  cqOp = await world.token({ role: 'operator', userId: 'op-cq', regionPrefix: '50' });
  officer = await world.token({ role: 'officer', userId: 'o-1', institutionId: 'xiamen-demo-bank' });
});
afterAll(async () => {
  await world.drop();
});

async function stateOf(uscc: string, token: string) {
  const body = await bodyOf(await world.app.request(`/api/firms/${uscc}/certificates`, auth(token)));
  return body.items.find((c: { tier?: string }) => c.tier === 'srdi_sme');
}

describe('certificate disputes', () => {
  it('a self-declared certificate has no list outcome to dispute (422), nothing stored', async () => {
    const res = await world.app.request(
      `/api/firms/${xm(1)}/disputes`,
      json({ certificate, reason }, firmOne),
    );
    expect(res.status).toBe(422);
    expect((await bodyOf(res)).error.message.en).toContain('self-declared');
    expect(
      (await bodyOf(await world.app.request(`/api/firms/${xm(1)}/disputes`, auth(firmOne)))).items,
    ).toEqual([]);
  });

  it('the firm disputes the list that contradicts it; a second one about it is a 409', async () => {
    // The 2026 municipal list names firm two only: firm one's declaration is contradicted.
    const qs = new URLSearchParams({
      authority: '厦门市工业和信息化局',
      authorityRegion: '3502',
      tier: 'srdi_sme',
      level: 'municipal',
      batch: '2026年第一批',
      listedOn: '2026-06-01',
    });
    const imported = await world.app.request(
      `/api/certified-lists?${qs}`,
      auth(xmOp, {
        method: 'POST',
        body: `统一社会信用代码,企业名称\n${xm(2)},厦门争议二号有限公司\n`,
        headers: { 'content-type': 'text/csv' },
      }),
    );
    expect(imported.status).toBe(201);
    expect((await stateOf(xm(1), firmOne)).state).toBe('contradicted');

    const res = await world.app.request(
      `/api/firms/${xm(1)}/disputes`,
      json({ certificate, reason }, firmOne),
    );
    expect(res.status).toBe(201);
    expect(await bodyOf(res)).toMatchObject({
      status: 'open',
      outcome: 'contradicted',
      raisedBy: 'f-1',
      reason,
    });
    const again = await world.app.request(
      `/api/firms/${xm(1)}/disputes`,
      json({ certificate, reason }, firmOne),
    );
    expect(again.status).toBe(409);
  });

  it('bad input is a 400 naming the field, and nothing is stored', async () => {
    const short = await world.app.request(
      `/api/firms/${xm(2)}/disputes`,
      json({ certificate, reason: '不对' }, firmTwo),
    );
    expect(short.status).toBe(400);
    expect(JSON.stringify(await bodyOf(short))).toContain('reason');
    const unknown = await world.app.request(
      `/api/firms/${xm(2)}/disputes`,
      json({ certificate: { ...certificate, designation: 'gold_star' }, reason }, firmTwo),
    );
    expect(unknown.status).toBe(400);
    expect(
      (await bodyOf(await world.app.request(`/api/firms/${xm(2)}/disputes`, auth(firmTwo)))).items,
    ).toEqual([]);
  });

  it("other tenants' objects answer 404: another firm, another region's operator", async () => {
    const [id] = (
      await bodyOf(await world.app.request(`/api/firms/${xm(1)}/disputes`, auth(firmOne)))
    ).items.map((d: { id: string }) => d.id);
    expect(
      (await world.app.request(`/api/firms/${xm(1)}/disputes`, json({ certificate, reason }, firmTwo)))
        .status,
    ).toBe(404);
    expect((await world.app.request(`/api/firms/${xm(1)}/disputes`, auth(firmTwo))).status).toBe(404);
    expect((await world.app.request(`/api/firms/${xm(1)}/disputes`, auth(cqOp))).status).toBe(404);
    const ruling = { decision: 'upheld', note: '已核实补充公告' };
    expect(
      (await world.app.request(`/api/firms/${xm(1)}/disputes/${id}/ruling`, put(ruling, cqOp))).status,
    ).toBe(404);
    expect((await bodyOf(await world.app.request('/api/disputes', auth(cqOp)))).items).toEqual([]);
    // A dispute id under another firm's USCC is not found either.
    expect(
      (await world.app.request(`/api/firms/${xm(2)}/disputes/${id}/ruling`, put(ruling, xmOp))).status,
    ).toBe(404);
  });

  it('wrong roles answer 403: firms and officers do not rule, operators and officers do not dispute', async () => {
    const [id] = (await bodyOf(await world.app.request('/api/disputes', auth(xmOp)))).items.map(
      (d: { id: string }) => d.id,
    );
    const ruling = { decision: 'upheld', note: '已核实补充公告' };
    expect(
      (await world.app.request(`/api/firms/${xm(1)}/disputes/${id}/ruling`, put(ruling, firmOne))).status,
    ).toBe(403);
    expect(
      (await world.app.request(`/api/firms/${xm(1)}/disputes/${id}/ruling`, put(ruling, officer))).status,
    ).toBe(403);
    expect(
      (await world.app.request(`/api/firms/${xm(1)}/disputes`, json({ certificate, reason }, xmOp))).status,
    ).toBe(403);
    expect(
      (await world.app.request(`/api/firms/${xm(1)}/disputes`, json({ certificate, reason }, officer)))
        .status,
    ).toBe(403);
    expect((await world.app.request('/api/disputes', auth(officer))).status).toBe(403);
    expect((await world.app.request('/api/disputes', auth(firmOne))).status).toBe(403);
    expect((await stateOf(xm(1), firmOne)).state).toBe('contradicted');
  });

  it("the region's operator upholds it (audited: who, when, note); the certificate is verified; a second ruling is a 409", async () => {
    const [dispute] = (await bodyOf(await world.app.request('/api/disputes', auth(xmOp)))).items;
    expect(dispute).toMatchObject({ uscc: xm(1), status: 'open' });
    const bad = await world.app.request(
      `/api/firms/${xm(1)}/disputes/${dispute.id}/ruling`,
      put({ decision: 'rejected', note: '名单无误', expiresOn: '2029-05-20' }, xmOp),
    );
    expect(bad.status).toBe(400);

    const res = await world.app.request(
      `/api/firms/${xm(1)}/disputes/${dispute.id}/ruling`,
      put({ decision: 'upheld', note: '已核实补充公告，名单漏列', expiresOn: '2029-05-20' }, xmOp),
    );
    expect(res.status).toBe(200);
    const ruled = await bodyOf(res);
    expect(ruled.status).toBe('upheld');
    expect(ruled.ruling).toMatchObject({ decision: 'upheld', by: 'op-xm', expiresOn: '2029-05-20' });
    expect(ruled.ruling.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await stateOf(xm(1), firmOne)).toMatchObject({ state: 'verified', expiresOn: '2029-05-20' });

    const twice = await world.app.request(
      `/api/firms/${xm(1)}/disputes/${dispute.id}/ruling`,
      put({ decision: 'rejected', note: '改判' }, xmOp),
    );
    expect(twice.status).toBe(409);
    const mine = (await bodyOf(await world.app.request(`/api/firms/${xm(1)}/disputes`, auth(firmOne)))).items;
    expect(mine.map((d: { status: string }) => d.status)).toEqual(['upheld']);
  });
});
