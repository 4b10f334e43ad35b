import type { Institution } from '../institution.ts';
import type { Product } from '../product.ts';
import { IndexDraft } from './bitmap.ts';
import {
  assembleCatalog,
  type CompiledCatalog,
  type CompiledProduct,
  columnNeeds,
  compileProduct,
  type Numbering,
  resizedColumns,
  writeProduct,
} from './compile.ts';

/** A change to a compiled catalog: products added or replaced (by id), products retired. */
export interface CatalogChange {
  put?: readonly Product[];
  /** Ids of products taken out of the catalog. */
  retire?: readonly string[];
  /** Institutions added or replaced (so new products are named). */
  institutions?: readonly Institution[];
}

/**
 * Publishes a change into a compiled catalog without recompiling it: the changed products
 * are compiled alone, their columns written (a new product after the others, a changed one
 * in place with its ops appended), and their positions inserted into or removed from the
 * region segments of the bitmap index. Copy-on-write: every array is copied first, so the
 * catalog passed in (which a match in flight may hold) is never modified, and the result
 * answers exactly as compileCatalog on the changed product list would.
 *
 * Catalog order (which breaks ties between unlock groups): a changed product keeps its
 * place, a new one goes to its place in id order when the catalog is in id order (as the
 * store lists products), else last.
 */
export function publishToCatalog(cc: CompiledCatalog, change: CatalogChange): CompiledCatalog {
  const numbering: Numbering = {
    interner: cc.interner.clone(),
    keyIds: new Map(cc.numbering.keyIds),
    entClassIds: new Map(cc.numbering.entClassIds),
    slotIds: new Map(cc.numbering.slotIds),
  };
  const puts = (change.put ?? []).map((p) => compileProduct(p, numbering.interner));
  const fresh = new Set(puts.filter((c) => !cc.indexById.has(c.product.id)).map((c) => c.product.id));
  let ops = cc.opCount;
  let pairs = cc.pairCount;
  let prefs = cc.prefCount;
  for (const c of puts) {
    const need = columnNeeds(c);
    ops += need.ops;
    pairs += need.pairs;
    prefs += need.prefs;
  }
  const slots = cc.compiled.length + fresh.size;
  // Appending past what cc uses is invisible to cc; only one version may do it, once.
  const appendOps = cc.tail.open;
  cc.tail.open = false;
  const inPlace = appendOps && fresh.size === puts.length && !(change.retire ?? []).length;
  const cols = resizedColumns(cc, slots, ops, pairs, prefs, inPlace, appendOps);
  const compiled: CompiledProduct[] = [...cc.compiled];
  const live = new Uint8Array(slots);
  live.set(cc.live);
  const order = [...cc.order];
  const indexById = cc.indexById.edit();
  const idRank = new Int32Array(slots);
  idRank.set(cc.idRank);
  const index = new IndexDraft(cc.bitmap);
  const seq = new Int32Array(slots).fill(-1);
  seq.set(cc.seq);
  const renumber = () => {
    order.forEach((i, k) => {
      seq[i] = k;
    });
  };

  /** The segments product i sits in (active products only), and its place in each. */
  const takeOut = (i: number) => {
    const c = compiled[i]!;
    if (c.product.status !== 'active') return;
    for (const prefix of c.region) {
      const list = index.products(prefix);
      const q = list.indexOf(i);
      if (q >= 0) index.remove(prefix, q);
    }
  };
  const putIn = (i: number) => {
    const c = compiled[i]!;
    if (c.product.status !== 'active') return;
    for (const prefix of c.region) {
      const list = index.products(prefix);
      let q = 0;
      while (q < list.length && seq[list[q]!]! < seq[i]!) q++;
      index.insert(prefix, q, i, cols);
    }
  };

  for (const id of change.retire ?? []) {
    const i = indexById.get(id);
    if (i === undefined) continue;
    takeOut(i);
    live[i] = 0;
    const r = idRank[i]!;
    for (const j of order) if (idRank[j]! > r) idRank[j]!--;
    idRank[i] = -1;
    order.splice(order.indexOf(i), 1);
    indexById.delete(id);
    seq[i] = -1;
    renumber();
  }

  let next = cc.compiled.length;
  for (const c of puts) {
    const id = c.product.id;
    let i = indexById.get(id);
    if (i !== undefined) {
      takeOut(i);
      compiled[i] = c;
      writeProduct(cols, i, c, numbering);
    } else {
      i = next++;
      compiled[i] = c;
      writeProduct(cols, i, c, numbering);
      live[i] = 1;
      indexById.set(id, i);
      // Its rank among the ids (binary search in id order), and its place in catalog order.
      const byId = new Int32Array(order.length);
      for (const j of order) byId[idRank[j]!] = j;
      let lo = 0;
      let hi = byId.length;
      while (lo < hi) {
        const m = (lo + hi) >>> 1;
        if (compiled[byId[m]!]!.product.id < id) lo = m + 1;
        else hi = m;
      }
      for (const j of order) if (idRank[j]! >= lo) idRank[j]!++;
      idRank[i] = lo;
      const place = cc.idOrdered ? lo : order.length;
      order.splice(place, 0, i);
      renumber();
    }
    putIn(i);
  }

  const institutions = new Map(cc.institutions);
  for (const x of change.institutions ?? []) institutions.set(x.id, x);
  return assembleCatalog({
    cols,
    compiled,
    live,
    order: Int32Array.from(order),
    indexById,
    idRank,
    numbering,
    bitmap: index.finish(),
    stackers: Int32Array.from(
      new Set([
        ...Array.from(cc.stackers).filter((i) => live[i]),
        ...puts.filter((c) => c.product.stacksWith.length).map((c) => indexById.get(c.product.id)!),
      ]),
    ),
    idOrdered: cc.idOrdered,
    scratch: cc.scratch,
    institutions,
    benefits: cc.benefits,
    pricing: cc.pricing,
  });
}
