import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Monitoring } from '../../infra/constructs/monitoring.ts';
import { METRIC_NAMES, METRICS_NAMESPACE } from '../../shared/metrics.ts';

type Resource = { Type: string; Properties: Record<string, unknown> };
let resources: Record<string, Resource>;
let topicId: string;

function alarms() {
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
    .map((r) => r.Properties);
}

function alarmOn(metricName: string, extra: Record<string, unknown> = {}) {
  const found = alarms().filter(
    (a) => a.MetricName === metricName && Object.entries(extra).every(([k, v]) => a[k] === v),
  );
  expect(found, metricName).toHaveLength(1);
  return found[0]!;
}

beforeAll(() => {
  // Prepare: a stack with one of everything the construct watches, the way other constructs hand them in.
  const stack = new Stack(new App(), 'Watched');
  const monitoring = new Monitoring(stack, 'Monitoring', { alarmEmail: 'oncall@example.com' });
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('export const handler = async () => {}'),
  });
  const dlq = new sqs.Queue(stack, 'Dlq', { retentionPeriod: Duration.days(14) });
  const table = new dynamodb.Table(stack, 'Table', {
    partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING },
  });
  monitoring.monitorHttpApi(new HttpApi(stack, 'Api'));
  monitoring.monitorFunction('Consumer', fn, { p99Duration: Duration.seconds(5) });
  monitoring.monitorDeadLetterQueue('ConsumerDlq', dlq, { maxAge: Duration.days(3) });
  monitoring.monitorTable(table);
  const json = Template.fromStack(monitoring).toJSON();
  resources = json.Resources;
  topicId = Object.entries(resources).find(([, r]) => r.Type === 'AWS::SNS::Topic')![0];
});

describe('monitoring', () => {
  it('sends every alarm, and its recovery, to one encrypted topic with an e-mail subscription', () => {
    const topic = resources[topicId]!.Properties;
    expect(topic.KmsMasterKeyId).toBeDefined();
    const subscriptions = Object.values(resources).filter((r) => r.Type === 'AWS::SNS::Subscription');
    expect(subscriptions.map((s) => s.Properties)).toEqual([
      { Protocol: 'email', Endpoint: 'oncall@example.com', TopicArn: { Ref: topicId } },
    ]);
    expect(alarms()).toHaveLength(8);
    for (const alarm of alarms()) {
      expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.OKActions).toEqual([{ Ref: topicId }]);
      expect(alarm.TreatMissingData).toBe('notBreaching');
    }
  });

  it('lets CloudWatch use the topic key, and rotates it', () => {
    const [key] = Object.values(resources).filter((r) => r.Type === 'AWS::KMS::Key');
    expect(key!.Properties.EnableKeyRotation).toBe(true);
    const statements = (key!.Properties.KeyPolicy as { Statement: Array<Record<string, unknown>> }).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        Principal: { Service: 'cloudwatch.amazonaws.com' },
      }),
    );
  });

  it('alarms on function errors, throttles and p99 duration', () => {
    expect(alarmOn('Errors', { Namespace: 'AWS/Lambda' })).toMatchObject({ Threshold: 1, Statistic: 'Sum' });
    expect(alarmOn('Throttles')).toMatchObject({ Threshold: 1, Statistic: 'Sum' });
    expect(alarmOn('Duration')).toMatchObject({
      Threshold: 5000,
      ExtendedStatistic: 'p99',
      EvaluationPeriods: 3,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('alarms on the HTTP API 5xx count and p99 latency', () => {
    expect(alarmOn('5xx')).toMatchObject({ Namespace: 'AWS/ApiGateway', Threshold: 5 });
    expect(alarmOn('Latency')).toMatchObject({ ExtendedStatistic: 'p99', Threshold: 2000 });
  });

  it('alarms on any message in a dead-letter queue and on its oldest message age', () => {
    expect(alarmOn('ApproximateNumberOfMessagesVisible')).toMatchObject({
      Namespace: 'AWS/SQS',
      Threshold: 1,
    });
    expect(alarmOn('ApproximateAgeOfOldestMessage')).toMatchObject({ Threshold: 3 * 24 * 3600 });
  });

  it('alarms on table throttling', () => {
    const [throttles] = alarms().filter((a) => Array.isArray(a.Metrics));
    const ids = (throttles!.Metrics as Array<{ MetricStat?: { Metric: { MetricName: string } } }>)
      .map((m) => m.MetricStat?.Metric.MetricName)
      .filter(Boolean);
    expect(ids.sort()).toEqual(['ReadThrottleEvents', 'WriteThrottleEvents']);
  });

  it('has a dashboard with the business counts, the alarms and a widget per watched resource', () => {
    const [dashboard] = Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboard!.Properties.DashboardBody);
    for (const name of METRIC_NAMES) expect(body).toContain(`MetricName=\\\\\\"${name}\\\\\\"`);
    expect(body).toContain(`{${METRICS_NAMESPACE},service}`);
    for (const title of ['API latency (ms)', 'Consumer: duration (ms)', 'ConsumerDlq: messages', 'Alarms']) {
      expect(body).toContain(title);
    }
  });
});
