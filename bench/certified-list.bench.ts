import { CertifiedListMetaSchema, validateListRows } from '#domain/certified-list.ts';
import { buildUscc } from '#domain/uscc.ts';
import { ensureTable } from '#store/bootstrap.ts';
import { createDocumentClient, createDynamoClient } from '#store/client.ts';
import { createStore } from '#store/index.ts';
import { importCertifiedList } from '#usecases/certified-list-import.ts';
import { parseListFile } from '#usecases/list-file.ts';
import { freePort, startDynamoLocal } from '../local/dynamodb-local.ts';

/**
 * Certified-list import at national scale: a 100,000-row CSV (≈ 4.6 MB) through parsing,
 * row validation and the all-or-nothing import into its own DynamoDB Local. Prints one
 * line per figure to stderr and, last, one JSON object on stdout.
 */
const ROWS = 100_000;
const meta = CertifiedListMetaSchema.parse({
  authority: '厦门市工业和信息化局',
  authorityRegion: '3502',
  tier: 'innovative_sme',
  level: 'municipal',
  batch: '2026年（基准测试）',
  listedOn: '2026-06-01',
});

const lines = ['统一社会信用代码,企业名称'];
for (let i = 0; i < ROWS; i++)
  lines.push(`${buildUscc('91', '350206', `MC${String(i).padStart(6, '0')}`)},厦门批量企业${i}有限公司`);
const bytes = new TextEncoder().encode(lines.join('\n'));

const started = performance.now();
const parsed = await parseListFile(bytes);
const parseMs = performance.now() - started;
const validated = performance.now();
const { problems } = validateListRows(meta, parsed.rows, new Map());
const validateMs = performance.now() - validated;
if (problems.length) throw new Error(`unexpected problems: ${problems.length}`);

const dynamo = await startDynamoLocal({ port: await freePort() });
let importS = 0;
let reimportMs = 0;
try {
  const raw = createDynamoClient({ endpoint: dynamo.endpoint });
  await ensureTable(raw, 'bench-lists');
  const store = createStore(createDocumentClient(raw), 'bench-lists');
  const deps = { store, now: () => new Date(), newId: () => crypto.randomUUID() };
  const operator = { role: 'operator', userId: 'bench', regionPrefix: '3502' } as const;
  const t0 = performance.now();
  const report = await importCertifiedList(deps, operator, meta, bytes);
  importS = (performance.now() - t0) / 1000;
  if (report.rows !== ROWS) throw new Error(`imported ${report.rows} rows`);
  const t1 = performance.now();
  const again = await importCertifiedList(deps, operator, meta, bytes);
  reimportMs = performance.now() - t1;
  if (!again.unchanged) throw new Error('re-import was not a no-op');
  raw.destroy();
} finally {
  await dynamo.stop();
}

const figures = {
  list_rows: ROWS,
  list_file_mb: Math.round((bytes.length / 1e6) * 10) / 10,
  list_parse_100k_ms: Math.round(parseMs),
  list_validate_100k_ms: Math.round(validateMs),
  list_import_100k_s: Math.round(importS * 10) / 10,
  list_import_rows_per_s: Math.round(ROWS / importS),
  list_reimport_100k_ms: Math.round(reimportMs),
};
for (const [k, v] of Object.entries(figures)) console.error(`${k}: ${v}`);
console.log(JSON.stringify(figures));
