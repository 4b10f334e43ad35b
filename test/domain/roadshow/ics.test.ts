import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { type RoadshowCalendar, roadshowIcs } from '#domain/roadshow/ics.ts';

const base: RoadshowCalendar = {
  method: 'REQUEST',
  sequence: 0,
  stamp: new Date('2026-11-29T05:00:00Z'),
  name: '新材料产业链专场路演',
  venue: { kind: 'onsite', address: '厦门市思明区软件园二期' },
  organizer: { name: '厦门市工业和信息化局', email: 'roadshow@xiamen.demo' },
  attendee: { name: '国家中小企业发展基金厦门子基金', email: 'officer@national-sme-fund-xiamen.demo' },
  events: [
    {
      uid: 'rs-1.s1.fund-a@jingrong',
      startsAt: new Date('2026-12-03T01:30:00Z'),
      endsAt: new Date('2026-12-03T02:30:00Z'),
      summary: '路演第1场',
      description: '6个路演项目',
    },
    {
      uid: 'rs-1.s2.fund-a@jingrong',
      startsAt: new Date('2026-12-03T15:30:00Z'), // 23:30 Shanghai — the date must not slip
      endsAt: new Date('2026-12-03T16:30:00Z'), // 00:30 the next day in Shanghai
      summary: '路演第2场',
    },
  ],
};

/** Parses with ical.js (an independent RFC 5545 implementation), registering the file's own VTIMEZONE. */
function parse(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const tz = cal.getFirstSubcomponent('vtimezone');
  if (tz) ICAL.TimezoneService.register(new ICAL.Timezone(tz));
  return {
    method: cal.getFirstPropertyValue('method'),
    events: cal.getAllSubcomponents('vevent').map((v) => {
      const e = new ICAL.Event(v);
      return {
        uid: e.uid,
        sequence: e.sequence,
        tzid: e.startDate.zone?.tzid,
        wallStart: e.startDate.toString(),
        start: e.startDate.toJSDate().toISOString(),
        end: e.endDate.toJSDate().toISOString(),
        status: v.getFirstPropertyValue('status'),
        stampIsUtc: (v.getFirstPropertyValue('dtstamp') as ICAL.Time).zone === ICAL.Timezone.utcTimezone,
        location: e.location,
      };
    }),
  };
}

describe('roadshow .ics files', () => {
  it('carry Asia/Shanghai wall-clock times that resolve to the right instants', async () => {
    const text = await roadshowIcs(base);
    expect(text).toContain('DTSTART;TZID=Asia/Shanghai:20261203T093000');
    expect(text).toContain('BEGIN:VTIMEZONE');
    const parsed = parse(text);
    expect(parsed.method).toBe('REQUEST');
    expect(parsed.events).toEqual([
      {
        uid: 'rs-1.s1.fund-a@jingrong',
        sequence: 0,
        tzid: 'Asia/Shanghai',
        wallStart: '2026-12-03T09:30:00',
        start: '2026-12-03T01:30:00.000Z',
        end: '2026-12-03T02:30:00.000Z',
        status: 'CONFIRMED',
        stampIsUtc: true,
        location: '厦门市思明区软件园二期',
      },
      expect.objectContaining({
        wallStart: '2026-12-03T23:30:00',
        start: '2026-12-03T15:30:00.000Z',
        end: '2026-12-03T16:30:00.000Z',
      }),
    ]);
  });

  it('re-send a change with the same UIDs and a higher SEQUENCE', async () => {
    const first = parse(await roadshowIcs(base)).events;
    const changed = parse(await roadshowIcs({ ...base, sequence: 1 })).events;
    expect(changed.map((e) => e.uid)).toEqual(first.map((e) => e.uid));
    expect(changed.every((e, i) => e.sequence > first[i]!.sequence)).toBe(true);
  });

  it('cancel with METHOD:CANCEL and STATUS:CANCELLED', async () => {
    const parsed = parse(await roadshowIcs({ ...base, method: 'CANCEL', sequence: 2 }));
    expect(parsed.method).toBe('CANCEL');
    expect(parsed.events.map((e) => [e.status, e.sequence])).toEqual([
      ['CANCELLED', 2],
      ['CANCELLED', 2],
    ]);
  });

  it('put an online link in LOCATION and URL', async () => {
    const text = await roadshowIcs({
      ...base,
      venue: { kind: 'online', url: 'https://meeting.example.cn/r/1' },
    });
    expect(parse(text).events[0]!.location).toBe('https://meeting.example.cn/r/1');
    expect(text).toContain('URL;VALUE=URI:https://meeting.example.cn/r/1');
  });
});
