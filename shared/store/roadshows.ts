import type { EquityLeadRecord } from '#domain/equity/lead.ts';
import { ConflictError, NotFoundError } from '#domain/errors.ts';
import {
  type IntentCard,
  IntentCardSchema,
  type RoadshowRecord,
  RoadshowRecordSchema,
  type SeatRecord,
  SeatRecordSchema,
  type SlotRecord,
  SlotRecordSchema,
} from '#domain/roadshow/roadshow.ts';
import type { EventOf } from '#events/catalog.ts';
import type { Db, Item } from './db.ts';
import { newEquityLeadPut, withinRegion } from './equity.ts';
import { keys, SK_PREFIX } from './keys.ts';
import { outboxPut } from './outbox.ts';

export const roadshowNotFound = (id: string) =>
  new NotFoundError(`未找到路演 ${id}`, `roadshow ${id} not found`);
export const roadshowChanged = (id: string) =>
  new ConflictError(
    '路演已被他人更新，请刷新后重试',
    `roadshow ${id} was changed at the same time; reload and retry`,
  );

const parseRoadshow = (item: Item) => RoadshowRecordSchema.parse(item.data);
const parseSlot = (item: Item) => SlotRecordSchema.parse(item.data);
const parseSeat = (item: Item) => SeatRecordSchema.parse(item.data);

function roadshowItem(r: RoadshowRecord): Item {
  return {
    ...keys.roadshow(r.id),
    ...(r.status === 'published' ? keys.roadshowListing(r.sessions[0]!.startsAt, r.id) : {}),
    ...keys.roadshowByRegion(r.regionPrefix, r.createdAt, r.id),
    entity: 'Roadshow',
    status: r.status,
    version: r.version,
    regionCode: r.regionPrefix,
    data: r,
  };
}

export function slotItem(s: SlotRecord): Item {
  return {
    ...keys.roadshowSlot(s.roadshowId, s.sessionId, s.slot),
    ...(s.uscc ? keys.slotByFirm(s.uscc, s.startsAt, s.roadshowId) : {}),
    entity: 'RoadshowSlot',
    version: s.version,
    holder: s.requestId,
    data: s,
  };
}

function seatItem(s: SeatRecord): Item {
  return {
    ...keys.roadshowSeat(s.roadshowId, s.sessionId, s.fundId),
    ...keys.seatByInstitution(s.institutionId, s.startsAt, s.roadshowId, s.sessionId),
    entity: 'RoadshowSeat',
    version: s.version,
    data: s,
  };
}

export const placedItem = (roadshowId: string, requestId: string, at: string): Item => ({
  ...keys.roadshowPlaced(roadshowId, requestId),
  entity: 'RoadshowPlaced',
  at,
});

/** Roadshows, their published slots and seats, and intent cards. */
export class RoadshowRepository {
  constructor(private readonly db: Db) {}

  async get(id: string): Promise<RoadshowRecord | undefined> {
    const item = await this.db.get(keys.roadshow(id));
    return item && parseRoadshow(item);
  }

  async create(r: RoadshowRecord): Promise<void> {
    await this.db.transact(
      [this.db.put(roadshowItem(r), 'attribute_not_exists(PK)')],
      () => new ConflictError('路演已存在', `roadshow ${r.id} already exists`),
    );
  }

  /** Saves a change (candidates, plan, pins) on the version it was made on, with its events if any. */
  async save(
    before: RoadshowRecord,
    after: RoadshowRecord,
    events: EventOf<'RoadshowScheduled' | 'RoadshowCancelled'>[] = [],
  ): Promise<void> {
    await this.db.transact(
      [
        this.db.put(roadshowItem(after), 'version = :v', { ':v': before.version }),
        ...events.map((e) => outboxPut(this.db, e)),
      ],
      () => roadshowChanged(before.id),
    );
  }

  async listByRegion(regionPrefix: string): Promise<RoadshowRecord[]> {
    const items = await this.db.queryAll({
      index: 'GSI2',
      pk: keys.roadshowByRegion(regionPrefix, '', '').GSI2PK,
      newestFirst: true,
      filter: withinRegion(regionPrefix),
    });
    return items.map(parseRoadshow);
  }

  /** Published roadshows by start time (the public list). */
  async listPublished(): Promise<RoadshowRecord[]> {
    return (await this.db.queryAll({ index: 'GSI1', pk: keys.roadshowListing('', '').GSI1PK })).map(
      parseRoadshow,
    );
  }

  /**
   * Lays out the slots and seats of a roadshow about to be published, with a "placed" mark per
   * firm. Written before the roadshow turns published (a transaction holds at most 100 rows);
   * until then nobody sees them, and publishing again writes the same rows.
   */
  async layOut(slots: SlotRecord[], seats: SeatRecord[], at: string): Promise<void> {
    const puts = [
      ...slots.map(slotItem),
      ...seats.map(seatItem),
      ...slots.flatMap((s) => (s.requestId ? [placedItem(s.roadshowId, s.requestId, at)] : [])),
    ].map((item) => this.db.put(item));
    for (let i = 0; i < puts.length; i += 100)
      await this.db.transact(puts.slice(i, i + 100), () => new ConflictError('写入冲突', 'write conflict'));
  }

