import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Architecture boundaries, checked by `npm run lint` and by the test suite:
 * shared/domain is pure — no AWS SDK, no HTTP framework, no file system or other I/O,
 * no environment, no clock; and it imports nothing from the layers above it.
 */
export interface Violation {
  file: string;
  line: number;
  rule: string;
  text: string;
}

const FORBIDDEN_IMPORTS: { rule: string; test: (spec: string) => boolean }[] = [
  { rule: 'domain must not import the AWS SDK', test: (s) => s.startsWith('@aws-sdk/') },
  {
    rule: 'domain must not import hono',
    test: (s) => s === 'hono' || s.startsWith('hono/') || s.startsWith('@hono/'),
  },
  {
    rule: 'domain must not do I/O (fs, net, http, child_process)',
    test: (s) => /^(node:)?(fs|fs\/promises|net|http|https|child_process|dgram|worker_threads)$/.test(s),
  },
  {
    rule: 'domain must not import the layers above it',
    test: (s) =>
      /^#(store|http|usecases|events|local|shared)\//.test(s) ||
      /^(\.\.\/)+(store|http|usecases|events)\//.test(s),
  },
];

const FORBIDDEN_CODE: { rule: string; pattern: RegExp }[] = [
  { rule: 'domain must not read process.env', pattern: /\bprocess\.env\b/ },
  { rule: 'domain must not read the clock (pass `now`/`asOf` in)', pattern: /\bDate\.now\(|new Date\(\s*\)/ },
];

const IMPORT =
  /(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/g;

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.tsx?$/.test(name)) yield path;
  }
}

export function checkDomainBoundaries(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const file of sourceFiles(join(root, 'shared', 'domain'))) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, index) => {
      const code = text.replace(/\/\/.*$/, '');
      for (const match of code.matchAll(IMPORT)) {
        const spec = match[1] ?? match[2] ?? match[3] ?? '';
        for (const f of FORBIDDEN_IMPORTS) {
          if (f.test(spec))
            violations.push({ file: relative(root, file), line: index + 1, rule: f.rule, text: text.trim() });
        }
      }
      for (const f of FORBIDDEN_CODE) {
        if (f.pattern.test(code))
          violations.push({ file: relative(root, file), line: index + 1, rule: f.rule, text: text.trim() });
      }
    });
  }
  return violations;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const violations = checkDomainBoundaries(process.cwd());
  for (const v of violations) process.stderr.write(`${v.file}:${v.line}  ${v.rule}\n    ${v.text}\n`);
  if (violations.length) {
    process.stderr.write(`\n${violations.length} boundary violation(s)\n`);
    process.exit(1);
  }
  process.stdout.write('boundaries ok: shared/domain is pure\n');
}
