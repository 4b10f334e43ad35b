import type { Logger } from './logger.ts';

/**
 * Business metrics, emitted through one small port so use cases and consumers never
 * depend on how they are published: CloudWatch (embedded metric format, through
 * Powertools) in Lambda, a debug log line locally, nothing in tests.
 */
/** CloudWatch namespace of the business metrics (the stack's alarms and dashboard read it). */
export const METRICS_NAMESPACE = 'Jingrong';

export const METRIC_NAMES = [
  /** Funding requests a firm submitted. */
  'RequestsSubmitted',
  /** Products a matching run found eligible (value = number of matches). */
  'Matches',
  /** Leads sent to institutions (value = number of leads). */
  'LeadsSent',
  /** Leads an institution answered for the first time (accepted, asked for information or declined). */
  'LeadsAnswered',
  /** Leads whose response deadline passed unanswered. */
  'DeadlineMisses',
  /** Webhook deliveries that failed (after the consumer gave up on a delivery attempt). */
  'WebhookFailures',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export interface MetricsPort {
  /** Adds `value` (default 1) to the named count. Never throws, never awaits. */
  count(name: MetricName, value?: number): void;
}

/** Tests and tools: metrics go nowhere. */
export const noMetrics: MetricsPort = { count() {} };

/** Local mode: one debug line per count, so `LOG_LEVEL=debug npm start` shows them. */
export function logMetrics(logger: Logger): MetricsPort {
  return { count: (name, value = 1) => logger.debug('metric', { metric: name, value }) };
}

/** Test helper and in-process tally: counts kept in a map. */
export function tallyMetrics(): MetricsPort & { counts: Map<MetricName, number> } {
  const counts = new Map<MetricName, number>();
  return { counts, count: (name, value = 1) => counts.set(name, (counts.get(name) ?? 0) + value) };
}
