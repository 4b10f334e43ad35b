import type { OpenRequestRow } from '#domain/matching/index.ts';
import type { Db, Item } from './db.ts';
import { keys } from './keys.ts';

/** An open request's re-matching row, with who to tell when a new product fits it. */
export interface OpenRequestEntry {
  row: OpenRequestRow;
  uscc: string;
}

export function openRequestItem(entry: OpenRequestEntry): Item {
  return {
    ...keys.openRequest(entry.row.id),
    ...keys.openRequestByProvince(entry.row.regionCode, entry.row.id),
    entity: 'OpenRequest',
    data: entry,
  };
}

/**
 * Open requests normalised for re-matching, one row beside each request and on GSI1 by
 * province, so a product of one region reads only its own provinces' rows, a page at a time.
 */
export class OpenRequestRepository {
  constructor(private readonly db: Db) {}

  /** One page of a province's open requests. */
  async page(province: string, cursor: string | undefined, limit: number) {
    const page = await this.db.query({
      index: 'GSI1',
      pk: keys.openRequestByProvince(province, '').GSI1PK,
      cursor,
      limit,
    });
    return { items: page.items.map((i) => i.data as OpenRequestEntry), cursor: page.cursor };
  }
}
