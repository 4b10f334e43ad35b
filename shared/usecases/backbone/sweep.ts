import type { Effect } from '#store/effects.ts';
import type { ClaimedTimer } from '#store/timers.ts';
import type { BackboneDeps } from './context.ts';

/** What a timer's firing writes; `retryAt` keeps the timer for another firing instead of retiring it. */
export interface TimerOutcome {
  effects: Effect[];
  retryAt?: string;
  payload?: Record<string, unknown>;
}

export type TimerHandler = (timer: ClaimedTimer, deps: BackboneDeps) => Promise<TimerOutcome>;

export interface SweepResult {
  fired: number;
  /** Timers another sweep claimed first. */
  contended: number;
  /** Handlers that threw: their timers come due again when the lease ends. */
  failed: number;
}

/** How long a claimed timer stays invisible to other sweeps. */
const LEASE_MS = 5 * 60_000;
const PAGE = 100;

/**
 * The sweep (every minute: an interval locally, an EventBridge schedule in AWS).
 * For each due timer: 1. claim it (conditional: one sweep wins) 2. the handler decides
 * the effects (usually an event into the outbox) 3. effects + the timer's completion in one
 * transaction, conditional on the claim — so each timer fires exactly once, even when
 * sweeps overlap or one dies half-way (its timers come due again after the lease).
 */
export async function sweepTimers(
  deps: BackboneDeps,
  handlers: Readonly<Record<string, TimerHandler>>,
): Promise<SweepResult> {
  const { timers } = deps.store.backbone;
  const result: SweepResult = { fired: 0, contended: 0, failed: 0 };
  const token = deps.newId();
  for (;;) {
    const now = deps.now();
    const due = await timers.due(now, PAGE);
    const firedBefore = result.fired;
    for (const seen of due) {
      const claimed = await timers.claim(seen, token, new Date(now.getTime() + LEASE_MS));
      if (!claimed) {
        result.contended++;
        continue;
      }
      try {
        const handler = handlers[claimed.kind];
        if (!handler) throw new Error(`no handler for timer kind ${claimed.kind}`);
        const outcome = await handler(claimed, deps);
        const done = await timers.complete(claimed, { at: deps.now().toISOString(), ...outcome });
        if (done) result.fired++;
        else result.contended++;
      } catch (error) {
        result.failed++;
        deps.logger.error('timer failed; it comes due again after its lease', {
          timerId: claimed.id,
          kind: claimed.kind,
          error,
        });
      }
    }
    // A full page may hold timers another sweep holds (an index lagging behind its claim): stop when none fired.
    if (due.length < PAGE || result.fired === firedBefore) return result;
  }
}
