import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb-local.ts';

/**
 * Crash safety of the local runtime: a state change is committed while the backbone is not
 * handling events, the whole runtime (node and its Java child) is SIGKILLed, and on restart
 * the event is handled exactly once: one in-app notification, one webhook delivery — and a
 * second crash and restart change nothing.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'jingrong-crash-'));
const running: ChildProcess[] = [];
const posts: string[] = [];
const receiver = createServer((req, res) => {
  let body = '';
  req.on('data', (c: Buffer) => {
    body += c;
  });
  req.on('end', () => {
    posts.push(body);
    res.writeHead(204).end();
  });
});

afterAll(() => {
  for (const child of running) killGroup(child);
  receiver.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function killGroup(child: ChildProcess) {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function start(port: number, dynamoPort: number, backbone: 'on' | 'off') {
  // Its own process group, so SIGKILL reaches node and the Java child at once, like a power cut.
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DYNAMODB_PORT: String(dynamoPort),
      JINGRONG_DATA_DIR: dataDir,
      JINGRONG_BACKBONE: backbone,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.push(child);
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
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`runtime exited early:\n${output}`);
    if (Date.now() - started > 90_000) throw new Error(`no answer within 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function crash(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  killGroup(child);
  await exited;
  await new Promise((r) => setTimeout(r, 300)); // the Java child releases its port
}

describe('crash safety of the local event backbone', () => {
  it('SIGKILL after the commit and before the event is handled: handled exactly once after restart', async () => {
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const [port, dynamoPort] = [await freePort(), await freePort()];
    const base = `http://127.0.0.1:${port}`;
    const call = async (
      path: string,
      init: { method?: string; token?: string; body?: unknown; key?: string } = {},
    ) => {
      const res = await fetch(`${base}${path}`, {
        method: init.method ?? (init.body ? 'POST' : 'GET'),
        headers: {
          'content-type': 'application/json',
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(init.key ? { 'Idempotency-Key': init.key } : {}),
        },
        body: init.body ? JSON.stringify(init.body) : undefined,
      });
      // biome-ignore lint/suspicious/noExplicitAny: test reads JSON loosely; assertions check it
      return { status: res.status, body: (res.status === 204 ? null : await res.json()) as any };
    };
    const signIn = async (email: string) =>
      (await call('/api/auth/sign-in', { body: { email, password: 'jingrong-demo' } })).body.token as string;

    // Prepare: the runtime commits events but handles none.
    let runtime = await start(port, dynamoPort, 'off');
    const firm = await signIn('firm@xmsensor.demo');
    const submitted = await call('/api/requests', {
      token: firm,
      key: 'crash-test-0001',
      body: {
        amountYuan: 5_000_000,
        purpose: 'working_capital',
        termMonths: 12,
        collateral: ['none'],
        kind: 'debt',
      },
    });
    expect(submitted.status).toBe(201);
    const requestId = submitted.body.request.id as string;
    const { matches } = (await call(`/api/requests/${requestId}/matches`, { token: firm })).body;
    const pick = matches[0] as { productId: string; institutionId: string };
    const officer = await signIn(`officer@${pick.institutionId}.demo`);
    const hook = await call(`/api/institutions/${pick.institutionId}/webhook`, {
      method: 'PUT',
      token: officer,
      body: { url: hookUrl },
    });
    expect(hook.status).toBe(201);
    const sent = await call(`/api/requests/${requestId}/send`, {
      token: firm,
      body: { productIds: [pick.productId] },
    });
    expect(sent.status).toBe(201);
    const leadId = `${requestId}.${pick.institutionId}`;

    // Act: power cut right after the commit.
    await crash(runtime);
    expect(posts).toHaveLength(0);
    runtime = await start(port, dynamoPort, 'on');

    // Assess: the event is handled once — one notification, one delivery.
    // The officer's token outlives restarts (same signing secret).
    const leadNotices = async () => {
      const { items } = (await call('/api/notifications?limit=100', { token: officer })).body;
      return (items as { kind: string; link?: string }[]).filter(
        (n) => n.kind === 'lead-new' && n.link?.includes(encodeURIComponent(leadId)),
      );
    };
    const deadline = Date.now() + 30_000;
    while ((posts.length === 0 || (await leadNotices()).length === 0) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 1500)); // anything else it might (wrongly) send
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]!).data).toMatchObject({ leadId, to: 'new' });
    expect(await leadNotices()).toHaveLength(1);

    // A second crash and restart replays nothing.
    await crash(runtime);
    runtime = await start(port, dynamoPort, 'on');
    await new Promise((r) => setTimeout(r, 2000));
    expect(posts).toHaveLength(1);
    expect(await leadNotices()).toHaveLength(1);
    await crash(runtime);
  }, 420_000);
});
