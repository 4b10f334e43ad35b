import { type BusinessCalendar, CN_CALENDAR } from './calendar/business-days.ts';
import { addDays } from './dates.ts';
import type { IsoDate } from './text.ts';

/**
 * Response deadlines of leads, in business days of the Asia/Shanghai calendar.
 * An institution answers a new lead within FIRST_ANSWER_BUSINESS_DAYS (or its own setting);
 * a missed deadline escalates to the firm's service specialist, and if the lead is still
 * unanswered ESCALATION_BUSINESS_DAYS later, to the region's operator.
 */
export const FIRST_ANSWER_BUSINESS_DAYS = 2;
export const ESCALATION_BUSINESS_DAYS = 2;
/** Bounds of an institution's own setting. */
export const MIN_FIRST_ANSWER_BUSINESS_DAYS = 1;
export const MAX_FIRST_ANSWER_BUSINESS_DAYS = 10;

export type EscalationLevel = 1 | 2;

/** The last date (inclusive) on which a lead sent on `sentOn` may get its first answer. */
export function respondBy(
  sentOn: IsoDate,
  businessDays: number = FIRST_ANSWER_BUSINESS_DAYS,
  calendar: BusinessCalendar = CN_CALENDAR,
): IsoDate {
  return calendar.addBusinessDays(sentOn, businessDays);
}

/** The last date of the second level: ESCALATION_BUSINESS_DAYS after the first deadline. */
export function secondLevelBy(firstBy: IsoDate, calendar: BusinessCalendar = CN_CALENDAR): IsoDate {
  return calendar.addBusinessDays(firstBy, ESCALATION_BUSINESS_DAYS);
}

/** The instant a deadline date has passed: midnight at the end of that date in Shanghai (UTC+8). */
export function endOfShanghaiDay(date: IsoDate): Date {
  return new Date(`${addDays(date, 1)}T00:00:00+08:00`);
}
