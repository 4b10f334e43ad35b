/**
 * POST /api/match over loopback, side by side with a bare hono server answering the same
 * JSON body (bench/http-server.ts), both in this run, under the same load (autocannon,
 * 20 connections). Prints the figures to stderr and, as its last line, a JSON object:
 * http_{match,bare}_rps, _p50_ms, _p99_ms, ratio_http_match_bare (target ≥ 0.7), and each
 * server's own CPU time per request (from /proc, Linux only), which the load of others on a
 * shared machine disturbs less than requests per second.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { PROBE_BODY } from './http-probe.ts';

const here = dirname(fileURLToPath(import.meta.url));
const SECONDS = Number(process.env.HTTP_BENCH_SECONDS ?? 8);
const CONNECTIONS = 20;

function log(line: string) {
  process.stderr.write(`${line}\n`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function startServer(mode: 'app' | 'bare'): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(here, 'http-server.ts'), mode, String(port)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (String(d).includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited (${code})`)));
  });
  return { child, port };
}

/** CPU time (user + system) a process has used so far, in µs; undefined where /proc is not there. */
function cpuMicros(pid: number | undefined): number | undefined {
  try {
    // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses; clock ticks of 10 ms.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return undefined;
  }
}

async function load(server: { child: ChildProcess; port: number }, seconds: number) {
  const { port } = server;
  const cpuBefore = cpuMicros(server.child.pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/api/match`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(PROBE_BODY),
    connections: CONNECTIONS,
    duration: seconds,
  });
  const cpuAfter = cpuMicros(server.child.pid);
  return {
    cpuPerRequest:
      cpuBefore === undefined || cpuAfter === undefined || result.requests.total === 0
        ? undefined
        : (cpuAfter - cpuBefore) / result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    bytes: result.throughput.average / Math.max(1, result.requests.average),
  };
}

async function main() {
  const servers = { app: await startServer('app'), bare: await startServer('bare') };
  try {
    // Warm both, then measure them one after the other, twice, keeping each one's better run.
    await load(servers.app, 2);
    await load(servers.bare, 2);
    const runs = {
      app: [] as Awaited<ReturnType<typeof load>>[],
      bare: [] as Awaited<ReturnType<typeof load>>[],
    };
    for (let k = 0; k < 2; k++) {
      runs.app.push(await load(servers.app, SECONDS / 2));
      runs.bare.push(await load(servers.bare, SECONDS / 2));
    }
    const best = (xs: Awaited<ReturnType<typeof load>>[]) => xs.reduce((a, b) => (b.rps > a.rps ? b : a));
    const app = best(runs.app);
    const bare = best(runs.bare);
    const ratio = app.rps / bare.rps;
    // Each server's least CPU per request over its runs (the run least disturbed by others).
    const cpu = (xs: Awaited<ReturnType<typeof load>>[]) => {
      const known = xs.map((x) => x.cpuPerRequest).filter((x): x is number => x !== undefined);
      return known.length ? Math.round(Math.min(...known)) : undefined;
    };
    const [appCpu, bareCpu] = [cpu(runs.app), cpu(runs.bare)];
    log(
      `POST /api/match: ${app.rps.toFixed(0)} req/s, p50 ${app.p50} ms, p99 ${app.p99} ms (${app.errors} errors, ${(app.bytes / 1024).toFixed(1)} KB/answer) | ` +
        `bare hono, same body: ${bare.rps.toFixed(0)} req/s, p50 ${bare.p50} ms, p99 ${bare.p99} ms | ratio ${ratio.toFixed(2)} (target ≥ 0.7)`,
    );
    if (appCpu !== undefined && bareCpu !== undefined)
      log(
        `server CPU per request: POST /api/match ${appCpu} µs, bare ${bareCpu} µs | ratio bare/app ${(bareCpu / appCpu).toFixed(2)}`,
      );
    process.stdout.write(
      `${JSON.stringify({
        http_connections: CONNECTIONS,
        http_match_rps: Math.round(app.rps),
        http_match_p50_ms: app.p50,
        http_match_p99_ms: app.p99,
        http_bare_rps: Math.round(bare.rps),
        http_bare_p50_ms: bare.p50,
        http_bare_p99_ms: bare.p99,
        ratio_http_match_bare: Math.round(ratio * 100) / 100,
        http_match_cpu_us: appCpu,
        http_bare_cpu_us: bareCpu,
        ratio_http_cpu_bare_match:
          appCpu && bareCpu !== undefined ? Math.round((bareCpu / appCpu) * 100) / 100 : undefined,
        http_errors: app.errors + bare.errors,
      })}\n`,
    );
  } finally {
    servers.app.child.kill();
    servers.bare.child.kill();
  }
}

await main();
