import { describe, expect, it } from 'vitest';
import { CN_CALENDAR, createBusinessCalendar } from '#domain/calendar/business-days.ts';
import { CN_HOLIDAY_NOTICES } from '#domain/calendar/cn-holidays.ts';
import { endOfShanghaiDay, respondBy, secondLevelBy } from '#domain/deadlines.ts';

describe('business-day calendar (Asia/Shanghai, State Council notices)', () => {
  it('knows weekends, public holidays and 调休 make-up working days', () => {
    // Prepare: dates from the 2025 and 2026 notices. Act + Assess:
    expect(CN_CALENDAR.isBusinessDay('2026-11-23')).toBe(true); // a Monday
    expect(CN_CALENDAR.isBusinessDay('2026-11-28')).toBe(false); // a Saturday
    expect(CN_CALENDAR.isBusinessDay('2026-10-05')).toBe(false); // Monday in the National Day week
    expect(CN_CALENDAR.isBusinessDay('2026-02-16')).toBe(false); // Spring Festival eve (Monday)
    expect(CN_CALENDAR.isBusinessDay('2026-02-14')).toBe(true); // Saturday worked (调休)
    expect(CN_CALENDAR.isBusinessDay('2026-09-20')).toBe(true); // Sunday worked (调休)
    expect(CN_CALENDAR.isBusinessDay('2025-10-08')).toBe(false); // National Day + Mid-Autumn 2025
    expect(CN_CALENDAR.isBusinessDay('2025-10-11')).toBe(true); // Saturday worked
    expect(CN_CALENDAR.isBusinessDay('2025-06-02')).toBe(false); // Dragon Boat Monday
  });

  it('gives a Friday lead before the Spring Festival its due date across the make-up Saturday', () => {
    // Friday 2026-02-13: Sat 14 is worked (1), 15–23 closed, Tue 24 is the second day.
    expect(respondBy('2026-02-13')).toBe('2026-02-24');
  });

  it('gives a Friday lead before the National Day week the right due date', () => {
    // Friday 2025-09-26: Sun 28 worked (1), Mon 29 (2).
    expect(respondBy('2025-09-26')).toBe('2025-09-29');
    // Tuesday 2025-09-30: Oct 1–8 closed, Thu 9 (1), Fri 10 (2).
    expect(respondBy('2025-09-30')).toBe('2025-10-10');
    // Thursday 2026-04-30 before Labour Day: May 1–5 closed, Wed 6 (1), Thu 7 (2).
    expect(respondBy('2026-04-30')).toBe('2026-05-07');
  });

  it('counts an ordinary week Mon–Fri and honours an institution’s own setting', () => {
    expect(respondBy('2026-11-20')).toBe('2026-11-24'); // Fri → Tue
    expect(respondBy('2026-11-23', 3)).toBe('2026-11-26'); // Mon + 3 → Thu
    expect(secondLevelBy('2026-11-24')).toBe('2026-11-26');
  });

  it('ends a deadline date at midnight Shanghai time', () => {
    expect(endOfShanghaiDay('2026-11-24').toISOString()).toBe('2026-11-24T16:00:00.000Z');
  });

  it('every notice holds its own year, ranges in order, make-up days on weekends', () => {
    for (const notice of CN_HOLIDAY_NOTICES) {
      for (const h of notice.holidays) {
        expect(h.off[0] <= h.off[1]).toBe(true);
        expect(h.off[0].startsWith(String(notice.year)) || h.off[1].startsWith(String(notice.year))).toBe(
          true,
        );
        for (const d of h.work ?? []) expect([0, 6]).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
      }
    }
    expect(createBusinessCalendar([]).isBusinessDay('2026-10-05')).toBe(true);
    expect(CN_CALENDAR.knownYears.has(2026)).toBe(true);
  });
});
