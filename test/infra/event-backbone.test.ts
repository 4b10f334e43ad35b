import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSUMER_TABLE_ACCESS, SWEEP_TABLE_ACCESS } from '../../functions/consumer/permissions.ts';
import {
  CONSUMER_MAX_RECEIVE_COUNT,
  OUTBOX_FILTER,
  PIPE_MAX_RETRY_ATTEMPTS,
} from '../../infra/constructs/event-backbone.ts';
import { JingrongStack } from '../../infra/stack.ts';
import { CONSUMER_NAMES, OUTBOX_EVENT_SOURCE, ROUTES } from '../../shared/events/routing.ts';

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;
let app: App;
let template: Template;
let resources: Resources;
/** The alarms live in the monitoring nested stack. */
let monitoringResources: Resources;
let outdir: string;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'jingrong-backbone-cdk-'));
  const context = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context;
  app = new App({ context, outdir });
  const stack = new JingrongStack(app, 'Jingrong');
  const json = app.synth().getStackArtifact(stack.artifactId).template;
  template = Template.fromJSON(json);
  resources = json.Resources;
  monitoringResources = Template.fromStack(stack.monitoring).toJSON().Resources;
  // Bundles every function of the stack: slow on a busy machine.
}, 240_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const idOf = (type: string, prefix: string) => {
  const found = ofType(type).filter(([id]) => id.startsWith(prefix));
  expect(found, `${type} ${prefix}`).toHaveLength(1);
  return found[0]![0];
};
const pascal = (name: string) => name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());

describe('event backbone: stream → Pipe → bus', () => {
  it('a Pipe reads the table stream, keeps outbox inserts only, retries a bounded number of times, then its DLQ', () => {
    const table = idOf('AWS::DynamoDB::Table', 'Table');
    const bus = idOf('AWS::Events::EventBus', 'EventBackboneBus');
    const dlq = idOf('AWS::SQS::Queue', 'EventBackbonePipeDeadLetters');
    template.hasResourceProperties('AWS::Pipes::Pipe', {
      Source: { 'Fn::GetAtt': [table, 'StreamArn'] },
      SourceParameters: {
        DynamoDBStreamParameters: {
          StartingPosition: 'TRIM_HORIZON',
          BatchSize: 10,
          MaximumRetryAttempts: PIPE_MAX_RETRY_ATTEMPTS,
          OnPartialBatchItemFailure: 'AUTOMATIC_BISECT',
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq, 'Arn'] } },
        },
        FilterCriteria: { Filters: [{ Pattern: JSON.stringify(OUTBOX_FILTER) }] },
      },
      Target: { 'Fn::GetAtt': [bus, 'Arn'] },
      TargetParameters: {
        EventBridgeEventBusParameters: {
          Source: OUTBOX_EVENT_SOURCE,
          DetailType: '$.dynamodb.NewImage.eventType.S',
        },
      },
    });
    expect(PIPE_MAX_RETRY_ATTEMPTS).toBeGreaterThan(0);
  });

  it('the Pipe role holds exactly: read the stream, put on the bus, send to its DLQ', () => {
    const role = idOf('AWS::IAM::Role', 'EventBackbonePipeRole');
    const policy = ofType('AWS::IAM::Policy').find(([, p]) =>
      JSON.stringify(p.Properties?.Roles).includes(role),
    )![1];
    const statements = (policy.Properties!.PolicyDocument as { Statement: { Action: string | string[] }[] })
      .Statement;
    expect(statements.map((s) => s.Action)).toEqual([
      ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      'dynamodb:ListStreams',
      'events:PutEvents',
      'sqs:SendMessage',
    ]);
  });
});

describe('event backbone: one rule, queue, DLQ and function per consumer', () => {
  it.each(CONSUMER_NAMES)('%s', (name) => {
    const base = `EventBackbone${pascal(name)}`;
    const queue = idOf('AWS::SQS::Queue', `${base}Queue`);
    const dlq = idOf('AWS::SQS::Queue', `${base}DeadLetters`);
    // The rule routes exactly the routing table's types from the outbox to the queue.
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: [OUTBOX_EVENT_SOURCE], 'detail-type': [...ROUTES[name]] },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [queue, 'Arn'] } })],
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] },
        maxReceiveCount: CONSUMER_MAX_RECEIVE_COUNT,
      },
      SqsManagedSseEnabled: true,
    });
    // Partial batch failures: one bad record is retried alone.
    const fn = idOf('AWS::Lambda::Function', `${base}Consumer`);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: fn },
      EventSourceArn: { 'Fn::GetAtt': [queue, 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ CONSUMER: name }) },
    });
    // Exactly the table actions the consumer calls, on the table and the indexes it queries.
    const role = idOf('AWS::IAM::Role', `${base}ConsumerRole`);
    const policies = ofType('AWS::IAM::Policy').filter(([, p]) =>
      JSON.stringify(p.Properties?.Roles).includes(role),
    );
    const tableStatements = policies
      .flatMap(
        ([, p]) => (p.Properties!.PolicyDocument as { Statement: { Action: string | string[] }[] }).Statement,
      )
      .filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
    expect(tableStatements.map((s) => s.Action)).toEqual([[...CONSUMER_TABLE_ACCESS[name].actions].sort()]);
    // Alarms on the DLQ's depth and age and on the queue's age.
    for (const alarm of [`${pascal(name)}DLQDepth`, `${pascal(name)}DLQAge`, `${pascal(name)}QueueAge`]) {
      expect(
        Object.entries(monitoringResources).some(
          ([id, r]) => r.Type === 'AWS::CloudWatch::Alarm' && id.includes(alarm),
        ),
        alarm,
      ).toBe(true);
    }
  });
});

describe('event backbone: the sweep', () => {
  it('runs every minute with exactly the table actions it calls', () => {
    const fn = idOf('AWS::Lambda::Function', 'EventBackboneSweep');
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [fn, 'Arn'] } })],
    });
    const role = idOf('AWS::IAM::Role', 'EventBackboneSweepRole');
    const statement = ofType('AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties?.Roles).includes(role))
      .flatMap(([, p]) => (p.Properties!.PolicyDocument as { Statement: { Action: string[] }[] }).Statement)
      .find((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
    expect(statement?.Action).toEqual([...SWEEP_TABLE_ACCESS.actions].sort());
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged in the backbone', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    const summary = report.violations
      .map(
        (v) => `${v.severity} ${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
      )
      .filter((line) => line.includes('EventBackbone'));
    expect(summary).toEqual([]);
  });
});
