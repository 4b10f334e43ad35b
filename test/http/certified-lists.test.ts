import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import { auth, bodyOf } from '../support/app.ts';
import { xiamenMunicipalSrdi } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';

/** Test USCCs: Xiamen (350203) and Chongqing (500112) firms. */
const xm = (n: number) => buildUscc('91', '350203', `MB${String(n).padStart(6, '0')}`);
const cq = (n: number) => buildUscc('91', '500112', `MB${String(n).padStart(6, '0')}`);

const xiamenOperator = { role: 'operator', userId: 'op-xm', regionPrefix: '3502' } as const;
const chongqingOperator = { role: 'operator', userId: 'op-cq', regionPrefix: '50' } as const;

const META = {
  authority: '厦门市工业和信息化局',
  authorityRegion: '3502',
  tier: 'srdi_sme',
  level: 'municipal',
  batch: '2026年第一批',
  listedOn: '2026-06-01',
};

function upload(
  token: string,
  body: Uint8Array | string,
  meta: Record<string, string> = META,
  type = 'text/csv',
) {
  const qs = new URLSearchParams(meta).toString();
  return [
    `/api/certified-lists?${qs}`,
    auth(token, {
      method: 'POST',
      body: typeof body === 'string' ? body : body,
      headers: { 'content-type': type },
    }),
  ] as const;
}

function gbk(text: string): Uint8Array {
  // A tiny GBK encoder for the characters the tests use (Node decodes GBK but cannot encode it).
  const table: Record<string, number[]> = {};
  const decoder = new TextDecoder('gbk');
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && text.includes(ch)) table[ch] = [hi, lo];
    }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else out.push(...table[ch]!);
  }
  return new Uint8Array(out);
}

const firm = (uscc: string, name: string, regionCode = '350203') =>
  xiamenMunicipalSrdi(uscc, name, { regionCode });

