import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { DEFAULT_AUTH_SECRET } from '#shared/config.ts';

/** The file in the data folder that keeps this install's token secret across restarts. */
export const SECRET_FILE = 'auth-secret';

/**
 * The HS256 secret of a local install:
 * - AUTH_SECRET when it is set;
 * - otherwise a random 256-bit secret made on first start and kept (mode 0600) in the data
 *   folder, so tokens survive restarts and no two installs share a secret;
 * - in memory mode, a fresh random secret per process.
 */
export function localSecret(options: { envSecret?: string; dataDir?: string }): {
  secret: string;
  source: 'env' | 'file' | 'memory';
} {
  if (options.envSecret) return { secret: options.envSecret, source: 'env' };
  const fresh = () => randomBytes(32).toString('base64url');
  if (!options.dataDir) return { secret: fresh(), source: 'memory' };
  const dir = resolve(options.dataDir);
  const path = join(dir, SECRET_FILE);
  try {
    const stored = readFileSync(path, 'utf8').trim();
    if (stored.length >= 32) return { secret: stored, source: 'file' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dir, { recursive: true });
  const secret = fresh();
  // 'wx' fails if another process created the file meanwhile: then read theirs.
  try {
    writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
    return { secret, source: 'file' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { secret: readFileSync(path, 'utf8').trim(), source: 'file' };
  }
}

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '::ffff:127.0.0.1') return true;
  return isIP(h) === 4 && h.startsWith('127.');
}

/**
 * Why the local server must not start on `host` with `secret`, or undefined when it may.
 * The public demo secret lets anyone who can reach the port sign a token for any role.
 */
export function unsafeBinding(host: string, secret: string | undefined): string | undefined {
  if (isLoopback(host) || secret !== DEFAULT_AUTH_SECRET) return undefined;
  return [
    '',
    '*****************************************************************************',
    `REFUSING TO START: listening on ${host} (reachable from other machines) with the`,
    'public demo AUTH_SECRET. Anyone on the network could sign in as any firm, officer',
    'or operator. Unset AUTH_SECRET (a random per-install secret is kept in the data',
    'folder) or set a long random one, or listen on loopback (HOST=127.0.0.1).',
    '*****************************************************************************',
    '',
  ].join('\n');
}
