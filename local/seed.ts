import { type Firm, FirmSchema } from '#domain/firm.ts';
import { loadCatalog } from '#shared/catalog/index.ts';
import type { Store } from '#store/index.ts';
import type { UserRecord } from '#store/users.ts';
import { hashPassword } from '#usecases/passwords.ts';
import { DEMO_FIRMS, DEMO_PASSWORD, DEMO_USERS } from './demo-data.ts';

/**
 * Seeds the catalog's institutions and products (validated at load). Idempotent: rows are
 * written under fixed ids, so re-running rewrites the same rows and never duplicates.
 */
export async function seedCatalog(store: Store, now: Date) {
  const at = now.toISOString();
  const catalog = loadCatalog();
  // Independent rows: written side by side (start-up time is mostly round trips).
  await Promise.all(catalog.institutions.map((institution) => store.catalog.putInstitution(institution, at)));
  await Promise.all(catalog.products.map((product) => store.catalog.seedProduct(product, at)));
  return { institutions: catalog.institutions.length, products: catalog.products.length };
}

/** One demo officer per institution: officer@<institution-id>.demo. */
export function demoOfficers(institutionIds: string[]): Omit<UserRecord, 'passwordHash'>[] {
  return institutionIds.map((id) => ({
    userId: `demo-officer-${id}`,
    email: `officer@${id}.demo`,
    displayName: `${id} 客户经理`,
    role: 'officer',
    institutionId: id,
  }));
}

/**
 * `npm start` seeding: catalog, demo firms (only when missing, so edits made through the
 * app survive restarts) and demo accounts (password: DEMO_PASSWORD).
 */
export async function seedDemoData(store: Store, now: Date) {
  const at = now.toISOString();
  const catalog = await seedCatalog(store, now);
  let firms = 0;
  for (const input of DEMO_FIRMS) {
    const firm: Firm = FirmSchema.parse(input);
    if (!(await store.firms.get(firm.uscc))) {
      await store.firms.upsert(firm, at);
      firms++;
    }
  }
  const institutions = await store.catalog.listInstitutions();
  const users = [...DEMO_USERS, ...demoOfficers(institutions.map((i) => i.id))];
  // One scrypt run (it is deliberately slow), and only when some demo account is new.
  let passwordHash: Promise<string> | undefined;
  await Promise.all(
    users.map(async (user) => {
      const existing = await store.users.getByEmail(user.email);
      passwordHash ??= existing ? undefined : hashPassword(DEMO_PASSWORD);
      await store.users.upsert({ ...user, passwordHash: existing?.passwordHash ?? (await passwordHash!) });
    }),
  );
  return { ...catalog, newFirms: firms, users: users.length };
}
