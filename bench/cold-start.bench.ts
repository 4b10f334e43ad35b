/**
 * Cold-start budget of the Lambda functions: bundle size (minified) and the time to import the
 * bundle in a fresh Node process, side by side with baselines in the same run: a bare hono
 * handler, and one with a DynamoDB document client whose SDK is loaded the way the functions
 * load it (`require()`, shared/store/sdk.ts) and, for comparison, with `import`. The bundles are
 * built by the stack's own ServiceFunction, so they are byte for byte what `cdk deploy` uploads.
 * Budget per function: ≤ 250 KB, ≤ 120 ms.
 *
 * Import times include loading the AWS SDK from node_modules (in Lambda it comes from the
 * runtime), the same for the functions and the SDK baselines, and run with the functions'
 * NODE_OPTIONS as deployed (none: stack traces are mapped when an error is logged, not at load;
 * the figure with Node's `--enable-source-maps`, which parses the map at load, is shown beside). The
 * budget is judged on the import's CPU time (see importMs); read the ratios, not the
 * absolutes, on a shared machine. Packages loaded only on demand (LAMBDA_BUNDLING.lazyModules)
 * are not in index.mjs and not imported at cold start; their size, and what loading them costs
 * the first request that needs them, are shown apart. The samples are taken round by round over
 * every bundle, so the machine's load weighs on each row alike.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { LAMBDA_BUNDLING, ServiceFunction } from '../infra/constructs/service-function.ts';
import { CONSUMER_NAMES } from '../shared/events/routing.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUDGET = { kb: 250, importMs: 120 };
const RUNS = Number(process.env.COLD_START_RUNS ?? 9);
/** Node's own source-map support, which reads and parses the whole map while the bundle loads. */
const SOURCE_MAPS_AT_LOAD = '--enable-source-maps';

/** The event backbone's consumers: one function each, each bundle carrying its consumer alone. */
const CONSUMER_ENTRIES = Object.fromEntries(
  CONSUMER_NAMES.map((name) => [
    `consumer_${name.replaceAll('-', '_')}`,
    `functions/consumer/entries/${name}.ts`,
  ]),
) as Record<`consumer_${string}`, string>;

const ENTRIES = {
  api: 'functions/api/handler.ts',
  leads: 'functions/leads/handler.ts',
  equity: 'functions/equity/handler.ts',
  certified_list_import: 'functions/certified-list-import/handler.ts',
  // The web pages: a function per audience.
  pages: 'functions/pages/entries/public.ts',
  pages_firm: 'functions/pages/entries/firm.ts',
  pages_officer: 'functions/pages/entries/officer.ts',
  pages_operator: 'functions/pages/entries/operator.ts',
  // The event backbone's functions: a function per consumer, the sweep.
  ...CONSUMER_ENTRIES,
  sweep: 'functions/sweep/handler.ts',
  bare_hono: 'bench/fixtures/bare-hono.ts',
  bare_hono_dynamodb: 'bench/fixtures/bare-hono-dynamodb.ts',
  bare_hono_dynamodb_import: 'bench/fixtures/bare-hono-dynamodb-import.ts',
} as const;
type Name = keyof typeof ENTRIES;
const FUNCTIONS: readonly Name[] = [
  'api',
  'leads',
  'equity',
  'certified_list_import',
  'pages',
  'pages_firm',
  'pages_officer',
  'pages_operator',
  ...(Object.keys(CONSUMER_ENTRIES) as Name[]),
  'sweep',
];
const isFunction = (name: Name) => FUNCTIONS.includes(name);
/** The consumer a consumer row's function serves (its CONSUMER), none for the other rows. */
const consumerOf = (name: Name) =>
  CONSUMER_NAMES.find((consumer) => name === `consumer_${consumer.replaceAll('-', '_')}`);

/** What the functions parse at cold start (shape-valid values; nothing is called). */
const FUNCTION_ENV = {
  AWS_REGION: 'cn-north-1',
  TABLE_NAME: 'Jingrong-Table',
  USER_POOL_ID: 'cn-north-1_AbCdEf123',
  USER_POOL_CLIENT_ID: 'benchclient',
  APP_URL: 'https://app.example.cn',
  SIGN_IN_DOMAIN_URL: 'https://jingrong.auth.cn-north-1.amazoncognito.com',
  DOCUMENTS_BUCKET: 'jingrong-documentsbucket-1a2b3c',
  POWERTOOLS_SERVICE_NAME: 'bench',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
};

