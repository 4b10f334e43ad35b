import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * scrypt cost parameters, stored with every hash so they can be raised later: a hash made
 * with weaker ones still verifies, and is re-made with the current ones at the next sign-in.
 * `ln` is log2 of N (CPU/memory cost), `r` the block size, `p` the parallelism.
 */
export interface ScryptParams {
  ln: number;
  r: number;
  p: number;
}

/** Current guidance (OWASP Password Storage Cheat Sheet): N = 2^17, r = 8, p = 1 (128 MiB, ~0.1–0.4 s). */
export const SCRYPT_PARAMS: ScryptParams = { ln: 17, r: 8, p: 1 };

/** What hashes written before parameters were stored used: Node's defaults. */
const LEGACY_PARAMS: ScryptParams = { ln: 14, r: 8, p: 1 };

const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, keylen: number, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: 2 ** params.ln,
    r: params.r,
    p: params.p,
    // scrypt needs 128·N·r bytes; leave room above it.
    maxmem: 256 * 2 ** params.ln * params.r,
  };
  return new Promise((resolve, reject) =>
    scrypt(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** "scrypt$ln=17,r=8,p=1$salt$hash" (base64url), with a random 16-byte salt. */
export async function hashPassword(password: string, params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(16);
  // NFC: the same password typed on another keyboard or OS gives the same bytes.
  const hash = await derive(password.normalize('NFC'), salt, KEY_LENGTH, params);
  return `scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** The parameters a stored hash was made with, or undefined when it is not one of ours. */
export function hashParams(stored: string): ScryptParams | undefined {
  const parts = stored.split('$');
  if (parts[0] !== 'scrypt') return undefined;
  if (parts.length === 3) return LEGACY_PARAMS;
  const match = /^ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})$/.exec(parts[1] ?? '');
  if (parts.length !== 4 || !match) return undefined;
  const params = { ln: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  // Refuse absurd stored costs rather than let a tampered row exhaust memory.
  return params.ln >= 10 &&
    params.ln <= 20 &&
    params.r >= 1 &&
    params.r <= 32 &&
    params.p >= 1 &&
    params.p <= 16
    ? params
    : undefined;
}

/** True when a hash was made with weaker parameters than `current` and should be re-made. */
export function needsRehash(stored: string, current: ScryptParams = SCRYPT_PARAMS): boolean {
  const params = hashParams(stored);
  return !params || params.ln < current.ln || params.r < current.r || params.p < current.p;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const params = hashParams(stored);
  const parts = stored.split('$');
  const [salt, hash] = parts.length === 3 ? [parts[1], parts[2]] : [parts[2], parts[3]];
  if (!params || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  if (expected.length < 16) return false;
  // Hashes from before stored parameters were made from the password as typed (no NFC).
  const input = parts.length === 3 ? password : password.normalize('NFC');
  const actual = await derive(input, Buffer.from(salt, 'base64url'), expected.length, params);
  return timingSafeEqual(actual, expected);
}

const dummyHashes = new Map<string, Promise<string>>();

/**
 * A hash of nothing anyone knows, made with `params`: an unknown e-mail is checked against it,
 * so it costs the same scrypt run as a known one and the timing tells nothing.
 */
export function dummyHash(params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
  const key = `${params.ln},${params.r},${params.p}`;
  let hash = dummyHashes.get(key);
  if (!hash) {
    hash = hashPassword(randomBytes(24).toString('base64url'), params);
    dummyHashes.set(key, hash);
  }
  return hash;
}
