import type { IsoDate } from './text.ts';

/** Pure date arithmetic on ISO calendar dates (no clock, no time zone guessing). */

function toUtc(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

export function addYears(date: IsoDate, years: number): IsoDate {
  const d = toUtc(date);
  const month = d.getUTCMonth();
  d.setUTCFullYear(d.getUTCFullYear() + years);
  // 29 Feb + 1 year → 28 Feb, not 1 Mar.
  if (d.getUTCMonth() !== month) d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1–12) of the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  return month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
    ? 29
    : MONTH_DAYS[month - 1]!;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** Adds calendar months; the 31st + 1 month → the last day of the shorter month. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  // On whole numbers, by arithmetic (it runs for every certificate of every match body and
  // every priced product); the same answer as the Date-based way below, which takes the rest.
  if (Number.isSafeInteger(months) && ISO_DAY.test(date)) {
    const year = Number(date.slice(0, 4));
    const month = Number(date.slice(5, 7));
    const day = Number(date.slice(8, 10));
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      const index = year * 12 + month - 1 + months;
      const toYear = Math.floor(index / 12);
      const toMonth = index - toYear * 12 + 1;
      if (toYear >= 1000 && toYear <= 9999)
        return `${toYear}-${pad2(toMonth)}-${pad2(Math.min(day, daysInMonth(toYear, toMonth)))}`;
    }
  }
  return addMonthsByDate(date, months);
}

function addMonthsByDate(date: IsoDate, months: number): IsoDate {
  const d = toUtc(date);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = civilDay(from);
  const b = civilDay(to);
  if (a !== undefined && b !== undefined) return b - a;
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

/**
 * Days since 1970-01-01 of a real date written YYYY-MM-DD, by arithmetic on the proleptic
 * Gregorian calendar (it runs for every match: the evaluation date's day number); undefined
 * for anything else, which daysBetween leaves to Date.
 */
function civilDay(date: IsoDate): number | undefined {
  if (!ISO_DAY.test(date)) return undefined;
  const day = Number(date.slice(8, 10));
  const month = Number(date.slice(5, 7));
  let year = Number(date.slice(0, 4));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  // Years from March (so the leap day ends a year), in 400-year eras.
  if (month <= 2) year -= 1;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** Whole years from `from` to `to` (birthday rule). */
export function wholeYearsBetween(from: IsoDate, to: IsoDate): number {
  let years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  if (to.slice(5) < from.slice(5)) years -= 1;
  return years;
}

/** Asia/Shanghai is UTC+8 all year (no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(instant: Date): IsoDate {
  return shanghaiDateTime(instant).slice(0, 10);
}

/** An instant on the Asia/Shanghai clock, to the minute: "2026-11-23 10:00". */
export function shanghaiDateTime(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