describe('certified lists', () => {
  let world: World;
  let xmOp: string;
  beforeAll(async () => {
    world = await createWorld();
    xmOp = await world.token(xiamenOperator);
    await world.addFirm(firm(xm(1), '厦门甲科技有限公司'), { listed: false });
    await world.addFirm(firm(xm(2), '厦门乙材料有限公司'), { listed: false });
  });
  afterAll(async () => {
    await world.drop();
  });

  it('rejects a wrong header, naming the header, and stores nothing', async () => {
    const res = await world.app.request(...upload(xmOp, `代码,公司\n${xm(1)},厦门甲科技有限公司\n`));
    expect(res.status).toBe(400);
    const body = await bodyOf(res);
    expect(body.error.fields[0].path).toBe('line 1: header');
    expect(body.error.fields[0].zh).toContain('统一社会信用代码');
    expect((await bodyOf(await world.app.request('/api/certified-lists', auth(xmOp)))).items).toEqual([]);
  });

  it('reports bad check digits, unknown regions, duplicates and name mismatches by line and field; nothing is half-imported', async () => {
    const bad = `${xm(3).slice(0, 17)}${xm(3)[17] === '0' ? '1' : '0'}`;
    const csv = [
      '序号,统一社会信用代码,企业名称',
      `1,${xm(1)},厦门甲科技有限公司`,
      `2,${bad},厦门丙有限公司`,
      `3,${cq(4)},重庆丁有限公司`,
      `4,${xm(1)},厦门甲科技有限公司`,
      `5,${xm(2)},厦门乙新材料股份有限公司`,
      `6,${buildUscc('91', '990105', 'MB000009')},区划不明有限公司`,
    ].join('\n');
    const res = await world.app.request(...upload(xmOp, csv));
    expect(res.status).toBe(400);
    const fields = (await bodyOf(res)).error.fields.map((f: { path: string }) => f.path);
    expect(fields).toEqual(['line 3: uscc', 'line 4: uscc', 'line 5: uscc', 'line 6: name', 'line 7: uscc']);
    const codes = (await bodyOf(await world.app.request(...upload(xmOp, csv)))).error.fields.map(
      (f: { en: string }) => f.en,
    );
    expect(codes[0]).toContain('check digit');
    expect(codes[1]).toContain("outside the authority's area");
    expect(codes[2]).toContain('repeats line 2');
    expect(codes[3]).toContain('differs from');
    expect(codes[4]).toContain('not a known province');
    const certs = await bodyOf(await world.app.request(`/api/firms/${xm(1)}/certificates`, auth(xmOp)));
    expect(certs.items[0].state).toBe('self_declared');
  });

  it('says so when the encoding is neither UTF-8 nor GBK', async () => {
    const res = await world.app.request(...upload(xmOp, new Uint8Array([0x81, 0x20, 0xff, 0xff, 0x0a])));
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).error.fields[0].zh).toContain('编码');
  });

  it('imports a GBK CSV: the firms on it are verified, an idempotent re-import writes nothing', async () => {
    const csv = gbk(
      `统一社会信用代码,企业名称\r\n${xm(1)},厦门甲科技有限公司\r\n${xm(5)},厦门戊有限公司\r\n`,
    );
    const res = await world.app.request(...upload(xmOp, csv));
    expect(res.status).toBe(201);
    const report = await bodyOf(res);
    expect(report).toMatchObject({ rows: 2, encoding: 'gbk', format: 'csv', unchanged: false });

    const again = await world.app.request(...upload(xmOp, csv));
    expect(again.status).toBe(200);
    expect(await bodyOf(again)).toMatchObject({
      listId: report.listId,
      version: report.version,
      unchanged: true,
    });

    const certs = await bodyOf(await world.app.request(`/api/firms/${xm(1)}/certificates`, auth(xmOp)));
    expect(certs.items).toEqual([
      expect.objectContaining({
        tier: 'srdi_sme',
        level: 'municipal',
        issuedOn: '2026-06-01',
        state: 'verified',
      }),
    ]);
    // xm(2) declared the same 2026 municipal SRDI certificate and is not on the list.
    const other = await bodyOf(await world.app.request(`/api/firms/${xm(2)}/certificates`, auth(xmOp)));
    expect(other.items[0]).toMatchObject({ state: 'contradicted', listId: report.listId });

    const list = await bodyOf(await world.app.request(`/api/certified-lists/${report.listId}`, auth(xmOp)));
    expect(list).toMatchObject({ rows: 2, activeVersion: report.version, designation: 'srdi_sme' });
    expect(list.progress).toBeUndefined();
  });

  it('imports XLSX', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['统一社会信用代码', '企业名称']);
    ws.addRow([xm(6), '厦门己有限公司']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const res = await world.app.request(
      ...upload(
        xmOp,
        bytes,
        { ...META, batch: '2026年第二批', listedOn: '2026-07-01' },
        'application/octet-stream',
      ),
    );
    expect(res.status).toBe(201);
    expect(await bodyOf(res)).toMatchObject({ rows: 1, format: 'xlsx' });
  });

  it("refuses other tenants: a firm, an officer, another region's operator", async () => {
    const firmToken = await world.token({ role: 'firm', userId: 'u1', uscc: xm(1) });
    expect(
      (await world.app.request(...upload(firmToken, `统一社会信用代码,企业名称\n${xm(1)},x\n`))).status,
    ).toBe(403);
    const cqOp = await world.token(chongqingOperator);
    const res = await world.app.request(
      ...upload(cqOp, `统一社会信用代码,企业名称\n${xm(1)},厦门甲科技有限公司\n`),
    );
    expect(res.status).toBe(403);
    const lists = await bodyOf(await world.app.request('/api/certified-lists', auth(cqOp)));
    expect(lists.items).toEqual([]);
    const xmLists = await bodyOf(await world.app.request('/api/certified-lists', auth(xmOp)));
    const someId = xmLists.items[0].listId;
    expect((await world.app.request(`/api/certified-lists/${someId}`, auth(cqOp))).status).toBe(404);
    expect((await world.app.request(`/api/firms/${xm(1)}/certificates`, auth(cqOp))).status).toBe(404);
  });

  it('refuses bad list facts with a field-level 400', async () => {
    const res = await world.app.request(
      ...upload(xmOp, `统一社会信用代码,企业名称\n${xm(1)},厦门甲科技有限公司\n`, {
        ...META,
        level: 'national',
      }),
    );
    expect(res.status).toBe(400);
    expect((await bodyOf(res)).error.fields[0].path).toContain('level');
  });

  it('imports a large list with progress on the list while it is written (100k rows: bench/certified-list.bench.ts)', {
    timeout: 300_000,
  }, async () => {
    const lines = ['统一社会信用代码,企业名称'];
    for (let i = 0; i < 5_000; i++)
      lines.push(`${buildUscc('91', '350206', `MC${String(i).padStart(6, '0')}`)},厦门批量企业${i}有限公司`);
    const seen: number[] = [];
    const store = world.store.certifiedLists;
    const progress = store.progress.bind(store);
    store.progress = async (list, version, total, written, startedAt) => {
      const view = await bodyOf(await world.app.request(`/api/certified-lists/${list.listId}`, auth(xmOp)));
      seen.push(view.progress?.written ?? -1);
      return progress(list, version, total, written, startedAt);
    };
    try {
      const res = await world.app.request(
        ...upload(xmOp, lines.join('\n'), { ...META, batch: '2026年批量', tier: 'innovative_sme' }),
      );
      expect(res.status).toBe(201);
      expect(await bodyOf(res)).toMatchObject({ rows: 5_000 });
    } finally {
      store.progress = progress;
    }
    // Polled while importing: 0 written, then 2,000 (reported every 2,000 rows).
    expect(seen).toEqual([0, 2_000]);
  });
});
