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

/** Provinces (first two digits of GB/T 2260): a nationwide product reads every one's open requests. */
export const PROVINCES = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
] as const;
