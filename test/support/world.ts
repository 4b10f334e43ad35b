import { type FirmInput, FirmSchema } from '#domain/firm.ts';
import type { Principal } from '#domain/principal.ts';
import type { Store } from '#store/index.ts';
import { seedCatalog, seedDemoCertifiedLists } from '../../local/seed.ts';
import { createTestApp, tokenFor } from './app.ts';
import { createTestStore } from './store.ts';

/** A seeded world for workflow tests: real table, real catalog, the real app. */
export async function createWorld() {
  const { store, drop } = await createTestStore();
  await seedCatalog(store, new Date('2026-11-01T00:00:00Z'));
  const { app, deps } = createTestApp(store);
  return {
    store,
    app,
    deps,
    drop,
    /**
     * A registered firm. Its certificates are put on imported certified lists too (as an
     * operator would), so policy products see them verified; `listed: false` leaves them
     * self-declared.
     */
    async addFirm(input: FirmInput, options: { listed?: boolean } = {}) {
      const firm = FirmSchema.parse(input);
      await store.firms.upsert(firm, '2026-11-01T00:00:00Z');
      if (options.listed !== false)
        await seedDemoCertifiedLists(store, new Date('2026-11-01T00:00:00Z'), [firm]);
      return firm;
    },
    token: (p: Principal, expiresInSeconds?: number, issuedAt?: Date) =>
      tokenFor(p, expiresInSeconds, issuedAt),
  };
}

export type World = Awaited<ReturnType<typeof createWorld>>;
export type { Store };