/** Bundles every entry through ServiceFunction (one synth): each index.mjs path, and the functions' NODE_OPTIONS. */
function bundle(outdir: string): { paths: Record<Name, string>; nodeOptions: string } {
  const app = new App({ outdir });
  const stack = new Stack(app, 'ColdStartBench');
  const functions = Object.fromEntries(
    Object.entries(ENTRIES).map(([name, entry]) => [
      name,
      new ServiceFunction(stack, name, {
        entry: join(ROOT, entry),
        serviceName: name,
        projectRoot: ROOT,
        depsLockFilePath: join(ROOT, 'package-lock.json'),
      }),
    ]),
  ) as Record<Name, ServiceFunction>;
  const assembly = app.synth();
  const template = assembly.getStackArtifact(stack.artifactId).template as {
    Resources: Record<
      string,
      { Properties?: { Code?: { S3Key?: string }; Environment?: { Variables?: Record<string, string> } } }
    >;
  };
  const paths = {} as Record<Name, string>;
  let nodeOptions = '';
  for (const name of Object.keys(ENTRIES) as Name[]) {
    const id = stack.getLogicalId(functions[name].fn.node.defaultChild as never);
    const props = template.Resources[id]!.Properties!;
    const key = props.Code!.S3Key!.replace(/\.zip$/, '');
    paths[name] = join(assembly.directory, `asset.${key}`, 'index.mjs');
    nodeOptions = props.Environment?.Variables?.NODE_OPTIONS ?? '';
  }
  return { paths, nodeOptions };
}

/**
 * Milliseconds to import a module in a fresh Node process (the init phase of a cold start):
 * wall time, and the CPU time the process spent on it (user + system, all its threads). On a
 * busy shared machine the wall time mostly measures the other processes; the CPU time is
 * what the import itself costs, and is what the budget is judged on here.
 */
function importMs(file: string, nodeOptions: string, consumer?: string): { wall: number; cpu: number } {
  const script =
    `const c=process.cpuUsage();const t=performance.now();await import(${JSON.stringify(file)});` +
    'const u=process.cpuUsage(c);process.stdout.write(JSON.stringify({wall:performance.now()-t,cpu:(u.user+u.system)/1000}))';
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      PATH: process.env.PATH,
      ...FUNCTION_ENV,
      ...(consumer ? { CONSUMER: consumer } : {}),
      NODE_OPTIONS: nodeOptions,
    },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return JSON.parse(out);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x * 10) / 10;

// Inside the project, so the bundles' external @aws-sdk/* resolve from node_modules.
const outdir = join(ROOT, 'node_modules', '.cache', 'jingrong-cold-start');
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const started = performance.now();
const { paths, nodeOptions } = bundle(outdir);
/** The packages a function loads only on demand, bundled beside index.mjs (KB). */
const lazyKb = (file: string) =>
  LAMBDA_BUNDLING.lazyModules
    .map((name) => join(dirname(file), 'node_modules', name, 'index.mjs'))
    .filter((path) => existsSync(path))
    .reduce((kb, path) => kb + statSync(path).size / 1024, 0);
/** CPU ms to load the on-demand packages in a fresh process: what the first request needing them adds. */
const lazyMs = (file: string) => {
  const modules = LAMBDA_BUNDLING.lazyModules
    .map((name) => join(dirname(file), 'node_modules', name, 'index.mjs'))
    .filter((path) => existsSync(path));
  if (!modules.length) return 0;
  const samples = Array.from({ length: RUNS }, () => {
    const script =
      `const c=process.cpuUsage();for(const m of ${JSON.stringify(modules)})await import(m);` +
      'const u=process.cpuUsage(c);process.stdout.write(String((u.user+u.system)/1000))';
    return Number(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
    );
  });
  return median(samples);
};
const results = {} as Record<
  Name,
  { kb: number; lazyKb: number; lazyMs: number; importMs: number; wallMs: number; sourceMapsAtLoadMs: number }
