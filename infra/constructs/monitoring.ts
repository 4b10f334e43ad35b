import { Duration, NestedStack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC_NAMES, METRICS_NAMESPACE } from '../../shared/metrics.ts';

export interface MonitoringProps {
  /** Where alarm notifications go (an e-mail subscription on the alarm topic). @default none: subscribe later */
  readonly alarmEmail?: string;
}

export interface FunctionAlarmOptions {
  /** p99 duration above this, three 5-minute periods running, raises the alarm. @default 3 seconds */
  readonly p99Duration?: Duration;
}

export interface DeadLetterQueueAlarmOptions {
  /**
   * Oldest message older than this raises the age alarm: failures nobody has looked at.
   * Keep it well under the queue's retention period. @default 2 days
   */
  readonly maxAge?: Duration;
}

const PERIOD = Duration.minutes(5);

/**
 * Alarms, their SNS topic and the CloudWatch dashboard, in one place. Other constructs hand
 * in what they add (`monitorFunction`, `monitorDeadLetterQueue`); each call adds the
 * alarms and the dashboard widgets for it. Every alarm notifies the topic when it fires
 * and when it recovers.
 *
 * A nested stack of its own: the alarms are ≈ 70 resources, and CloudFormation allows 500 per
 * stack. What they watch (function names, queue names, the table, the API) comes in as the
 * nested stack's parameters; the alarms a canary deployment needs go back out as its outputs.
 */
