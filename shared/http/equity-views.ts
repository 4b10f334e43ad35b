import * as z from 'zod';
import { AnonymousProfileSchema, anonymousProfile } from '#domain/anonymous-profile.ts';
import { shanghaiDate } from '#domain/dates.ts';
import {
  type BatchRecord,
  batchOutcomes,
  batchSummary,
  StoredBatchEntrySchema,
} from '#domain/equity/batch.ts';
import { type EquityLeadRecord, EquityLeadRecordSchema } from '#domain/equity/lead.ts';
import { lazySchema } from '#domain/lazy-schema.ts';
import type { Principal } from '#domain/principal.ts';
import type { RoadshowRecord, SlotRecord } from '#domain/roadshow/roadshow.ts';
import { SlotRecordSchema } from '#domain/roadshow/roadshow.ts';

/**
 * What leaves the API of batches, equity leads and roadshows: a whitelist per audience. A fund
 * sees firms anonymised until the firm reveals itself; the region's operators see them named,
 * as they see the region's requests. The profile is always the generalised anonymous profile
 * (bands, city, industry division: see domain/anonymous-profile.ts), exactly as a bank officer
 * sees a debt lead, so a batch entry cannot single a firm out; the exact figures stay behind
 * the firm's own pages.
 */
const Firm = lazySchema(() => z.object({ uscc: z.string(), name: z.string() }).nullable());

export const BatchEntryViewSchema = lazySchema(() =>
  StoredBatchEntrySchema.omit({ uscc: true, firmName: true }).extend({
    profile: AnonymousProfileSchema,
    firm: Firm,
  }),
);
export const BatchViewSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    fundId: z.string(),
    institutionId: z.string(),
    number: z.number().int(),
    createdAt: z.string(),
    summary: z.object({ firms: z.number(), srdiFirms: z.number(), amountSoughtYuan: z.number() }),
    outcomes: z.object({ interested: z.number(), notForUs: z.number(), pending: z.number() }),
    entries: z.array(BatchEntryViewSchema),
  }),
);
export type BatchView = z.infer<typeof BatchViewSchema>;

export function batchView(principal: Principal, batch: BatchRecord): BatchView {
  return {
    id: batch.id,
    fundId: batch.fundId,
    institutionId: batch.institutionId,
    number: batch.number,
    createdAt: batch.createdAt,
    summary: batchSummary(batch.entries),
    outcomes: batchOutcomes(batch.entries),
    entries: batch.entries.map(({ uscc, firmName, ...e }) => ({
      ...e,
      profile: anonymousProfile(e.profile, shanghaiDate(new Date(batch.createdAt))),
      firm: principal.role === 'operator' ? { uscc, name: firmName } : null,
    })),
  };
}

export const EquityLeadViewSchema = lazySchema(() =>
  EquityLeadRecordSchema.omit({ uscc: true, firmName: true }).extend({
    profile: AnonymousProfileSchema,
    firm: Firm,
  }),
);
export type EquityLeadView = z.infer<typeof EquityLeadViewSchema>;

export function equityLeadView(principal: Principal, lead: EquityLeadRecord): EquityLeadView {
  const { uscc, firmName, ...rest } = lead;
  const named = principal.role !== 'officer' || !!lead.revealedAt;
  return {
    ...rest,
    profile: anonymousProfile(lead.profile, shanghaiDate(new Date(lead.createdAt))),
    firm: named ? { uscc, name: firmName } : null,
  };
}

/** A slot as its firm sees it: not who held it before. */
export const SlotViewSchema = lazySchema(() => SlotRecordSchema.omit({ declinedBy: true, uscc: true }));
export function slotView(slot: SlotRecord): z.infer<typeof SlotViewSchema> {
  const { declinedBy: _d, uscc: _u, ...rest } = slot;
  return rest;
}

/** The public list: what, when and where — no firm or fund named, no online link. */
export const PublicRoadshowSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    title: z.string(),
    theme: z.string().optional(),
    chain: z.array(z.string()),
    regionPrefix: z.string(),
    venue: z.object({ kind: z.enum(['onsite', 'online']), address: z.string().optional() }),
    slotMinutes: z.number().int(),
    sessions: z.array(z.object({ startsAt: z.string(), endsAt: z.string(), slots: z.number().int() })),
  }),
);
export function publicRoadshow(r: RoadshowRecord): z.infer<typeof PublicRoadshowSchema> {
  return {
    id: r.id,
    title: r.title,
    ...(r.theme ? { theme: r.theme } : {}),
    chain: r.chain,
    regionPrefix: r.regionPrefix,
    venue: r.venue.kind === 'onsite' ? { kind: 'onsite', address: r.venue.address } : { kind: 'online' },
    slotMinutes: r.slotMinutes,
    sessions: r.sessions.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt, slots: s.slots })),
  };
}
