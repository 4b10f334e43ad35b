import type { IsoDate } from '../text.ts';

/**
 * China's public holidays and 调休 make-up working days, as the General Office of the
 * State Council publishes them each year (国务院办公厅关于 YYYY 年部分节假日安排的通知,
 * usually in November for the next year). Kept as data, one entry per holiday of the notice:
 * `off` is the closed range it announces, `work` the weekend days worked instead.
 *
 * To add a year: copy its notice here and add a test on one of its dates
 * (test/domain/calendar.test.ts). Years without a notice fall back to Mon–Fri.
 */
export interface HolidayNotice {
  year: number;
  /** The notice's document number or title, so the data can be checked against it. */
  source: string;
  holidays: { name: { zh: string; en: string }; off: [IsoDate, IsoDate]; work?: IsoDate[] }[];
}

export const CN_HOLIDAY_NOTICES: readonly HolidayNotice[] = [
  {
    year: 2025,
    source: '国办发明电〔2024〕12号 国务院办公厅关于2025年部分节假日安排的通知',
    holidays: [
      { name: { zh: '元旦', en: "New Year's Day" }, off: ['2025-01-01', '2025-01-01'] },
      {
        name: { zh: '春节', en: 'Spring Festival' },
        off: ['2025-01-28', '2025-02-04'],
        work: ['2025-01-26', '2025-02-08'],
      },
      { name: { zh: '清明节', en: 'Qingming Festival' }, off: ['2025-04-04', '2025-04-06'] },
      {
        name: { zh: '劳动节', en: 'Labour Day' },
        off: ['2025-05-01', '2025-05-05'],
        work: ['2025-04-27'],
      },
      { name: { zh: '端午节', en: 'Dragon Boat Festival' }, off: ['2025-05-31', '2025-06-02'] },
      {
        name: { zh: '国庆节、中秋节', en: 'National Day and Mid-Autumn Festival' },
        off: ['2025-10-01', '2025-10-08'],
        work: ['2025-09-28', '2025-10-11'],
      },
    ],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月）',
    holidays: [
      {
        name: { zh: '元旦', en: "New Year's Day" },
        off: ['2026-01-01', '2026-01-03'],
        work: ['2026-01-04'],
      },
      {
        name: { zh: '春节', en: 'Spring Festival' },
        off: ['2026-02-15', '2026-02-23'],
        work: ['2026-02-14', '2026-02-28'],
      },
      { name: { zh: '清明节', en: 'Qingming Festival' }, off: ['2026-04-04', '2026-04-06'] },
      {
        name: { zh: '劳动节', en: 'Labour Day' },
        off: ['2026-05-01', '2026-05-05'],
        work: ['2026-05-09'],
      },
      { name: { zh: '端午节', en: 'Dragon Boat Festival' }, off: ['2026-06-19', '2026-06-21'] },
      { name: { zh: '中秋节', en: 'Mid-Autumn Festival' }, off: ['2026-09-25', '2026-09-27'] },
      {
        name: { zh: '国庆节', en: 'National Day' },
        off: ['2026-10-01', '2026-10-07'],
        work: ['2026-09-20', '2026-10-10'],
      },
    ],
  },
];
