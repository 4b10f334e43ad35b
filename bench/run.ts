/**
 * npm run bench — runs every bench/*.bench.ts in turn (each in its own process, output passed
 * through) and prints, as its very last line, one JSON object merging the last-line JSON
 * object of each.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const merged: Record<string, unknown> = {};
let failed = 0;
for (const file of files) {
  process.stdout.write(`── ${file}\n`);
  // --expose-gc: a bench may collect before a timed section (match.bench.ts does).
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(here, file)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = (r.stdout ?? '').trimEnd().split('\n');
  const last = lines.pop() ?? '';
  process.stdout.write(lines.length ? `${lines.join('\n')}\n` : '');
  try {
    Object.assign(merged, JSON.parse(last));
  } catch {
    process.stdout.write(`${last}\n`);
    process.stderr.write(`${file}: no JSON object on its last line (exit ${r.status})\n`);
    failed++;
  }
  if (r.status !== 0) failed++;
}
process.stdout.write(`${JSON.stringify(merged)}\n`);
if (failed) process.exitCode = 1;
