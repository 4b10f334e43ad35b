import { PROVINCE_CODES } from '#domain/certified-list.ts';
import { shanghaiDate } from '#domain/dates.ts';
import {
  buildOpenRequestIndex,
  compileProduct,
  publishToCatalog,
  rematchProduct,
  yuanZh,
} from '#domain/matching/index.ts';
import { type Product, ProductSchema } from '#domain/product.ts';
import type { EventOf } from '#events/catalog.ts';
import type { Effect } from '#store/effects.ts';
import type { OpenRequestEntry } from '#store/open-requests.ts';
import { loadActiveCatalog } from '../../catalog.ts';
import type { BackboneDeps, Consumer } from '../context.ts';
import { notify } from '../notify.ts';
import { rematchRequest } from '../rematch-request.ts';

/** Rows read and matched per batch. */
export const REMATCH_BATCH = 2000;
const READ_CONCURRENCY = 16;
const PROVINCE_CONCURRENCY = 4;

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

type ProductEvent = EventOf<'ProductPublished'> | EventOf<'ProductChanged'> | EventOf<'ProductRetired'>;

const PRODUCT_EVENTS = new Set(['ProductPublished', 'ProductChanged', 'ProductRetired']);

/** The part of the change the scan needs: the rules now (none when retired) and the rules before. */
function changeOf(event: ProductEvent, stored: Product | undefined) {
  if (!stored) return undefined;
  switch (event.type) {
    case 'ProductPublished':
      return stored.status === 'active' ? { now: stored, before: undefined } : undefined;
    case 'ProductChanged':
      // Retired since: its own event re-matches.
      return stored.status === 'active'
        ? { now: stored, before: ProductSchema.parse(event.detail.previous) }
        : undefined;
    case 'ProductRetired':
      // Approved again since: ProductPublished re-matches. Retiring leaves its rules as they were.
      // (Scanned as it was live: the index skips products that are not.)
      return stored.status === 'active'
        ? undefined
        : { now: undefined, before: { ...stored, status: 'active' as const } };
  }
}

function provincesOf(products: readonly Product[]): string[] {
  if (products.some((p) => (p.regionScope ?? []).length === 0)) return [...PROVINCE_CODES];
  return [...new Set(products.flatMap((p) => p.regionScope.map((r) => r.slice(0, 2))))];
}

/**
 * A product published, amended or retired → open requests re-matched in batches. The provinces
 * the product serves (before and after) are read a page at a time, packed into the compiled
 * column index (rematch.ts) and filtered by the product's rules — the new ones find requests that
 * may gain it, the old ones (an amendment, a retirement) those that may lose it. Each candidate is
 * re-matched on the whole catalog (the change applied to it even when this process's copy is
 * older) and its stored matches replaced: a gained product is told to the firm with its cost; a
 * lost one is flagged on the request for institutions it was not sent to (so no new lead goes to
 * it) and told to the firm, a lead already sent keeping its course with the institution.
 * Idempotent per request: a rerun finds the matches already replaced; notices have deterministic ids.
 */
