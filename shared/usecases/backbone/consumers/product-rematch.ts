import { PROVINCE_CODES } from '#domain/certified-list.ts';
import { shanghaiDate } from '#domain/dates.ts';
import { buildOpenRequestIndex, compileProduct, rematchProduct, yuanZh } from '#domain/matching/index.ts';
import type { EventOf } from '#events/catalog.ts';
import type { Effect } from '#store/effects.ts';
import { loadActiveCatalog } from '../../catalog.ts';
import type { BackboneDeps, Consumer } from '../context.ts';
import { notify } from '../notify.ts';
import { rematchRequest } from '../rematch-request.ts';

/** Rows read and matched per batch. */
export const REMATCH_BATCH = 2000;
const READ_CONCURRENCY = 16;

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/**
 * ProductPublished → open requests re-matched in batches. The provinces the product serves
 * are read a page at a time, packed into the compiled column index (rematch.ts) and filtered
 * by the product's rules; each hit is re-matched on the whole catalog (its stored matches
 * replaced, so the firm can send to the new product) and its firm is told, with the product
 * and its cost. Idempotent per hit: the notice has a deterministic id.
 */
export async function rematchOpenRequests(
  event: EventOf<'ProductPublished'>,
  deps: BackboneDeps,
): Promise<{ evaluated: number; hits: number; told: number }> {
  const { productId } = event.detail;
  const product = await deps.store.catalog.getProduct(productId);
  if (product?.status !== 'active') return { evaluated: 0, hits: 0, told: 0 };
  const asOf = shanghaiDate(new Date(event.occurredAt));
  const catalog = await loadActiveCatalog(deps.store, deps.now().getTime());
  const scope = product.regionScope ?? [];
  const provinces = scope.length === 0 ? [...PROVINCE_CODES] : [...new Set(scope.map((p) => p.slice(0, 2)))];
  let evaluated = 0;
  let hits = 0;
  let told = 0;
  for (const province of provinces) {
    let cursor: string | undefined;
    do {
      const page = await deps.store.backbone.openRequests.page(province, cursor, REMATCH_BATCH);
      cursor = page.cursor;
      if (page.items.length === 0) continue;
      const index = buildOpenRequestIndex(
        page.items.map((e) => e.row),
        asOf,
      );
      const result = rematchProduct(compileProduct(product, index.interner), index, asOf);
      evaluated += result.evaluated;
      hits += result.requestIds.length;
      const groups = await mapLimit(result.requestIds, READ_CONCURRENCY, async (requestId) => {
        const record = await deps.store.requests.get(requestId);
        if (record?.status !== 'open') return null;
        const [firm, before, lostBefore] = await Promise.all([
          deps.store.firms.get(record.uscc),
          deps.store.requests.getMatches(requestId),
          deps.store.requests.lostProducts(requestId),
        ]);
        if (!firm || before?.matches.some((m) => m.productId === productId)) return null;
        const cause = { zh: '产品目录更新', en: 'the catalog changed' };
        const { after, lostProducts } = rematchRequest(
          { firm, record, before, lostBefore, catalog, asOf },
          cause,
        );
        const fit = after.matches.find((m) => m.productId === productId);
        if (!fit) return null;
        const rate = (fit.cost.effectiveAnnualRateBp / 100).toFixed(2);
        const effects: Effect[] = [
          { kind: 'matches', requestId, matches: after, lostProducts },
          notify(event, `firm:${record.uscc}`, {
            kind: `new-fit:${requestId}`,
            title: {
              zh: `新产品适合您的需求：${fit.name.zh}`,
              en: `A new product fits your request: ${fit.name.en}`,
            },
            body: {
              zh: `${fit.institutionName.zh}「${fit.name.zh}」：${yuanZh(fit.cost.amountYuan)}，${fit.cost.termMonths} 个月，综合年化成本约 ${rate}%（净成本 ${yuanZh(fit.cost.netCostYuan)}）。`,
              en: `${fit.institutionName.en} “${fit.name.en}”: CNY ${fit.cost.amountYuan} over ${fit.cost.termMonths} months, effective annual cost about ${rate}% (net CNY ${fit.cost.netCostYuan}).`,
            },
            link: `/firm/requests/${encodeURIComponent(requestId)}`,
          }),
        ];
        return effects;
      });
      told += await deps.store.backbone.ledger.applyGroups(groups.filter((g): g is Effect[] => g !== null));
    } while (cursor);
  }
  deps.logger.info('re-matched open requests', { productId, evaluated, hits, told });
  return { evaluated, hits, told };
}

export const productRematch: Consumer = {
  name: 'product-rematch',
  async handle(event, deps) {
    if (event.type !== 'ProductPublished') return [];
    await rematchOpenRequests(event, deps);
    return [];
  },
};
