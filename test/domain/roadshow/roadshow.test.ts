import { describe, expect, it } from 'vitest';
import { ValidationError } from '#domain/errors.ts';
import {
  type RoadshowDraftInput,
  RoadshowDraftSchema,
  scheduleSessions,
  shanghaiInstant,
  slotTimes,
  toShanghaiLocal,
} from '#domain/roadshow/roadshow.ts';

const now = new Date('2026-11-29T02:00:00Z'); // 10:00 in Shanghai

const draft = (over: Partial<RoadshowDraftInput> = {}): RoadshowDraftInput => ({
  title: '新材料产业链专场路演',
  chain: ['C26', 'C30'],
  regionPrefix: '3502',
  venue: { kind: 'onsite', address: '厦门市思明区软件园二期' },
  slotMinutes: 10,
  sessions: [
    { startsAt: '2026-12-03T09:30', slots: 6, capacity: 5 },
    { startsAt: '2026-12-03T14:00', slots: 6, capacity: 5 },
  ],
  ...over,
});

function issues(input: RoadshowDraftInput): string[] {
  const r = RoadshowDraftSchema.safeParse(input);
  if (!r.success) return r.error.issues.map((i) => i.path.join('.'));
  try {
    scheduleSessions(r.data, now);
    return [];
  } catch (e) {
    if (e instanceof ValidationError) return e.fields.map((f) => f.path);
    throw e;
  }
}

describe('roadshow drafts', () => {
  it('turns Asia/Shanghai wall-clock times into UTC instants and back', () => {
    expect(shanghaiInstant('2026-12-03T09:30').toISOString()).toBe('2026-12-03T01:30:00.000Z');
    expect(toShanghaiLocal(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01T00:30');
  });

  it('schedules sessions in time order with their end times', () => {
    const sessions = scheduleSessions(
      RoadshowDraftSchema.parse(draft({ sessions: [...draft().sessions!].reverse() })),
      now,
    );
    expect(sessions).toEqual([
      {
        id: 's1',
        startsAt: '2026-12-03T01:30:00.000Z',
        endsAt: '2026-12-03T02:30:00.000Z',
        slots: 6,
        capacity: 5,
      },
      {
        id: 's2',
        startsAt: '2026-12-03T06:00:00.000Z',
        endsAt: '2026-12-03T07:00:00.000Z',
        slots: 6,
        capacity: 5,
      },
    ]);
    expect(slotTimes(sessions[0]!, 10, 2).startsAt.toISOString()).toBe('2026-12-03T01:50:00.000Z');
  });

  it('accepts an online roadshow on an https link', () => {
    expect(issues(draft({ venue: { kind: 'online', url: 'https://meeting.example.cn/r/123' } }))).toEqual([]);
  });

  it.each([
    [
      'a session in the past',
      draft({ sessions: [{ startsAt: '2026-11-29T09:59', slots: 3, capacity: 2 }] }),
      'sessions.0.startsAt',
    ],
    [
      'overlapping sessions',
      draft({
        sessions: [
          { startsAt: '2026-12-03T09:30', slots: 6, capacity: 5 },
          { startsAt: '2026-12-03T10:20', slots: 6, capacity: 5 },
        ],
      }),
      'sessions.1.startsAt',
    ],
    ['a slot under 5 minutes', draft({ slotMinutes: 4 }), 'slotMinutes'],
    [
      'capacity 0',
      draft({ sessions: [{ startsAt: '2026-12-03T09:30', slots: 6, capacity: 0 }] }),
      'sessions.0.capacity',
    ],
    ['no sessions', draft({ sessions: [] }), 'sessions'],
    [
      'no slots',
      draft({ sessions: [{ startsAt: '2026-12-03T09:30', slots: 0, capacity: 3 }] }),
      'sessions.0.slots',
    ],
    [
      'a time that does not exist',
      draft({ sessions: [{ startsAt: '2026-02-30T09:30', slots: 1, capacity: 3 }] }),
      'sessions.0.startsAt',
    ],
    [
      'a time with seconds',
      draft({ sessions: [{ startsAt: '2026-12-03T09:30:00', slots: 1, capacity: 3 }] }),
      'sessions.0.startsAt',
    ],
    [
      'a plain http link',
      draft({ venue: { kind: 'online', url: 'http://meeting.example.cn/r/123' } }),
      'venue.url',
    ],
    ['a region that is not a prefix', draft({ regionPrefix: '350' }), 'regionPrefix'],
  ])('refuses %s', (_, input, path) => {
    expect(issues(input)).toContain(path);
  });

  it('lets a session start exactly when the previous one ends', () => {
    expect(
      issues(
        draft({
          sessions: [
            { startsAt: '2026-12-03T09:30', slots: 6, capacity: 5 },
            { startsAt: '2026-12-03T10:30', slots: 6, capacity: 5 },
          ],
        }),
      ),
    ).toEqual([]);
  });
});
