import * as z from 'zod';
import { IndustryPrefixSchema, RegionPrefixSchema } from '../equity/preferences.ts';
import { checkOtherExplained, PassReasonListSchema } from '../equity/reasons.ts';
import { ValidationError } from '../errors.ts';
import { lazySchema } from '../lazy-schema.ts';

/**
 * A roadshow (项目路演 / 投融资对接会): sessions of pitch slots. Firms pitch one slot each;
 * funds sit in sessions (up to the session's capacity). Times are typed on the Asia/Shanghai
 * clock ("2026-12-03T09:30", UTC+8 all year) and kept as UTC instants.
 */

export const MIN_SLOT_MINUTES = 5;
export const MAX_SLOT_MINUTES = 120;
export const MAX_SESSIONS = 60;
export const MAX_SLOTS_PER_SESSION = 24;

/** A wall-clock time in Asia/Shanghai, to the minute, as a datetime-local input sends it. */
export const ShanghaiLocalSchema = lazySchema(() =>
  z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/,
      '时间格式应为 2026-12-03T09:30（北京时间）/ time must look like 2026-12-03T09:30 (Asia/Shanghai)',
    )
    .refine(
      (s) => !Number.isNaN(Date.parse(`${s}:00+08:00`)) && toShanghaiLocal(shanghaiInstant(s)) === s,
      '不是有效的日期时间 / not a valid date and time',
    ),
);

/** The instant of an Asia/Shanghai wall-clock time. */
export function shanghaiInstant(local: string): Date {
  return new Date(`${local}:00+08:00`);
}

/** The Asia/Shanghai wall-clock time of an instant, as "YYYY-MM-DDTHH:mm". */
export function toShanghaiLocal(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
}

export const VenueSchema = lazySchema(() =>
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('onsite'), address: z.string().trim().min(2).max(300) }).strict(),
    z
      .object({
        kind: z.literal('online'),
        url: z.url({ protocol: /^https$/, error: '线上链接须为 https 地址 / the online link must be https' }),
      })
      .strict(),
  ]),
);
export type Venue = z.infer<typeof VenueSchema>;

export const SessionDraftSchema = lazySchema(() =>
  z
    .object({
      startsAt: ShanghaiLocalSchema,
      /** Pitch slots in this session. */
      slots: z.number().int().min(1).max(MAX_SLOTS_PER_SESSION),
      /** Funds that can sit in this session. */
      capacity: z.number().int().min(1, '容量须至少为1 / capacity must be at least 1').max(200),
    })
    .strict(),
);

export const RoadshowDraftSchema = lazySchema(() =>
  z
    .object({
      title: z.string().trim().min(2).max(120),
      /** Theme, e.g. 新材料产业链 专场. */
      theme: z.string().trim().max(300).optional(),
      /** The industry chain (GB/T 4754 prefixes) the roadshow is about; empty = any. */
      chain: z.array(IndustryPrefixSchema).max(20).default([]),
      /** Region it serves (GB/T 2260 prefix), within the operator's own. */
      regionPrefix: RegionPrefixSchema,
      venue: VenueSchema,
      slotMinutes: z
        .number()
        .int()
        .min(
          MIN_SLOT_MINUTES,
          `每个路演时段至少${MIN_SLOT_MINUTES}分钟 / a slot lasts at least ${MIN_SLOT_MINUTES} minutes`,
        )
        .max(MAX_SLOT_MINUTES),
      sessions: z.array(SessionDraftSchema).min(1).max(MAX_SESSIONS),
    })
    .strict(),
);
export type RoadshowDraftInput = z.input<typeof RoadshowDraftSchema>;
export type RoadshowDraft = z.output<typeof RoadshowDraftSchema>;

export const SessionSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    slots: z.number().int().positive(),
    capacity: z.number().int().positive(),
  }),
);
export type Session = z.infer<typeof SessionSchema>;

/**
 * Checks what a schema alone cannot: no session starts in the past (relative to `now`) and no
 * two sessions overlap. Returns the sessions in time order with ids s1, s2, … and their
 * UTC start and end; throws a ValidationError naming each offending field otherwise.
 */
