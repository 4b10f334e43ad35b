import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { type Decoded, decodeEvent } from '#events/decode.ts';

/**
 * The one decoder of outbox rows as they come off the table's stream — locally from
 * GetRecords, in AWS from the Pipe (an EventBridge event whose detail is the stream record).
 */
export interface StreamRecordLike {
  eventName?: string;
  dynamodb?: { NewImage?: Record<string, unknown>; SequenceNumber?: string };
}

/** True for a stream record that inserts an outbox row (the Pipe's filter says the same). */
export function isOutboxInsert(record: StreamRecordLike): boolean {
  const entity = record.dynamodb?.NewImage?.entity as { S?: string } | undefined;
  return record.eventName === 'INSERT' && entity?.S === 'Event';
}

/**
 * The streams client reads an empty map (`{"M":{}}`) as an attribute value with no member
 * set (`{}`); put the map back so unmarshall accepts it.
 */
function restoreEmptyMaps(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const av = value as Record<string, unknown>;
  if (Object.keys(av).length === 0) return { M: {} };
  if (av.M && typeof av.M === 'object') {
    return { M: Object.fromEntries(Object.entries(av.M).map(([k, v]) => [k, restoreEmptyMaps(v)])) };
  }
  if (Array.isArray(av.L)) return { L: av.L.map(restoreEmptyMaps) };
  return av;
}

export function decodeStreamRecord(record: StreamRecordLike): Decoded {
  if (!isOutboxInsert(record)) return { kind: 'not-an-event' };
  let row: Record<string, unknown>;
  try {
    const image = Object.entries(record.dynamodb?.NewImage ?? {}).map(([k, v]) => [k, restoreEmptyMaps(v)]);
    row = unmarshall(Object.fromEntries(image) as Record<string, AttributeValue>);
  } catch (error) {
    const eventId = record.dynamodb?.SequenceNumber ?? 'unknown';
    return { kind: 'malformed', eventId, reason: String(error), raw: JSON.parse(JSON.stringify(record)) };
  }
  return decodeEvent(row.event, String(row.PK ?? '').replace(/^EVENT#/, '') || 'unknown');
}
