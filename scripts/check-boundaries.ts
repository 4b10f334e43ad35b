import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * Architecture boundaries, checked by `npm run lint` and by the test suite. Imports point
 * one way:
 *
 *   edge (shared/http, functions, local) → use cases (shared/usecases) → domain (shared/domain)
 *                                           use cases → store ports (shared/store, not its internals)
 *
 * - shared/domain is pure: no AWS SDK, no HTTP framework, no I/O, no environment, no
 *   clock, and nothing from the layers above it. shared/events (the event catalog) is
 *   pure too and sees only the domain.
 * - shared/store is the only code that touches `@aws-sdk/*` and the document client.
 * - shared/usecases knows nothing of HTTP (no hono, no shared/http) and reaches the
 *   table only through the store's ports (not db.ts, client.ts, keys.ts, outbox.ts, …).
 * - nothing in shared/ imports the entry points (functions/, local/) or infra/.
 */
export interface Violation {
  file: string;
  line: number;
  rule: string;
  text: string;
}

type Layer =
  | 'domain'
  | 'events'
  | 'catalog'
  | 'support'
  | 'store'
  | 'usecases'
  | 'http'
  | 'functions'
  | 'local'
  | 'infra';

/** Which layer a file (path relative to the root, `/`-separated) belongs to. */
function layerOf(path: string): Layer | undefined {
  const [top, second] = path.split('/');
  if (top === 'functions' || top === 'local' || top === 'infra') return top;
  if (top !== 'shared') return undefined;
  switch (second) {
    case 'domain':
    case 'events':
    case 'catalog':
    case 'store':
    case 'usecases':
    case 'http':
      return second;
    default:
      return 'support'; // config.ts, logger.ts: leaf helpers
  }
}

/** Layers each layer may import from (besides itself and packages). */
const MAY_IMPORT: Record<Layer, Layer[]> = {
  domain: [],
  events: ['domain'],
  catalog: ['domain'],
  support: [],
  store: ['domain', 'events', 'catalog', 'support'],
  usecases: ['domain', 'events', 'catalog', 'support', 'store'],
  http: ['domain', 'events', 'catalog', 'support', 'store', 'usecases'],
  functions: ['domain', 'events', 'catalog', 'support', 'store', 'usecases', 'http'],
  local: ['domain', 'events', 'catalog', 'support', 'store', 'usecases', 'http'],
  // The deployment describes what it deploys: it may read any of it (never local/).
  infra: ['domain', 'events', 'catalog', 'support', 'store', 'usecases', 'http', 'functions'],
};

/** The store's internals: only the store itself (and the entry points that build it) use them. */
const STORE_INTERNALS = /^shared\/store\/(db|client|bootstrap|keys|outbox|table)\.ts$/;
const INTERNALS_ALLOWED: Layer[] = ['store', 'functions', 'local', 'infra'];

const isHono = (s: string) => s === 'hono' || s.startsWith('hono/') || s.startsWith('@hono/');
const isAwsSdk = (s: string) => s.startsWith('@aws-sdk/');
const isIo = (s: string) =>
  /^(node:)?(fs|fs\/promises|net|http|https|child_process|dgram|worker_threads)$/.test(s);

const PACKAGE_RULES: { rule: string; layers: Layer[]; test: (spec: string) => boolean }[] = [
  { rule: 'domain must not import the AWS SDK', layers: ['domain', 'events'], test: isAwsSdk },
  { rule: 'domain must not import hono', layers: ['domain', 'events'], test: isHono },
  { rule: 'domain must not do I/O (fs, net, http, child_process)', layers: ['domain', 'events'], test: isIo },
  {
    rule: 'only shared/store may import the AWS SDK',
    layers: ['catalog', 'support', 'usecases', 'http', 'functions', 'local'],
    test: isAwsSdk,
  },
  {
    rule: 'use cases and the store must not import hono',
    layers: ['usecases', 'store', 'catalog'],
    test: isHono,
  },
];

