import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { type EventEnvelope, EventEnvelopeSchema } from './envelope.ts';

/**
 * The one decoder of outbox rows as they come off the table's stream — locally from
 * GetRecords, in AWS from the Pipe (an EventBridge event whose detail is the stream record).
 */
export interface StreamRecordLike {
  eventName?: string;
  dynamodb?: { NewImage?: Record<string, unknown>; SequenceNumber?: string };
}

export type Decoded =
  | { kind: 'not-an-event' }
  | { kind: 'event'; event: EventEnvelope }
  | { kind: 'malformed'; eventId: string; reason: string; raw: unknown };

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
    const image = Object.entries(record.dynamodb!.NewImage!).map(([k, v]) => [k, restoreEmptyMaps(v)]);
    row = unmarshall(Object.fromEntries(image) as Record<string, AttributeValue>);
  } catch (error) {
    return {
      kind: 'malformed',
      eventId: record.dynamodb?.SequenceNumber ?? 'unknown',
      reason: String(error),
      raw: record,
    };
  }
  return decodeEvent(row.event, String(row.PK ?? '').replace(/^EVENT#/, '') || 'unknown');
}

/** Validates an envelope against the catalog; a malformed one comes back with its reason. */
export function decodeEvent(raw: unknown, fallbackId = 'unknown'): Decoded {
  const parsed = EventEnvelopeSchema.safeParse(raw);
  if (parsed.success) return { kind: 'event', event: parsed.data };
  const eventId =
    raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string'
      ? (raw as { id: string }).id || fallbackId
      : fallbackId;
  const reason = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  return { kind: 'malformed', eventId, reason, raw };
}
