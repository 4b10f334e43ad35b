import { addDays } from '../dates.ts';
import type { IsoDate } from '../text.ts';
import { CN_HOLIDAY_NOTICES, type HolidayNotice } from './cn-holidays.ts';

/**
 * The business-day calendar of mainland China (Asia/Shanghai dates): Monday to Friday,
 * except the public holidays of the State Council's notices, plus the weekend days those
 * notices make working days (调休). Pure: dates in, dates out.
 */
export interface BusinessCalendar {
  isBusinessDay(date: IsoDate): boolean;
  /** The date `days` business days after `date` (the start date itself never counts). */
  addBusinessDays(date: IsoDate, days: number): IsoDate;
  /** Years with a published notice; dates in other years count Mon–Fri only. */
  readonly knownYears: ReadonlySet<number>;
}

export function createBusinessCalendar(notices: readonly HolidayNotice[]): BusinessCalendar {
  const off = new Set<IsoDate>();
  const work = new Set<IsoDate>();
  for (const notice of notices) {
    for (const holiday of notice.holidays) {
      for (let d = holiday.off[0]; d <= holiday.off[1]; d = addDays(d, 1)) off.add(d);
      for (const d of holiday.work ?? []) work.add(d);
    }
  }
  const isBusinessDay = (date: IsoDate) => {
    if (work.has(date)) return true;
    if (off.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  };
  return {
    isBusinessDay,
    addBusinessDays(date, days) {
      let d = date;
      for (let left = days; left > 0; ) {
        d = addDays(d, 1);
        if (isBusinessDay(d)) left--;
      }
      return d;
    },
    knownYears: new Set(notices.map((n) => n.year)),
  };
}

/** The calendar of the published notices. */
export const CN_CALENDAR: BusinessCalendar = createBusinessCalendar(CN_HOLIDAY_NOTICES);
