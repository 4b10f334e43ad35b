import { type Firm, FirmSchema } from '#domain/firm.ts';
import type { Store } from '#store/index.ts';
import { hashPassword } from '#usecases/passwords.ts';
import { DEMO_FIRMS, DEMO_PASSWORD, DEMO_USERS } from './demo-data.ts';

/**
 * Seeds the demo institutions, products, firms and accounts. Idempotent: rows are
 * written under fixed ids, so re-running (every `npm start`) rewrites the same rows and
 * never duplicates — firms registered through the API are left untouched.
 */
export async function seedDemoData(store: Store, now: Date) {
  const at = now.toISOString();
  let firms = 0;
  for (const input of DEMO_FIRMS) {
    const firm: Firm = FirmSchema.parse(input);
    // Only when missing: a demo firm edited through the app keeps its edits across restarts.
    if (!(await store.firms.get(firm.uscc))) await store.firms.upsert(firm, at);
    firms++;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    const existing = await store.users.getByEmail(user.email);
    await store.users.upsert({ ...user, passwordHash: existing?.passwordHash ?? passwordHash });
  }
  return { firms, users: DEMO_USERS.length };
}
