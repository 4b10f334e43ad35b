import * as z from 'zod';
import { ConflictError } from '#domain/errors.ts';
import { ROLES } from '#domain/principal.ts';
import type { Db, Item } from './db.ts';
import { keys } from './keys.ts';

/** A local-mode account (in AWS, Cognito holds accounts and the same claims). */
export const UserRecordSchema = z.object({
  userId: z.string(),
  email: z.string(),
  displayName: z.string(),
  passwordHash: z.string(),
  role: z.enum(ROLES),
  uscc: z.string().optional(),
  institutionId: z.string().optional(),
  regionPrefix: z.string().optional(),
});
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

  async getByEmail(email: string): Promise<UserRecord | undefined> {
    const item = await this.db.get(keys.user(email));
    return item && UserRecordSchema.parse(item.data);
  }
}

export function userExists(email: string) {
  return new ConflictError(`账号 ${email} 已存在`, `an account for ${email} already exists`);
}

export function userItem(user: UserRecord): Item {
  return { ...keys.user(user.email), entity: 'User', data: user };
}