export async function rematchOpenRequests(
  event: ProductEvent,
  deps: BackboneDeps,
): Promise<{ evaluated: number; hits: number; told: number }> {
  const { productId } = event.detail;
  const change = changeOf(event, await deps.store.catalog.getProduct(productId));
  if (!change) return { evaluated: 0, hits: 0, told: 0 };
  const asOf = shanghaiDate(new Date(event.occurredAt));
  const loaded = await loadActiveCatalog(deps.store, deps.now().getTime());
  const catalog = change.now
    ? publishToCatalog(loaded, { put: [change.now] })
    : publishToCatalog(loaded, { retire: [productId] });
  const rules = [change.now, change.before].filter((p): p is Product => !!p);
  const retired = event.type === 'ProductRetired';
  const cause = retired
    ? event.detail.action === 'suspend'
      ? { zh: '产品已暂停受理', en: 'the product was suspended' }
      : { zh: '产品已下架', en: 'the product was retired' }
    : event.type === 'ProductChanged'
      ? { zh: '产品条件已调整', en: 'the product’s terms changed' }
      : { zh: '产品目录更新', en: 'the catalog changed' };
  let evaluated = 0;
  let hits = 0;
  let told = 0;
  const processPage = async (items: OpenRequestEntry[]) => {
    if (items.length === 0) return;
    const index = buildOpenRequestIndex(
      items.map((e) => e.row),
      asOf,
    );
    const scan = (p: Product) => rematchProduct(compileProduct(p, index.interner), index, asOf);
    const gaining = change.now ? scan(change.now) : undefined;
    const losing = change.before ? scan(change.before) : undefined;
    evaluated += (gaining ?? losing)?.evaluated ?? 0;
    const mayGain = new Set(gaining?.requestIds ?? []);
    const candidates = [...new Set([...mayGain, ...(losing?.requestIds ?? [])])];
    hits += candidates.length;
    const groups = await mapLimit(candidates, READ_CONCURRENCY, async (requestId) => {
      const record = await deps.store.requests.get(requestId);
      if (record?.status !== 'open') return null;
      const [firm, before, lostBefore] = await Promise.all([
        deps.store.firms.get(record.uscc),
        deps.store.requests.getMatches(requestId),
        deps.store.requests.lostProducts(requestId),
      ]);
      const had = before?.matches.find((m) => m.productId === productId);
      if (!firm) return null;
      // Published: only news matters. Amended or retired: only requests that had it, or may gain it.
      if (event.type === 'ProductPublished' && had) return null;
      if (!had && !mayGain.has(requestId)) return null;
      const { after, lostProducts } = rematchRequest(
        { firm, record, before, lostBefore, catalog, asOf },
        cause,
      );
      const fit = after.matches.find((m) => m.productId === productId);
      if (!had && !fit) return null;
      const effects: Effect[] = [{ kind: 'matches', requestId, matches: after, lostProducts }];
      const link = `/firm/requests/${encodeURIComponent(requestId)}`;
      if (fit && !had) {
        const rate = (fit.cost.effectiveAnnualRateBp / 100).toFixed(2);
        effects.push(
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
            link,
          }),
        );
      } else if (had && !fit) {
        const sent = record.sentTo.includes(had.institutionId);
        effects.push(
          notify(event, `firm:${record.uscc}`, {
            kind: `lost-fit:${requestId}`,
            title: {
              zh: `产品不再适用：${had.name.zh}`,
              en: `A product no longer fits: ${had.name.en}`,
            },
            body: {
              zh: `${had.institutionName.zh}「${had.name.zh}」：${cause.zh}，已从您的匹配结果中移除。${sent ? '您已发给该机构的线索不受影响，机构仍可继续处理。' : ''}`,
              en: `${had.institutionName.en} “${had.name.en}”: ${cause.en}; it was taken out of your matches.${sent ? ' The lead you sent to this institution keeps its course.' : ''}`,
            },
            link,
          }),
        );
      }
      return effects;
    });
    // (Read the count before adding: pages of other provinces add to it meanwhile.)
    const toldHere = await deps.store.backbone.ledger.applyGroups(
      groups.filter((g): g is Effect[] => g !== null && g.length > 1),
    );
    told += toldHere;
    // Requests whose terms changed but that keep the product: matches replaced, nobody told.
    await deps.store.backbone.ledger.applyGroups(
      groups.filter((g): g is Effect[] => g !== null && g.length === 1),
    );
  };
  // Provinces side by side; within one, the next page is read while this one is matched.
  await mapLimit(provincesOf(rules), PROVINCE_CONCURRENCY, async (province) => {
    let next = deps.store.backbone.openRequests.page(province, undefined, REMATCH_BATCH);
    for (;;) {
      const page = await next;
      if (page.cursor) next = deps.store.backbone.openRequests.page(province, page.cursor, REMATCH_BATCH);
      await processPage(page.items);
      if (!page.cursor) return;
    }
  });
  deps.logger.info('re-matched open requests', { productId, type: event.type, evaluated, hits, told });
  return { evaluated, hits, told };
}

export const productRematch: Consumer = {
  name: 'product-rematch',
  async handle(event, deps) {
    if (!PRODUCT_EVENTS.has(event.type)) return [];
    await rematchOpenRequests(event as ProductEvent, deps);
    return [];
  },
};
