import { randomUUID } from 'node:crypto';
import { type CertifiedListMetaInput, CertifiedListMetaSchema } from '#domain/certified-list.ts';
import { type Firm, FirmSchema } from '#domain/firm.ts';
import { loadCatalog } from '#shared/catalog/index.ts';
import type { Store } from '#store/index.ts';
import type { UserRecord } from '#store/users.ts';
import { importCertifiedList } from '#usecases/certified-list-import.ts';
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
 * The certified lists behind the demo firms' certificates, imported as an operator would
 * (one list per authority, tier/label, level and date), so the demo firms' certificates are
 * verified and policy products match them. Re-running is a no-op (same content, same version).
 */
export async function seedDemoCertifiedLists(
  store: Store,
  now: Date,
  firms: readonly Firm[] = DEMO_FIRMS.map((f) => FirmSchema.parse(f)),
) {
  const lists = new Map<string, { meta: CertifiedListMetaInput; rows: string[] }>();
  for (const firm of firms)
    for (const c of firm.certifications) {
      const area = c.level === 'municipal' ? firm.regionCode.slice(0, 4) : firm.regionCode.slice(0, 2);
      const authorityRegion = area.startsWith('50') ? '50' : area;
      const meta: CertifiedListMetaInput = {
        authority: c.authority,
        authorityRegion,
        ...('tier' in c ? { tier: c.tier } : { label: c.label }),
        level: c.level,
        // One demo batch per firm: adding a firm later never rewrites another firm's list.
        batch: `${c.issuedOn.slice(0, 4)}年（演示 ${firm.uscc.slice(-6)}）`,
        listedOn: c.issuedOn,
      };
      const key = JSON.stringify(meta);
      const list = lists.get(key) ?? { meta, rows: [] };
      list.rows.push(`${firm.uscc},${firm.name}`);
      lists.set(key, list);
    }
  const deps = { store, now: () => now, newId: () => randomUUID() };
  for (const { meta, rows } of lists.values()) {
    const parsed = CertifiedListMetaSchema.parse(meta);
    const csv = new TextEncoder().encode(['统一社会信用代码,企业名称', ...rows].join('\n'));
    await importCertifiedList(
      deps,
      { role: 'operator', userId: 'seed', regionPrefix: parsed.authorityRegion },
      parsed,
      csv,
    );
  }
  return lists.size;
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
  await seedDemoCertifiedLists(store, now);
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
  // Each demo operator is its region's default service specialist (missed deadlines escalate to them).
  for (const user of DEMO_USERS) {
    if (user.role !== 'operator' || !user.regionPrefix) continue;
    await store.backbone.escalations.setRegionSpecialist({
      regionPrefix: user.regionPrefix,
      userId: user.userId,
      name: user.displayName,
    });
  }
  return { ...catalog, newFirms: firms, users: users.length };
}
