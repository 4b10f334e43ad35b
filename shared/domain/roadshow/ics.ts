import type { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { toShanghaiLocal, type Venue } from './roadshow.ts';

/**
 * The calendar file (.ics, RFC 5545) sent with a roadshow invitation, one per attendee: a
 * firm gets its pitch slot, a fund the sessions it sits in. Times carry TZID=Asia/Shanghai
 * with the Asia/Shanghai wall clock, and the file holds the VTIMEZONE (UTC+8, no daylight
 * saving). A change is re-sent with the same UIDs and a higher SEQUENCE; a cancellation with
 * METHOD:CANCEL and STATUS:CANCELLED.
 *
 * ical-generator turns a calendar-wide time zone into floating DTSTAMPs and writes a Date's UTC
 * fields under TZID, so times are given as Shanghai wall-clock strings per event and the
 * VTIMEZONE is added here.
 *
 * The calendar writer is loaded on the first file made, not with the module: only the calendar
 * downloads and a fund's roadshow webhook need it, so the functions that carry this code do not
 * compile it at every cold start (see LAMBDA_BUNDLING.lazyModules).
 */
export const SHANGHAI_TZID = 'Asia/Shanghai';

const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${SHANGHAI_TZID}`,
  'X-LIC-LOCATION:Asia/Shanghai',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:CST',
  'DTSTART:19700101T000000',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

export interface CalendarEvent {
  /** Stable across re-sends, e.g. `<roadshowId>.<sessionId>.<attendeeId>@jingrong`. */
  uid: string;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description?: string | undefined;
}

export interface RoadshowCalendar {
  method: 'REQUEST' | 'CANCEL';
  /** The roadshow's revision: 0 when first published, +1 for each change sent. */
  sequence: number;
  /** When the file is made (DTSTAMP). */
  stamp: Date;
  name: string;
  venue: Venue;
  organizer: { name: string; email: string };
  attendee: { name: string; email?: string | undefined };
  events: readonly CalendarEvent[];
}

function wallClock(instant: Date): string {
  return `${toShanghaiLocal(instant)}:00`;
}

export async function roadshowIcs(cal: RoadshowCalendar): Promise<string> {
  const { default: ical } = await import('ical-generator');
  const calendar = ical({
    name: cal.name,
    prodId: { company: 'jingrong', product: 'roadshow', language: 'ZH' },
    // The library's enums by value (they are its strings), so only its default export is loaded.
    method: (cal.method === 'CANCEL' ? 'CANCEL' : 'REQUEST') as ICalCalendarMethod,
  });
  for (const e of cal.events) {
    calendar.createEvent({
      id: e.uid,
      sequence: cal.sequence,
      stamp: cal.stamp,
      start: wallClock(e.startsAt),
      end: wallClock(e.endsAt),
      timezone: SHANGHAI_TZID,
      summary: e.summary,
      ...(e.description ? { description: e.description } : {}),
      location: cal.venue.kind === 'onsite' ? cal.venue.address : cal.venue.url,
      ...(cal.venue.kind === 'online' ? { url: cal.venue.url } : {}),
      status: (cal.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED') as ICalEventStatus,
      organizer: { name: cal.organizer.name, email: cal.organizer.email },
      // An attendee without an e-mail address (in-app only) is named in the summary, not as ATTENDEE.
      attendees: cal.attendee.email ? [{ name: cal.attendee.name, email: cal.attendee.email }] : [],
    });
  }
  const text = calendar.toString();
  const at = text.indexOf('BEGIN:VEVENT');
  return at < 0 ? text : `${text.slice(0, at)}${VTIMEZONE}\r\n${text.slice(at)}`;
}