const CODE_RULES: { rule: string; layers: Layer[]; pattern: RegExp }[] = [
  { rule: 'domain must not read process.env', layers: ['domain', 'events'], pattern: /\bprocess\.env\b/ },
  {
    rule: 'domain must not read the clock (pass `now`/`asOf` in)',
    layers: ['domain', 'events'],
    pattern: /\bDate\.now\(|new Date\(\s*\)/,
  },
  {
    rule: 'only shared/store may touch the raw document client',
    layers: ['catalog', 'support', 'usecases', 'http', 'functions', 'local'],
    pattern: /\bDynamoDBDocumentClient\b|\.db\.doc\b|\bstore\.db\b/,
  },
  {
    rule: 'routes and pages read and write through use cases, not the repositories',
    layers: ['http'],
    pattern: /\bstore\.(firms|catalog|users|requests|leads|idempotency)\b/,
  },
];

const IMPORT =
  /(?:^|\s)(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/g;

function* sourceFiles(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'cdk.out') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.tsx?$/.test(name) && !/\.d\.ts$/.test(name)) yield path;
  }
}

/** `#domain/x.ts` → shared/domain/x.ts, from package.json's "imports" (defaults if absent). */
function aliases(root: string): [prefix: string, target: string][] {
  const pkg = join(root, 'package.json');
  const imports: Record<string, string> = existsSync(pkg)
    ? (JSON.parse(readFileSync(pkg, 'utf8')).imports ?? {})
    : {};
  const map = Object.keys(imports).length
    ? imports
    : {
        '#domain/*': './shared/domain/*',
        '#store/*': './shared/store/*',
        '#http/*': './shared/http/*',
        '#events/*': './shared/events/*',
        '#usecases/*': './shared/usecases/*',
        '#local/*': './local/*',
        '#shared/*': './shared/*',
      };
  return Object.entries(map).map(([k, v]) => [
    k.replace(/\*$/, ''),
    v.replace(/^\.\//, '').replace(/\*$/, ''),
  ]);
}

/** The imported file's path relative to the root, or undefined for a package. */
function resolveSpec(
  root: string,
  file: string,
  spec: string,
  alias: [string, string][],
): string | undefined {
  if (spec.startsWith('.'))
    return relative(root, resolve(dirname(file), spec))
      .split(sep)
      .join('/');
  for (const [prefix, target] of alias)
    if (spec.startsWith(prefix)) return target + spec.slice(prefix.length);
  return undefined;
}

export function checkBoundaries(root: string): Violation[] {
  const violations: Violation[] = [];
  const alias = aliases(root);
  const dirs = ['shared', 'functions', 'local', 'infra'].map((d) => join(root, d));
  for (const file of dirs.flatMap((d) => [...sourceFiles(d)])) {
    const path = relative(root, file).split(sep).join('/');
    const layer = layerOf(path);
    if (!layer) continue;
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, index) => {
      const code = text.replace(/\/\/.*$/, '');
      const report = (rule: string) =>
        violations.push({ file: path, line: index + 1, rule, text: text.trim() });
      for (const match of code.matchAll(IMPORT)) {
        const spec = match[1] ?? match[2] ?? match[3] ?? '';
        const target = resolveSpec(root, file, spec, alias);
        if (target === undefined) {
          for (const r of PACKAGE_RULES) if (r.layers.includes(layer) && r.test(spec)) report(r.rule);
          continue;
        }
        const targetLayer = layerOf(target);
        if (!targetLayer || targetLayer === layer) continue;
        if (!MAY_IMPORT[layer].includes(targetLayer)) {
          report(
            layer === 'domain'
              ? 'domain must not import the layers above it'
              : `${layer} must not import ${targetLayer} (imports point one way: edge → use cases → domain)`,
          );
        } else if (STORE_INTERNALS.test(target) && !INTERNALS_ALLOWED.includes(layer)) {
          report(`${layer} must reach the table through the store's ports, not ${target}`);
        }
      }
      for (const r of CODE_RULES) if (r.layers.includes(layer) && r.pattern.test(code)) report(r.rule);
    });
  }
  return violations;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const violations = checkBoundaries(process.cwd());
  for (const v of violations) process.stderr.write(`${v.file}:${v.line}  ${v.rule}\n    ${v.text}\n`);
  if (violations.length) {
    process.stderr.write(`\n${violations.length} boundary violation(s)\n`);
    process.exit(1);
  }
  process.stdout.write('boundaries ok: edge → use cases → domain; only shared/store touches DynamoDB\n');
}