export function scheduleSessions(draft: RoadshowDraft, now: Date): Session[] {
  const fields: ValidationError['fields'] = [];
  const timed = draft.sessions.map((s, index) => {
    const start = shanghaiInstant(s.startsAt).getTime();
    return { index, s, start, end: start + s.slots * draft.slotMinutes * 60_000 };
  });
  for (const t of timed) {
    if (t.start <= now.getTime())
      fields.push({
        path: `sessions.${t.index}.startsAt`,
        zh: '场次开始时间已过',
        en: 'the session would start in the past',
      });
  }
  const ordered = [...timed].sort((a, b) => a.start - b.start || a.index - b.index);
  for (let i = 1; i < ordered.length; i++) {
    const prev = ordered[i - 1]!;
    const cur = ordered[i]!;
    if (cur.start < prev.end)
      fields.push({
        path: `sessions.${cur.index}.startsAt`,
        zh: `与第${prev.index + 1}场时间重叠`,
        en: `overlaps session ${prev.index + 1} (which ends at ${toShanghaiLocal(new Date(prev.end))})`,
      });
  }
  if (fields.length > 0)
    throw new ValidationError(fields, '路演安排有误', 'The roadshow schedule is invalid');
  return ordered.map((t, i) => ({
    id: `s${i + 1}`,
    startsAt: new Date(t.start).toISOString(),
    endsAt: new Date(t.end).toISOString(),
    slots: t.s.slots,
    capacity: t.s.capacity,
  }));
}

/** Start and end of slot `k` (0-based) of a session. */
export function slotTimes(
  session: Pick<Session, 'startsAt'>,
  slotMinutes: number,
  k: number,
): { startsAt: Date; endsAt: Date } {
  const start = Date.parse(session.startsAt) + k * slotMinutes * 60_000;
  return { startsAt: new Date(start), endsAt: new Date(start + slotMinutes * 60_000) };
}

export const ROADSHOW_STATUSES = ['draft', 'planned', 'published', 'cancelled', 'completed'] as const;
export const RoadshowStatusSchema = lazySchema(() => z.enum(ROADSHOW_STATUSES));
export type RoadshowStatus = z.infer<typeof RoadshowStatusSchema>;

export const ROADSHOW_STATUS_NAMES: Record<RoadshowStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  planned: { zh: '已排程（未发布）', en: 'Planned (not published)' },
  published: { zh: '已发布', en: 'Published' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  completed: { zh: '已结束', en: 'Completed' },
};

export const PinsSchema = lazySchema(() =>
  z
    .object({
      firms: z
        .array(
          z
            .object({
              firmId: z.string().max(200),
              sessionId: z.string().max(20),
              slot: z.number().int().min(0),
            })
            .strict(),
        )
        .max(500)
        .default([]),
      funds: z
        .array(z.object({ fundId: z.string().max(80), sessionId: z.string().max(20) }).strict())
        .max(500)
        .default([]),
      excludedFirms: z.array(z.string().max(200)).max(2000).default([]),
    })
    .strict(),
);
export type Pins = z.infer<typeof PinsSchema>;

/** The plan as kept on the roadshow (the planner's answer). */
export const StoredPlanSchema = lazySchema(() =>
  z.object({
    sessions: z.array(
      z.object({
        sessionId: z.string(),
        funds: z.array(z.object({ fundId: z.string(), pinned: z.boolean() })),
        slots: z.array(
          z.object({ slot: z.number().int(), firmId: z.string().nullable(), pinned: z.boolean() }),
        ),
      }),
    ),
    waitlist: z.array(z.string()),
    leftOut: z.array(z.object({ firmId: z.string(), reason: z.string() })),
    fundsLeftOut: z.array(z.object({ fundId: z.string(), reason: z.string() })),
    quality: z.object({
      slotsTotal: z.number().int(),
      slotsFilled: z.number().int(),
      seatsTotal: z.number().int(),
      seatsFilled: z.number().int(),
      totalFit: z.number(),
      meanFit: z.number(),
      firmsPlaced: z.number().int(),
      firmsLeftOut: z.record(z.string(), z.number().int()),
      fundsPlaced: z.number().int(),
      fundsLeftOut: z.number().int(),
      meanWaitingDaysPlaced: z.number(),
      meanWaitingDaysWaitlisted: z.number(),
      pinsKept: z.number().int(),
      pinsRefused: z.array(z.object({ kind: z.enum(['firm', 'fund']), id: z.string(), reason: z.string() })),
    }),
    plannedAt: z.iso.datetime(),
  }),
);
export type StoredPlan = z.infer<typeof StoredPlanSchema>;