>;
const NAMES = Object.keys(ENTRIES) as Name[];
for (const name of NAMES) importMs(paths[name], nodeOptions, consumerOf(name)); // warm the file system cache
// Round after round over every bundle, so a change in the machine's load hits all rows alike.
type Samples = { cpu: number[]; wall: number[]; sourceMapsAtLoad: number[] };
const samples = Object.fromEntries(
  NAMES.map((name): [Name, Samples] => [name, { cpu: [], wall: [], sourceMapsAtLoad: [] }]),
) as Record<Name, Samples>;
for (let i = 0; i < RUNS; i++) {
  for (const name of NAMES) {
    const sample = importMs(paths[name], nodeOptions, consumerOf(name));
    samples[name].cpu.push(sample.cpu);
    samples[name].wall.push(sample.wall);
    samples[name].sourceMapsAtLoad.push(importMs(paths[name], SOURCE_MAPS_AT_LOAD, consumerOf(name)).cpu);
  }
}
for (const name of NAMES) {
  results[name] = {
    kb: round(statSync(paths[name]).size / 1024),
    lazyKb: round(lazyKb(paths[name])),
    lazyMs: round(lazyMs(paths[name])),
    importMs: round(median(samples[name].cpu)),
    wallMs: round(median(samples[name].wall)),
    sourceMapsAtLoadMs: round(median(samples[name].sourceMapsAtLoad)),
  };
}
rmSync(outdir, { recursive: true, force: true });

const out: Record<string, unknown> = {};
const base = results.bare_hono_dynamodb;
for (const name of NAMES) {
  const r = results[name];
  const functionRow = isFunction(name);
  const verdict = functionRow
    ? r.kb <= BUDGET.kb && r.importMs <= BUDGET.importMs
      ? 'within budget'
      : 'OVER budget'
    : 'baseline';
  console.log(
    `${name.padEnd(25)} ${r.kb.toFixed(1).padStart(6)} KB  import p50 ${r.importMs.toFixed(1).padStart(6)} ms CPU ` +
      `(${r.wallMs.toFixed(0).padStart(5)} ms wall, ${r.sourceMapsAtLoadMs.toFixed(1).padStart(6)} ms CPU with --enable-source-maps)  ` +
      `(×${(r.kb / base.kb).toFixed(2)} size, ×${(r.importMs / base.importMs).toFixed(2)} import vs bare hono + DynamoDB)  ${verdict}` +
      (r.lazyKb
        ? `  [+${r.lazyKb.toFixed(1)} KB loaded on demand, ${r.lazyMs.toFixed(1)} ms CPU when first needed]`
        : ''),
  );
  out[`coldstart_${name}_kb`] = r.kb;
  out[`coldstart_${name}_import_ms`] = r.importMs;
  out[`coldstart_${name}_import_wall_ms`] = r.wallMs;
  out[`coldstart_${name}_import_ms_with_enable_source_maps`] = r.sourceMapsAtLoadMs;
  if (r.lazyKb) {
    out[`coldstart_${name}_on_demand_kb`] = r.lazyKb;
    out[`coldstart_${name}_on_demand_ms`] = r.lazyMs;
  }
}
// The part of an import that is the function's own code: minus the SDK baseline, plus bare hono.
for (const name of FUNCTIONS) {
  const own = round(results[name].importMs - base.importMs + results.bare_hono.importMs);
  out[`coldstart_${name}_import_ms_without_sdk`] = own;
  console.log(`${name}: import without the SDK's share ≈ ${own} ms`);
}
out.coldstart_budget = BUDGET;
out.coldstart_budget_met = FUNCTIONS.every(
  (n) => results[n].kb <= BUDGET.kb && results[n].importMs <= BUDGET.importMs,
);
out.coldstart_runs = RUNS;
out.coldstart_import_measure =
  "CPU time of the importing process (p50), with the functions' NODE_OPTIONS; wall time and with --enable-source-maps alongside";
out.coldstart_node_options = nodeOptions;
out.coldstart_node = process.version;
out.coldstart_load_average = round(loadavg()[0]!);
out.coldstart_bench_seconds = round((performance.now() - started) / 1000);
// Keep the SDK version visible: its import time dominates both the baseline and the functions.
out.coldstart_sdk = JSON.parse(
  readFileSync(join(ROOT, 'node_modules/@aws-sdk/client-dynamodb/package.json'), 'utf8'),
).version;
console.log(JSON.stringify(out));