  async listSlots(roadshowId: string): Promise<SlotRecord[]> {
    return (await this.db.queryAll({ pk: keys.roadshow(roadshowId).PK, skPrefix: SK_PREFIX.slot })).map(
      parseSlot,
    );
  }

  async getSlot(roadshowId: string, sessionId: string, slot: number): Promise<SlotRecord | undefined> {
    const item = await this.db.get(keys.roadshowSlot(roadshowId, sessionId, slot));
    return item && parseSlot(item);
  }

  async listSlotsByFirm(uscc: string): Promise<SlotRecord[]> {
    const items = await this.db.queryAll({ index: 'GSI1', pk: keys.slotByFirm(uscc, '', '').GSI1PK });
    return items.map(parseSlot);
  }

  /** Requests already holding (or having held) a slot of the roadshow. */
  async placed(roadshowId: string): Promise<Set<string>> {
    const items = await this.db.queryAll({ pk: keys.roadshow(roadshowId).PK, skPrefix: SK_PREFIX.placed });
    return new Set(items.map((i) => String(i.SK).slice(SK_PREFIX.placed.length)));
  }

  /** An answer on a slot, on the version it was given on. */
  async answerSlot(
    before: SlotRecord,
    after: SlotRecord,
    events: EventOf<'RoadshowRsvp' | 'RoadshowSlotRefilled'>[],
  ): Promise<void> {
    await this.db.transact(
      [
        this.db.put(slotItem(after), 'version = :v', { ':v': before.version }),
        ...events.map((e) => outboxPut(this.db, e)),
      ],
      () => slotTaken(before),
    );
  }

  /**
   * A decline and its refill, at once: the slot moves from the decliner to the next firm only if
   * nobody changed it since it was read, and the next firm is placed only if no other refill
   * placed it first. Of two racing declines, exactly one refills.
   */
  async refill(
    before: SlotRecord,
    after: SlotRecord,
    events: EventOf<'RoadshowRsvp' | 'RoadshowSlotRefilled'>[],
    at: string,
  ): Promise<void> {
    await this.db.transact(
      [
        this.db.put(slotItem(after), 'version = :v', { ':v': before.version }),
        ...(after.requestId
          ? [this.db.put(placedItem(after.roadshowId, after.requestId, at), 'attribute_not_exists(PK)')]
          : []),
        ...events.map((e) => outboxPut(this.db, e)),
      ],
      () => slotTaken(before),
    );
  }

  async listSeats(roadshowId: string): Promise<SeatRecord[]> {
    return (await this.db.queryAll({ pk: keys.roadshow(roadshowId).PK, skPrefix: SK_PREFIX.seat })).map(
      parseSeat,
    );
  }

  async listSeatsByInstitution(institutionId: string): Promise<SeatRecord[]> {
    const items = await this.db.queryAll({
      index: 'GSI1',
      pk: keys.seatByInstitution(institutionId, '', '', '').GSI1PK,
    });
    return items.map(parseSeat);
  }

  async answerSeat(before: SeatRecord, after: SeatRecord, event: EventOf<'RoadshowRsvp'>): Promise<void> {
    await this.db.transact(
      [this.db.put(seatItem(after), 'version = :v', { ':v': before.version }), outboxPut(this.db, event)],
      () =>
        new ConflictError(
          '席位已被他人更新，请刷新后重试',
          `seat ${before.sessionId}/${before.fundId} changed at the same time`,
        ),
    );
  }

  /** Files an intent card once per (fund, firm); "interested" opens its equity lead in the same transaction. */
  async fileIntent(
    card: IntentCard,
    lead: EquityLeadRecord | undefined,
    events: EventOf<'IntentCardFiled' | 'EquityLeadStatusChanged'>[],
  ): Promise<void> {
    await this.db.transact(
      [
        this.db.put(
          {
            ...keys.intentCard(card.roadshowId, card.fundId, card.requestId),
            entity: 'IntentCard',
            data: card,
          },
          'attribute_not_exists(PK)',
        ),
        ...(lead ? [newEquityLeadPut(this.db, lead)] : []),
        ...events.map((e) => outboxPut(this.db, e)),
      ],
      () =>
        new ConflictError('该企业的意向卡已提交', `an intent card on ${card.requestId} was already filed`),
    );
  }

  async listIntents(roadshowId: string): Promise<IntentCard[]> {
    const items = await this.db.queryAll({ pk: keys.roadshow(roadshowId).PK, skPrefix: SK_PREFIX.intent });
    return items.map((i) => IntentCardSchema.parse(i.data));
  }
}

const slotTaken = (s: SlotRecord) =>
  new ConflictError(
    '该时段已被他人更新（可能已被补位），请刷新后重试',
    `slot ${s.sessionId}/${s.slot} of roadshow ${s.roadshowId} changed at the same time; reload and retry`,
  );