export const RoadshowRecordSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    title: z.string(),
    theme: z.string().optional(),
    chain: z.array(z.string()),
    regionPrefix: z.string(),
    venue: VenueSchema,
    slotMinutes: z.number().int(),
    sessions: z.array(SessionSchema),
    status: RoadshowStatusSchema,
    /** SEQUENCE of the calendar files: 0 when published, +1 for each change sent. */
    revision: z.number().int().min(0),
    /** Bumped on every write; the conditional write checks it. */
    version: z.number().int(),
    createdBy: z.string(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    /** Equity requests in the candidate pool (consenting ones). */
    candidates: z.array(z.string()).default([]),
    /** Funds invited. */
    fundIds: z.array(z.string()).default([]),
    pins: PinsSchema.default({ firms: [], funds: [], excludedFirms: [] }),
    plan: StoredPlanSchema.optional(),
    publishedAt: z.iso.datetime().optional(),
  }),
);
export type RoadshowRecord = z.infer<typeof RoadshowRecordSchema>;

export const RSVP_STATUSES = ['invited', 'accepted', 'declined'] as const;

/** A pitch slot of a published roadshow: which firm holds it and its answer. */
export const SlotRecordSchema = lazySchema(() =>
  z.object({
    roadshowId: z.string(),
    sessionId: z.string(),
    slot: z.number().int().min(0),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    requestId: z.string().nullable(),
    uscc: z.string().nullable(),
    status: z.enum(RSVP_STATUSES),
    version: z.number().int(),
    /** Requests that declined this slot, in order. */
    declinedBy: z.array(z.string()).default([]),
    refilledAt: z.iso.datetime().optional(),
  }),
);
export type SlotRecord = z.infer<typeof SlotRecordSchema>;

/** A fund's seat in a session. */
export const SeatRecordSchema = lazySchema(() =>
  z.object({
    roadshowId: z.string(),
    sessionId: z.string(),
    fundId: z.string(),
    institutionId: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    status: z.enum(RSVP_STATUSES),
    version: z.number().int(),
  }),
);
export type SeatRecord = z.infer<typeof SeatRecordSchema>;

export const RsvpSchema = lazySchema(() => z.object({ answer: z.enum(['accept', 'decline']) }).strict());

/** After the event, a fund's card on each firm that pitched to it. */
export const IntentCardInputSchema = lazySchema(() =>
  z
    .discriminatedUnion('interested', [
      z
        .object({
          requestId: z.string().min(1).max(200),
          interested: z.literal(true),
          note: z.string().trim().max(2000).optional(),
        })
        .strict(),
      z
        .object({
          requestId: z.string().min(1).max(200),
          interested: z.literal(false),
          reasons: PassReasonListSchema,
          note: z.string().trim().max(2000).optional(),
        })
        .strict(),
    ])
    .superRefine((v, ctx) => {
      if (!v.interested) checkOtherExplained(v, ctx);
    }),
);
export type IntentCardInput = z.infer<typeof IntentCardInputSchema>;

export const IntentCardSchema = lazySchema(() =>
  z.object({
    roadshowId: z.string(),
    fundId: z.string(),
    requestId: z.string(),
    interested: z.boolean(),
    reasons: PassReasonListSchema.optional(),
    note: z.string().optional(),
    at: z.iso.datetime(),
    leadId: z.string().optional(),
  }),
);
export type IntentCard = z.infer<typeof IntentCardSchema>;
