import * as z from 'zod';
import { lazySchema } from './lazy-schema.ts';

/**
 * Sign-in throttling and lockout, per e-mail address (known or not, so the answer never
 * tells whether an account exists). Pure: the caller passes the stored state and the time.
 *
 * - at most FAILURES_PER_MINUTE wrong passwords in a rolling minute: the next attempt is
 *   throttled until the minute has passed (the 6th wrong password in a minute never runs);
 * - LOCKOUT_FAILURES wrong passwords within LOCKOUT_WINDOW lock the address for LOCKOUT.
 * A successful sign-in clears the state.
 */
export const SIGN_IN_LIMITS = {
  failuresPerMinute: 5,
  minuteMs: 60_000,
  lockoutFailures: 20,
  lockoutWindowMs: 15 * 60_000,
  lockoutMs: 15 * 60_000,
} as const;

export const ThrottleStateSchema = lazySchema(() =>
  z.object({
    /** Epoch ms of the recent failures (the last `lockoutFailures`, oldest first). */
    failures: z.array(z.number().int()).max(SIGN_IN_LIMITS.lockoutFailures),
    lockedUntil: z.number().int().optional(),
  }),
);
export type ThrottleState = z.infer<typeof ThrottleStateSchema>;

export const EMPTY_THROTTLE: ThrottleState = { failures: [] };

/** Whether an attempt may run now; when not, how long to wait (whole seconds, at least 1). */
export function throttleDecision(
  state: ThrottleState,
  nowMs: number,
): { allowed: true } | { allowed: false; retryAfterSeconds: number; locked: boolean } {
  const wait = (untilMs: number, locked: boolean) => ({
    allowed: false as const,
    retryAfterSeconds: Math.max(1, Math.ceil((untilMs - nowMs) / 1000)),
    locked,
  });
  if (state.lockedUntil !== undefined && state.lockedUntil > nowMs) return wait(state.lockedUntil, true);
  const lastMinute = state.failures.filter((t) => t > nowMs - SIGN_IN_LIMITS.minuteMs);
  if (lastMinute.length >= SIGN_IN_LIMITS.failuresPerMinute) {
    const oldest = lastMinute[lastMinute.length - SIGN_IN_LIMITS.failuresPerMinute]!;
    return wait(oldest + SIGN_IN_LIMITS.minuteMs, false);
  }
  return { allowed: true };
}

/** The state after one more wrong password at `nowMs`. */
export function afterFailure(state: ThrottleState, nowMs: number): ThrottleState {
  const recent = [...state.failures.filter((t) => t > nowMs - SIGN_IN_LIMITS.lockoutWindowMs), nowMs].slice(
    -SIGN_IN_LIMITS.lockoutFailures,
  );
  const lock = recent.length >= SIGN_IN_LIMITS.lockoutFailures;
  return {
    failures: lock ? [] : recent,
    ...(lock
      ? { lockedUntil: nowMs + SIGN_IN_LIMITS.lockoutMs }
      : state.lockedUntil !== undefined && state.lockedUntil > nowMs
        ? { lockedUntil: state.lockedUntil }
        : {}),
  };
}

/** When the stored state can be forgotten (epoch ms). */
export function throttleExpiry(state: ThrottleState): number {
  return Math.max(state.lockedUntil ?? 0, (state.failures.at(-1) ?? 0) + SIGN_IN_LIMITS.lockoutWindowMs);
}
