import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db, TransactItem } from './db.ts';
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

function timerItem(timer: Timer) {
  return {
    ...keys.timer(timer.id),
    ...keys.timerDue(timer.dueAt, timer.id),
    entity: 'Timer',
    ...timer,
  };
}

/**
 * Timers: one item each, on GSI1 (`TIMERS` / `<dueAt>#<id>`) while pending. A sweep claims a
 * due timer with a conditional update that moves it to the end of a lease (so of two racing
 * sweeps one wins, and a sweep that dies lets the timer come due again), then completes it
 * in one transaction with its effect, conditional on the claim: each timer fires once.
 */
export class TimerRepository {
  constructor(private readonly db: Db) {}

  /** Schedules a timer; the same id re-schedules it (replacing a pending one). */
  schedulePut(timer: Timer): TransactItem {
    return this.db.put(timerItem(timer));
  }

  /** Schedules a timer unless one with this id exists (pending or fired). */
  scheduleOncePut(timer: Timer): TransactItem {
    return this.db.put(timerItem(timer), 'attribute_not_exists(PK)');
  }

  async get(id: string): Promise<(Timer & { firedAt?: string }) | undefined> {
    return (await this.db.get(keys.timer(id))) as (Timer & { firedAt?: string }) | undefined;
  }

  /** Pending timers due at `now` (oldest first), with the index sort key each was seen at. */
  async due(now: Date, limit: number): Promise<{ timer: Timer; seen: string }[]> {
    const out = await this.db.doc.send(
      new QueryCommand({
        TableName: this.db.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :until',
        ExpressionAttributeValues: { ':pk': 'TIMERS', ':until': `${now.toISOString()}#\uffff` },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((item) => ({
      timer: {
        id: item.id,
        kind: item.kind,
        dueAt: item.dueAt,
        subject: item.subject,
        payload: item.payload ?? {},
      },
      seen: item.GSI1SK as string,
    }));
  }

  /**
   * Claims a timer seen on the index: only if it is still where it was seen. The timer moves
   * to `leaseUntil` on the index, so it comes due again if the claimant dies. Null: lost the race.
   */
  async claim(
    seen: { timer: Timer; seen: string },
    token: string,
    leaseUntil: Date,
  ): Promise<ClaimedTimer | null> {
    try {
      await this.db.doc.send(
        new UpdateCommand({
          TableName: this.db.tableName,
          Key: keys.timer(seen.timer.id),
          UpdateExpression: 'SET GSI1SK = :lease, claimToken = :token',
          ConditionExpression: 'GSI1SK = :seen',
          ExpressionAttributeValues: {
            ':lease': `${leaseUntil.toISOString()}#${seen.timer.id}`,
            ':token': token,
            ':seen': seen.seen,
          },
        }),
      );
      return { ...seen.timer, token };
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return null;
      throw error;
    }
  }

  /** Completes a claimed timer: it leaves the index for good (kept a while for inspection). */
  completeUpdate(timer: ClaimedTimer, at: string): TransactItem {
    return {
      Update: {
        TableName: this.db.tableName,
        Key: keys.timer(timer.id),
        UpdateExpression: 'SET firedAt = :at, expiresAt = :ttl REMOVE GSI1PK, GSI1SK, claimToken',
        ConditionExpression: 'claimToken = :token',
        ExpressionAttributeValues: {
          ':at': at,
          ':ttl': Math.floor(Date.parse(at) / 1000) + 30 * 24 * 3600,
          ':token': timer.token,
        },
      },
    };
  }

  /** Completes a claimed timer by moving it to a later due time (a retry), conditional on the claim. */
  rescheduleUpdate(timer: ClaimedTimer, dueAt: string, payload: Record<string, unknown>): TransactItem {
    return {
      Update: {
        TableName: this.db.tableName,
        Key: keys.timer(timer.id),
        UpdateExpression: 'SET dueAt = :due, GSI1SK = :sk, payload = :payload REMOVE claimToken',
        ConditionExpression: 'claimToken = :token',
        ExpressionAttributeValues: {
          ':due': dueAt,
          ':sk': `${dueAt}#${timer.id}`,
          ':payload': payload,
          ':token': timer.token,
        },
      },
    };
  }
}
