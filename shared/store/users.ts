import * as z from 'zod';
import { ConflictError } from '#domain/errors.ts';
import { lazySchema } from '#domain/lazy-schema.ts';
import { ROLES } from '#domain/principal.ts';
import type { Db, Item } from './db.ts';
import { keys } from './keys.ts';
import { documents, dynamodb } from './sdk.ts';

/** A local-mode account (in AWS, Cognito holds accounts and the same claims). */
export const UserRecordSchema = lazySchema(() =>
  z.object({
    userId: z.string(),
    email: z.string(),
    displayName: z.string(),
    passwordHash: z.string(),
    role: z.enum(ROLES),
    uscc: z.string().optional(),
    institutionId: z.string().optional(),
    regionPrefix: z.string().optional(),
  }),
);
export type UserRecord = z.infer<typeof UserRecordSchema>;

export class UserRepository {
  constructor(private readonly db: Db) {}

  async create(user: UserRecord): Promise<void> {
    await this.db.transact([this.db.put(userItem(user), 'attribute_not_exists(PK)')], () =>
      userExists(user.email),
    );
  }

  /** Seeding: create or overwrite. */
  async upsert(user: UserRecord): Promise<void> {
    await this.db.putItem(userItem(user));
  }

  /**
   * Re-hashes a password with stronger parameters, only if the stored hash is still the one
   * that was checked (a concurrent password change wins). False when it was not replaced.
   */
  async replacePasswordHash(email: string, before: string, after: string): Promise<boolean> {
    try {
      await this.db.doc.send(
        new documents.UpdateCommand({
          TableName: this.db.tableName,
          Key: keys.user(email),
          UpdateExpression: 'SET #data.passwordHash = :after',
          ConditionExpression: '#data.passwordHash = :before',
          ExpressionAttributeNames: { '#data': 'data' },
          ExpressionAttributeValues: { ':before': before, ':after': after },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof dynamodb.ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async getByEmail(email: string): Promise<UserRecord | undefined> {
    const item = await this.db.get(keys.user(email));
    return item && UserRecordSchema.parse(item.data);
  }
}

/** The e-mail of a new account is taken. Internal: callers never tell the registrant so. */
export class EmailTakenError extends ConflictError {}

export function userExists(email: string) {
  return new EmailTakenError(`账号 ${email} 已存在`, `an account for ${email} already exists`);
}

export function userItem(user: UserRecord): Item {
  return { ...keys.user(user.email), entity: 'User', data: user };
}
