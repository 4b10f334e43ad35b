import type { Db, Item } from './db.ts';
import { type Effect, effectItems } from './effects.ts';
import { keys } from './keys.ts';

/** What fires when: lead deadlines, certificate expiry, webhook retries (docs/events.md). */
export interface Timer {
  id: string;
  kind: string;
  /** ISO instant (UTC) at or after which the timer fires. */
  dueAt: string;
  /** The object it is about (a lead, a firm, a delivery). */
  subject: string;
  payload: Record<string, unknown>;
}

/** A timer a sweep holds: `token` proves the claim when the sweep completes it. */
export interface ClaimedTimer extends Timer {
  token: string;
}

/** A pending timer as the index showed it (the claim is conditional on that sort key). */
export interface DueTimer {
  timer: Timer;
  seen: string;
}

export function timerItem(timer: Timer): Item {
  return { ...keys.timer(timer.id), ...keys.timerDue(timer.dueAt, timer.id), entity: 'Timer', ...timer };
}

const toTimer = (item: Item): Timer => ({
  id: item.id as string,
  kind: item.kind as string,
  dueAt: item.dueAt as string,
  subject: item.subject as string,
  payload: (item.payload as Record<string, unknown>) ?? {},
});

/** Fired timers are kept a month for inspection. */
const FIRED_TTL_SECONDS = 30 * 24 * 3600;

/**
 * Timers: one item each, on GSI1 (`TIMERS` / `<dueAt>#<id>`) while pending. A sweep claims a
 * due timer with a conditional update that moves it to the end of a lease (so of two racing
 * sweeps one wins, and a sweep that dies lets the timer come due again), then completes it
 * in one transaction with its effects, conditional on the claim: each timer fires once.
 */
export class TimerRepository {
  constructor(private readonly db: Db) {}

  async get(id: string): Promise<(Timer & { firedAt?: string }) | undefined> {
    const item = await this.db.get(keys.timer(id));
    return item && { ...toTimer(item), ...(item.firedAt ? { firedAt: item.firedAt as string } : {}) };
  }

  /** Pending timers due at `now`, oldest first. */
  async due(now: Date, limit: number): Promise<DueTimer[]> {
    const page = await this.db.query({
      index: 'GSI1',
      pk: keys.timerDue('', '').GSI1PK,
      skAtMost: `${now.toISOString()}#\uffff`,
      limit,
    });
    return page.items.map((item) => ({ timer: toTimer(item), seen: item.GSI1SK as string }));
  }

  /**
   * Claims a timer seen on the index, only if it is still where it was seen. It moves to
   * `leaseUntil` on the index, so it comes due again if the claimant dies. Null: lost the race.
   */
  async claim(due: DueTimer, token: string, leaseUntil: Date): Promise<ClaimedTimer | null> {
    const claimed = await this.db.updateIf(keys.timer(due.timer.id), {
      set: 'SET GSI1SK = :lease, claimToken = :token',
      condition: 'GSI1SK = :seen',
      values: { ':lease': `${leaseUntil.toISOString()}#${due.timer.id}`, ':token': token, ':seen': due.seen },
    });
    return claimed ? { ...due.timer, token } : null;
  }

  /**
   * Completes a claimed timer with its effects, in one transaction conditional on the claim:
   * retired for good (`retryAt` unset) or moved to its next due time. False: the claim was lost.
   */
  async complete(
    timer: ClaimedTimer,
    outcome: { at: string; effects: readonly Effect[]; retryAt?: string; payload?: Record<string, unknown> },
  ): Promise<boolean> {
    const finish = outcome.retryAt
      ? {
          Update: {
            TableName: this.db.tableName,
            Key: keys.timer(timer.id),
            UpdateExpression: 'SET dueAt = :due, GSI1SK = :sk, payload = :payload REMOVE claimToken',
            ConditionExpression: 'claimToken = :token',
            ExpressionAttributeValues: {
              ':due': outcome.retryAt,
              ':sk': keys.timerDue(outcome.retryAt, timer.id).GSI1SK,
              ':payload': outcome.payload ?? timer.payload,
              ':token': timer.token,
            },
          },
        }
      : {
          Update: {
            TableName: this.db.tableName,
            Key: keys.timer(timer.id),
            UpdateExpression: 'SET firedAt = :at, expiresAt = :ttl REMOVE GSI1PK, GSI1SK, claimToken',
            ConditionExpression: 'claimToken = :token',
            ExpressionAttributeValues: {
              ':at': outcome.at,
              ':ttl': Math.floor(Date.parse(outcome.at) / 1000) + FIRED_TTL_SECONDS,
              ':token': timer.token,
            },
          },
        };
    const result = await this.db.transactOrCancelled([
      finish,
      ...outcome.effects.flatMap((e) => effectItems(this.db, e)),
    ]);
    if (result.written) return true;
    if (result.codes[0] === 'ConditionalCheckFailed') return false;
    throw new Error(`timer ${timer.id}: a condition of its effects failed (${result.codes.join(', ')})`);
  }
}
