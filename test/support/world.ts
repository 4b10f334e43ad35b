import { type FirmInput, FirmSchema } from '#domain/firm.ts';
import type { Principal } from '#domain/principal.ts';
import type { Store } from '#store/index.ts';
import { seedCatalog } from '../../local/seed.ts';
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
    async addFirm(input: FirmInput) {
      const firm = FirmSchema.parse(input);
      await store.firms.upsert(firm, '2026-11-01T00:00:00Z');
      return firm;
    },
    token: (p: Principal, expiresInSeconds?: number) => tokenFor(p, expiresInSeconds),
  };
}

export type World = Awaited<ReturnType<typeof createWorld>>;
export type { Store };
