import { createHash } from 'node:crypto';
import { EMPTY_THROTTLE, type ThrottleState, ThrottleStateSchema } from '#domain/sign-in-throttle.ts';
import type { Db } from './db.ts';
import { keys } from './keys.ts';
import { documents, dynamodb } from './sdk.ts';

/** E-mail addresses are stored hashed here: the throttle also counts addresses nobody registered. */
function emailKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
}

/**
 * Local sign-in's session state: revoked tokens (by jti, until they would have expired)
 * and the per-address failure counters of the sign-in throttle.
 */
export class SessionRepository {
  constructor(private readonly db: Db) {}

  /** Records a signed-out token; the verifier refuses it from now on. `expiresAt` in epoch seconds. */
  async revoke(jti: string, expiresAt: number, at: string): Promise<void> {
    await this.db.putItem({ ...keys.revokedSession(jti), entity: 'RevokedSession', at, expiresAt });
  }

  async isRevoked(jti: string): Promise<boolean> {
    return (await this.db.get(keys.revokedSession(jti))) !== undefined;
  }

  /** The throttle state of an address, with the version to write it back at. */
  async throttle(email: string): Promise<{ state: ThrottleState; version: number }> {
    const item = await this.db.get(keys.signInThrottle(emailKey(email)));
    if (!item) return { state: EMPTY_THROTTLE, version: 0 };
    const parsed = ThrottleStateSchema.safeParse(item.data);
    return { state: parsed.success ? parsed.data : EMPTY_THROTTLE, version: Number(item.version) || 0 };
  }

  /**
   * Writes the throttle state if nobody else did since it was read at `version`; false when
   * another attempt won (the caller re-reads and tries again). `expiresAtMs` feeds the TTL.
   */
  async saveThrottle(email: string, state: ThrottleState, version: number, expiresAtMs: number) {
    try {
      await this.db.doc.send(
        new documents.PutCommand({
          TableName: this.db.tableName,
          Item: {
            ...keys.signInThrottle(emailKey(email)),
            entity: 'SignInThrottle',
            version: version + 1,
            data: state,
            expiresAt: Math.ceil(expiresAtMs / 1000),
          },
          ConditionExpression: version === 0 ? 'attribute_not_exists(PK)' : 'version = :v',
          ExpressionAttributeValues: version === 0 ? undefined : { ':v': version },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof dynamodb.ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** Forgets an address's failures (after a successful sign-in). */
  async clearThrottle(email: string, version: number, nowMs: number): Promise<void> {
    if (version === 0) return;
    await this.saveThrottle(email, EMPTY_THROTTLE, version, nowMs);
  }
}
