import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseHttpFunctionEnv } from '../../functions/shared/env.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COMPLETE = {
  AWS_REGION: 'cn-north-1',
  TABLE_NAME: 'Jingrong-Table',
  USER_POOL_ID: 'cn-north-1_AbCdEf123',
  USER_POOL_CLIENT_ID: '3k2j4h5g6f7d8s9a0p1o2i3u4y',
};

/** What the pages functions need besides: the app's URL, the hosted sign-in and (firms', officers') the documents bucket. */
const PAGES = {
  APP_URL: 'https://app.example.cn',
  SIGN_IN_DOMAIN_URL: 'https://jingrong.auth.cn-north-1.amazoncognito.com',
  DOCUMENTS_BUCKET: 'jingrong-documentsbucket-1a2b3c',
};

/** Loads a handler module in a fresh Node process, as Lambda's init phase does. */
async function coldStart(entry: string, env: Record<string, string>) {
  const { PATH, HOME } = process.env;
  try {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', '-e', `await import('./${entry}')`], {
      cwd: ROOT,
      env: { PATH, HOME, ...env },
    });
    return { ok: true, stderr: '' };
  } catch (error) {
    return { ok: false, stderr: String((error as { stderr?: string }).stderr) };
  }
}

describe('HTTP function environment', () => {
  it('parses a complete environment once, defaulting only the log level', () => {
    expect(parseHttpFunctionEnv(COMPLETE)).toEqual({ ...COMPLETE, POWERTOOLS_LOG_LEVEL: 'INFO' });
  });

  it('names every missing or malformed variable in one error', () => {
    const { TABLE_NAME: _, ...withoutTable } = COMPLETE;
    expect(() => parseHttpFunctionEnv({ ...withoutTable, USER_POOL_ID: 'pool' })).toThrow(
      /^Invalid environment: TABLE_NAME: .*; USER_POOL_ID: expected <region>_<id>$/,
    );
  });

  it('stops the API function at cold start, naming the missing variable', async () => {
    const { USER_POOL_CLIENT_ID: _, ...withoutClient } = COMPLETE;
    const result = await coldStart('functions/api/handler.ts', withoutClient);
    expect(result.ok).toBe(false);
    expect(result.stderr).toMatch(/Invalid environment: USER_POOL_CLIENT_ID/);
  });

  // Every function's handler module, one variable missing each: the init fails and names it.
  it.each([
    ['functions/pages/entries/public.ts', 'SIGN_IN_DOMAIN_URL', { ...COMPLETE, ...PAGES }],
    ['functions/pages/entries/firm.ts', 'DOCUMENTS_BUCKET', { ...COMPLETE, ...PAGES }],
    ['functions/pages/entries/officer.ts', 'DOCUMENTS_BUCKET', { ...COMPLETE, ...PAGES }],
    ['functions/pages/entries/operator.ts', 'APP_URL', { ...COMPLETE, ...PAGES }],
    ['functions/certified-list-import/handler.ts', 'TABLE_NAME', COMPLETE],
    ['functions/equity/handler.ts', 'USER_POOL_ID', COMPLETE],
    ['functions/leads/handler.ts', 'USER_POOL_CLIENT_ID', COMPLETE],
    ['functions/consumer/entries/lead-deadlines.ts', 'CONSUMER', COMPLETE],
    ['functions/sweep/handler.ts', 'TABLE_NAME', COMPLETE],
  ] as const)('stops %s at cold start without %s, naming it', async (entry, missing, env) => {
    const { [missing]: _, ...without } = env as Record<string, string>;
    const result = await coldStart(entry, without);
    expect(result.ok).toBe(false);
    expect(result.stderr).toMatch(new RegExp(`Invalid environment: (.*; )?${missing}`));
  });
});