export class Monitoring extends NestedStack {
  readonly topic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: MonitoringProps = {}) {
    super(scope, id, { description: 'Jingrong alarms, their SNS topic and the dashboard' });

    // CloudWatch can only publish to an encrypted topic whose key lets it: a customer-managed key.
    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: 'Encrypts the Jingrong alarm topic',
      enableKeyRotation: true,
    });
    key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: 'Jingrong alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.topic);

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: 'Jingrong',
      defaultInterval: Duration.hours(3),
    });
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown:
          '# Jingrong 精融\nFirst the business counts and the alarms, then the HTTP API as clients see it, ' +
          'each function, the dead-letter queues and the table. How to read it: docs/operations.md.',
        width: 24,
        height: 2,
      }),
    );
    this.addBusinessWidgets();
  }

  /** 5xx answers, p99 latency, and request volume of the HTTP API. */
  monitorHttpApi(api: IHttpApi, options: { p99Latency?: Duration } = {}): void {
    const p99Latency = options.p99Latency ?? Duration.seconds(2);
    const serverErrors = api.metricServerError({ period: PERIOD, statistic: 'Sum' });
    const latencyP99 = api.metricLatency({ period: PERIOD, statistic: 'p99' });
    this.alarm('Api5xx', serverErrors, {
      threshold: 5,
      description: 'The HTTP API answered 5 or more requests with 5xx in 5 minutes.',
    });
    this.alarm('ApiLatencyP99', latencyP99, {
      threshold: p99Latency.toMilliseconds(),
      evaluationPeriods: 3,
      description: `The HTTP API's p99 latency stayed above ${p99Latency.toMilliseconds()} ms for 15 minutes.`,
    });
    this.dashboard.addWidgets(
      graph('API requests', [api.metricCount({ period: PERIOD, statistic: 'Sum' })]),
      graph('API errors', [api.metricClientError({ period: PERIOD, statistic: 'Sum' }), serverErrors]),
      graph('API latency (ms)', [
        api.metricLatency({ period: PERIOD, statistic: 'p50' }),
        latencyP99,
        api.metricIntegrationLatency({ period: PERIOD, statistic: 'p99' }),
      ]),
    );
  }

  /** Errors, throttles and p99 duration of one function; returns its alarms (e.g. to guard a canary). */
  monitorFunction(name: string, fn: IFunction, options: FunctionAlarmOptions = {}): cloudwatch.Alarm[] {
    const p99 = options.p99Duration ?? Duration.seconds(3);
    const errors = fn.metricErrors({ period: PERIOD, statistic: 'Sum' });
    const throttles = fn.metricThrottles({ period: PERIOD, statistic: 'Sum' });
    const durationP99 = fn.metricDuration({ period: PERIOD, statistic: 'p99' });
    const alarms = [
      this.alarm(`${name}Errors`, errors, {
        threshold: 1,
        description: `${name}: the function failed (uncaught error, timeout or crash at cold start).`,
      }),
      this.alarm(`${name}Throttles`, throttles, {
        threshold: 1,
        description: `${name}: invocations were throttled (account or reserved concurrency reached).`,
      }),
    ];
    this.alarm(`${name}DurationP99`, durationP99, {
      threshold: p99.toMilliseconds(),
      evaluationPeriods: 3,
      description: `${name}: p99 duration stayed above ${p99.toMilliseconds()} ms for 15 minutes.`,
    });
    this.dashboard.addWidgets(
      graph(`${name}: invocations, errors, throttles`, [
        fn.metricInvocations({ period: PERIOD, statistic: 'Sum' }),
        errors,
        throttles,
      ]),
      graph(`${name}: duration (ms)`, [fn.metricDuration({ period: PERIOD, statistic: 'p50' }), durationP99]),
    );
    return alarms;
  }

  /** Depth (any message at all) and age of the oldest message of a dead-letter queue. */
  monitorDeadLetterQueue(name: string, queue: IQueue, options: DeadLetterQueueAlarmOptions = {}): void {
    const maxAge = options.maxAge ?? Duration.days(2);
    const depth = queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum' });
    const age = queue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: 'Maximum' });
    this.alarm(`${name}Depth`, depth, {
      threshold: 1,
      description: `${name}: messages landed in the dead-letter queue (see docs/operations.md to redrive).`,
    });
    this.alarm(`${name}Age`, age, {
      threshold: maxAge.toSeconds(),
      description: `${name}: a dead-lettered message has waited more than ${maxAge.toHumanString()}.`,
    });
    this.dashboard.addWidgets(graph(`${name}: messages`, [depth]), graph(`${name}: oldest (s)`, [age]));
  }

  /** Age of the oldest message of a work queue: its consumer is failing or falling behind. */
  monitorQueueAge(name: string, queue: IQueue, maxAge: Duration = Duration.minutes(15)): void {
    const age = queue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: 'Maximum' });
    this.alarm(`${name}Age`, age, {
      threshold: maxAge.toSeconds(),
      description: `${name}: a message has waited more than ${maxAge.toHumanString()} for its consumer.`,
    });
    this.dashboard.addWidgets(graph(`${name}: oldest (s)`, [age]));
  }

  /** Throttled requests and system errors of the table. */
  monitorTable(table: ITable): void {
    const throttled = new cloudwatch.MathExpression({
      expression: 'r + w',
      usingMetrics: {
        r: table.metric('ReadThrottleEvents', { period: PERIOD, statistic: 'Sum' }),
        w: table.metric('WriteThrottleEvents', { period: PERIOD, statistic: 'Sum' }),
      },
      label: 'throttle events',
      period: PERIOD,
    });
    this.alarm('TableThrottles', throttled, {
      threshold: 1,
      description: 'DynamoDB throttled reads or writes on the table.',
    });
    this.dashboard.addWidgets(
      graph('Table: consumed capacity', [
        table.metricConsumedReadCapacityUnits({ period: PERIOD, statistic: 'Sum' }),
        table.metricConsumedWriteCapacityUnits({ period: PERIOD, statistic: 'Sum' }),
      ]),
      graph('Table: throttles', [throttled]),
    );
  }

  /** The counts the code emits through its metrics port (shared/metrics.ts), summed over every service. */
  private addBusinessWidgets(): void {
    const byName = (name: string) =>
      new cloudwatch.MathExpression({
        expression: `SUM(SEARCH('{${METRICS_NAMESPACE},service} MetricName="${name}"', 'Sum', 300))`,
        label: name,
        period: PERIOD,
      });
    this.dashboard.addWidgets(
      graph(
        'Business: requests, matches, leads',
        METRIC_NAMES.filter((n) => n !== 'DeadlineMisses' && n !== 'WebhookFailures').map(byName),
      ),
      graph('Business: deadline misses, webhook failures', [
        byName('DeadlineMisses'),
        byName('WebhookFailures'),
      ]),
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 8, height: 6 }),
    );
  }

  private alarm(
    id: string,
    metric: cloudwatch.IMetric,
    options: { threshold: number; evaluationPeriods?: number; description: string },
  ): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold: options.threshold,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: options.description,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }
}

function graph(title: string, metrics: cloudwatch.IMetric[]): cloudwatch.GraphWidget {
  return new cloudwatch.GraphWidget({ title, left: metrics, width: 8, height: 6 });
}
