import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import type { Context as HonoContext } from 'hono';
import type { Logger as AppLogger } from '#shared/logger.ts';
import { METRICS_NAMESPACE, type MetricsPort } from '#shared/metrics.ts';
import { withOriginalStacks } from './stack-traces.ts';

/**
 * Powertools for AWS Lambda, set up once per function at cold start: JSON logs with the
 * Lambda context and API Gateway's request id as correlation id (the same id as the
 * `requestId` of the API access log), business counts as CloudWatch embedded-metric-format
 * lines, flushed after every invocation. Tracing is Lambda's active X-Ray tracing (see
 * docs/operations.md for why the SDK tracer is not bundled).
 */
export function lambdaObservability(serviceName: string) {
  const logger = new Logger({ serviceName });
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName });
  const metricsPort: MetricsPort = {
    count: (name, value = 1) => metrics.addMetric(name, MetricUnit.Count, value),
  };
  // The app's logger port on Powertools: same (message, fields) calls, Powertools' JSON lines.
  // Errors logged as warnings or errors carry their stacks in source terms (./stack-traces.ts).
  const appLogger: AppLogger = {
    debug: (msg, fields) => logger.debug(msg, fields ?? {}),
    info: (msg, fields) => logger.info(msg, fields ?? {}),
    warn: (msg, fields) => logger.warn(msg, fields ? withOriginalStacks(fields) : {}),
    error: (msg, fields) => logger.error(msg, fields ? withOriginalStacks(fields) : {}),
  };
  return { logger, appLogger, metrics, metricsPort };
}
export type LambdaObservability = ReturnType<typeof lambdaObservability>;

/** Wraps an HTTP API handler: context and correlation id on every log line, metrics flushed after each call. */
export function observed<E extends { requestContext: { requestId: string } }, R>(
  observability: LambdaObservability,
  handler: (event: E, context: Context) => Promise<R>,
): (event: E, context: Context) => Promise<R> {
  const { logger, metrics } = observability;
  return async (event, context) => {
    logger.addContext(context);
    logger.setCorrelationId(event.requestContext.requestId);
    metrics.captureColdStartMetric(context.functionName);
    try {
      return await handler(event, context);
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}

/** The app's request id in Lambda: API Gateway's own, so app logs and access logs share it. */
export function apiGatewayRequestId(c: HonoContext): string | undefined {
  const env = c.env as { requestContext?: { requestId?: string } } | undefined;
  return env?.requestContext?.requestId;
}
