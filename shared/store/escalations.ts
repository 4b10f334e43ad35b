import type { Db, Item } from './db.ts';
import { keys, SK_PREFIX } from './keys.ts';

/** A missed first-answer deadline, escalated: level 1 to the firm's specialist, level 2 to the operators. */
export interface Escalation {
  leadId: string;
  requestId: string;
  institutionId: string;
  regionCode: string;
  level: 1 | 2;
  /** The deadline (Asia/Shanghai date) that passed. */
  deadline: string;
  at: string;
  /** Who it went to: the specialist (level 1) or the region's operators (level 2). */
  to:
    | { kind: 'specialist'; userId: string; name: string; assigned: boolean }
    | { kind: 'operators'; regionPrefix: string };
  eventId: string;
}

/** A region's default service specialist, assigned to firms of the region that have none. */
export interface RegionSpecialist {
  regionPrefix: string;
  userId: string;
  name: string;
  phone?: string;
}

/** The escalation row, beside its lead and on its province's list (one per lead and level). */
export function escalationItem(e: Escalation): Item {
  return {
    ...keys.escalation(e.leadId, e.level),
    ...keys.escalationByRegion(e.regionCode, e.at, e.leadId),
    entity: 'Escalation',
    regionCode: e.regionCode,
    data: e,
  };
}

export class EscalationRepository {
  constructor(private readonly db: Db) {}

  async ofLead(leadId: string): Promise<Escalation[]> {
    const items = await this.db.queryAll({
      pk: keys.escalation(leadId, 0).PK,
      skPrefix: SK_PREFIX.escalation,
    });
    return items.map((i) => i.data as Escalation);
  }

  /** Escalations of an operator's region, newest first (province partition, filtered to the prefix). */
  async ofRegion(regionPrefix: string, limit: number): Promise<Escalation[]> {
    const page = await this.db.query({
      index: 'GSI3',
      pk: keys.escalationByRegion(regionPrefix, '', '').GSI3PK,
      newestFirst: true,
      limit,
      filter: {
        FilterExpression: 'begins_with(regionCode, :prefix)',
        ExpressionAttributeValues: { ':prefix': regionPrefix },
      },
    });
    return page.items.map((i) => i.data as Escalation);
  }

  async setRegionSpecialist(s: RegionSpecialist): Promise<void> {
    await this.db.putItem({ ...keys.regionSpecialist(s.regionPrefix), entity: 'RegionSpecialist', data: s });
  }

  /** The default specialist of the most specific region prefix (district, city, province) that has one. */
  async regionSpecialistFor(regionCode: string): Promise<RegionSpecialist | undefined> {
    for (const length of [6, 4, 2]) {
      if (regionCode.length < length) continue;
      const item = await this.db.get(keys.regionSpecialist(regionCode.slice(0, length)));
      if (item) return item.data as RegionSpecialist;
    }
    return undefined;
  }
}
