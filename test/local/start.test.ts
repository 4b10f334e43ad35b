import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUTH_SECRET } from '#shared/config.ts';
import { freePort } from '../../local/dynamodb-local.ts';
import { bodyOf } from '../support/app.ts';
import { xiamenLittleGiant } from '../support/fixtures.ts';

/**
 * `npm start` as a newcomer runs it: the real entry point, its own DynamoDB Local on a
 * data folder, seeded, serving HTTP. Then a restart on the same folder.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'jingrong-start-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(port: number, dynamoPort: number) {
  const { AUTH_SECRET: _unset, HOST: _default, ...env } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    env: {
      ...env,
      PORT: String(port),
      DYNAMODB_PORT: String(dynamoPort),
      JINGRONG_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output += d;
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d;
  });
  const started = Date.now();
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (res.ok) return { child, health: await res.json(), ms: Date.now() - started };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output}`);
    if (Date.now() - started > 30_000) throw new Error(`no healthy answer within 30 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stop(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** `npm start` with extra environment, run until it exits: its exit code and what it wrote to stderr. */
async function runToExit(env: Record<string, string>): Promise<{ code: unknown; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d;
  });
  const code = await new Promise((r) => child.once('exit', r));
  return { code, stderr };
}

/** A non-loopback IPv4 address of this machine, if it has one. */
function lanAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

/** Whether a TCP connection to host:port is accepted. */
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Live processes whose command line runs DynamoDB Local on this port (read from /proc, no tools needed). */
function javaProcessesOn(dynamoPort: number): number {
  let count = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (cmd.some((a) => a.includes('DynamoDBLocal.jar')) && cmd.includes(String(dynamoPort))) count++;
    } catch {
      // the process ended while we looked
    }
  }
  return count;
}

describe('npm start', () => {
  it('answers /api/health with the DB connected within 30 s, keeps data across a restart, and leaves no Java behind', async () => {
    const [port, dynamoPort] = [await freePort(), await freePort()];
    const first = await start(port, dynamoPort);
    expect(first.health).toMatchObject({ status: 'ok', db: { connected: true } });
    expect(first.ms).toBeLessThan(30_000);
    expect(javaProcessesOn(dynamoPort)).toBe(1); // the orphan check below can see it

    // Loopback only: neither the app nor DynamoDB Local answers on this machine's LAN address.
    const lan = lanAddress();
    if (lan) {
      expect(await reachable(lan, port)).toBe(false);
      expect(await reachable(lan, dynamoPort)).toBe(false);
    }
    expect(await reachable('127.0.0.1', dynamoPort)).toBe(true);
    // A random per-install token secret, readable by its owner only.
    const secretFile = statSync(join(dataDir, 'auth-secret'));
    expect(secretFile.mode & 0o077).toBe(0);
    expect(readFileSync(join(dataDir, 'auth-secret'), 'utf8').trim()).toMatch(/^[\w-]{43}$/);

    const firm = xiamenLittleGiant();
    const created = await fetch(`http://127.0.0.1:${port}/api/firms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(firm),
    });
    expect(created.status).toBe(201);
    const products = await bodyOf(await fetch(`http://127.0.0.1:${port}/api/products`));
    expect(products.items.length).toBeGreaterThan(20);

    await stop(first.child);
    expect(javaProcessesOn(dynamoPort)).toBe(0);

    const second = await start(port, dynamoPort);
    const signIn = await fetch(`http://127.0.0.1:${port}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'operator@xiamen.demo', password: 'jingrong-demo' }),
    });
    const { token } = await bodyOf(signIn);
    const again = await fetch(`http://127.0.0.1:${port}/api/firms/${firm.uscc}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(again.status).toBe(200);
    expect((await bodyOf(again)).name).toBe(firm.name);
    // Seeding is idempotent: the same catalog, not a second copy.
    const productsAgain = await bodyOf(await fetch(`http://127.0.0.1:${port}/api/products`));
    expect(productsAgain.items.length).toBe(products.items.length);
    await stop(second.child);
    expect(javaProcessesOn(dynamoPort)).toBe(0);
  }, 90_000);

  it('refuses loudly to listen beyond loopback with the public demo secret', async () => {
    const { code, stderr } = await runToExit({
      HOST: '0.0.0.0',
      AUTH_SECRET: DEFAULT_AUTH_SECRET,
      PORT: String(await freePort()),
      DYNAMODB_PORT: String(await freePort()),
      JINGRONG_DATA_DIR: 'memory',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('REFUSING TO START');
    expect(stderr).toContain('0.0.0.0');
  });

  it('without Java, says in one line how to install it and exits 1', async () => {
    const emptyPath = mkdtempSync(join(tmpdir(), 'no-java-'));
    const { code, stderr } = await runToExit({ PATH: emptyPath, PORT: String(await freePort()) });
    expect(code).toBe(1);
    const lines = stderr.split('\n').filter((l) => l.trim());
    expect(lines).toEqual([expect.stringContaining('apt-get install -y default-jre-headless')]);
    rmSync(emptyPath, { recursive: true, force: true });
  });
});
