import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween } from '#domain/dates.ts';

/** addMonths as it was, on Date objects: the arithmetic must give the same date for every input. */
function addMonthsByDate(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const DAY = 86_400_000;
const MONTHS = [0, 1, -1, 2, 3, 6, 11, 12, 13, 18, 24, 35, 36, 60, 120, 359, 360, -12, -13, -36, -1200, 2400];

describe('addMonths', () => {
  it('gives the Date-based answer on every day from 1899 to 2200', () => {
    let k = 0;
    const wrong: string[] = [];
    for (let t = Date.UTC(1899, 0, 1); t <= Date.UTC(2200, 11, 31); t += DAY) {
      const date = iso(t);
      const months = MONTHS[k++ % MONTHS.length]!;
      if (addMonths(date, months) !== addMonthsByDate(date, months)) wrong.push(`${date} + ${months}`);
    }
    expect(k).toBeGreaterThan(110_000);
    expect(wrong).toEqual([]);
  });

  it('gives the Date-based answer on month ends and leap days, for every offset up to 30 years', () => {
    const dates = ['1900-02-28', '2000-02-29', '2024-02-29', '2100-02-28', '2025-01-31', '2025-03-31'];
    dates.push('2025-05-31', '2025-08-30', '2025-12-31', '1900-01-01', '2199-12-31', '2026-11-30');
    const wrong: string[] = [];
    for (const date of dates)
      for (let months = -400; months <= 400; months++)
        if (addMonths(date, months) !== addMonthsByDate(date, months)) wrong.push(`${date} + ${months}`);
    expect(wrong).toEqual([]);
  });

  it('leaves what is not a whole number of months on a real date to the Date-based way', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-06-30', 1.5)).toBe(addMonthsByDate('2025-06-30', 1.5));
    expect(addMonths('9999-06-30', 12)).toBe(addMonthsByDate('9999-06-30', 12));
    expect(() => addMonths('2025-13-01', 1)).toThrow(RangeError);
    expect(() => addMonths('not a date', 1)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  /** daysBetween as it was, on Date objects. */
  const byDate = (from: string, to: string) =>
    Math.round((new Date(`${to}T00:00:00Z`).getTime() - new Date(`${from}T00:00:00Z`).getTime()) / DAY);

  it('gives the Date-based answer from 1970-01-01 and between dates on every day from 1899 to 2200', () => {
    const wrong: string[] = [];
    let previous = '1898-12-31';
    for (let t = Date.UTC(1899, 0, 1); t <= Date.UTC(2200, 11, 31); t += DAY) {
      const date = iso(t);
      if (daysBetween('1970-01-01', date) !== byDate('1970-01-01', date)) wrong.push(date);
      if (daysBetween(previous, date) !== 1 || daysBetween(date, '2025-06-30') !== byDate(date, '2025-06-30'))
        wrong.push(`${previous}..${date}`);
      previous = date;
    }
    expect(wrong).toEqual([]);
  });

  it('leaves what is not a real YYYY-MM-DD date to the Date-based way', () => {
    for (const odd of ['0001-01-01', '0099-12-31', '9999-12-31', '2025-02-29', '2025-13-01', '2025-6-30'])
      expect(Object.is(daysBetween('1970-01-01', odd), byDate('1970-01-01', odd))).toBe(true);
  });
});
