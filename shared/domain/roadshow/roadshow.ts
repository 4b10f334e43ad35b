import * as z from 'zod';
import { IndustryPrefixSchema, RegionPrefixSchema } from '../equity/preferences.ts';
import { ValidationError } from '../errors.ts';

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
export const ShanghaiLocalSchema = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/,
    '时间格式应为 2026-12-03T09:30（北京时间）/ time must look like 2026-12-03T09:30 (Asia/Shanghai)',
  )
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}:00+08:00`)) && toShanghaiLocal(shanghaiInstant(s)) === s,
    '不是有效的日期时间 / not a valid date and time',
  );

/** The instant of an Asia/Shanghai wall-clock time. */
export function shanghaiInstant(local: string): Date {
  return new Date(`${local}:00+08:00`);
}

/** The Asia/Shanghai wall-clock time of an instant, as "YYYY-MM-DDTHH:mm". */
export function toShanghaiLocal(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
}

export const VenueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('onsite'), address: z.string().trim().min(2).max(300) }).strict(),
  z
    .object({
      kind: z.literal('online'),
      url: z.url({ protocol: /^https$/, error: '线上链接须为 https 地址 / the online link must be https' }),
    })
    .strict(),
]);
export type Venue = z.infer<typeof VenueSchema>;

export const SessionDraftSchema = z
  .object({
    startsAt: ShanghaiLocalSchema,
    /** Pitch slots in this session. */
    slots: z.number().int().min(1).max(MAX_SLOTS_PER_SESSION),
    /** Funds that can sit in this session. */
    capacity: z.number().int().min(1, '容量须至少为1 / capacity must be at least 1').max(200),
  })
  .strict();

export const RoadshowDraftSchema = z
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
  .strict();
export type RoadshowDraftInput = z.input<typeof RoadshowDraftSchema>;
export type RoadshowDraft = z.output<typeof RoadshowDraftSchema>;

export const SessionSchema = z.object({
  id: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  slots: z.number().int().positive(),
  capacity: z.number().int().positive(),
});
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
export const RoadshowStatusSchema = z.enum(ROADSHOW_STATUSES);
export type RoadshowStatus = z.infer<typeof RoadshowStatusSchema>;

export const ROADSHOW_STATUS_NAMES: Record<RoadshowStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  planned: { zh: '已排程（未发布）', en: 'Planned (not published)' },
  published: { zh: '已发布', en: 'Published' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
  completed: { zh: '已结束', en: 'Completed' },
};
