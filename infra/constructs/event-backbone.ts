import { Duration, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CONSUMER_TABLE_ACCESS, SWEEP_TABLE_ACCESS } from '../../functions/consumer/permissions.ts';
import {
  CONSUMER_NAMES,
  type ConsumerName,
  OUTBOX_EVENT_SOURCE,
  ROUTES,
} from '../../shared/events/routing.ts';
import type { Monitoring } from './monitoring.ts';
import { ServiceFunction } from './service-function.ts';

export interface EventBackboneProps {
  readonly table: ITable;
  readonly monitoring: Monitoring;
  readonly logRetention: logs.RetentionDays;
  readonly projectRoot: string;
  readonly depsLockFilePath: string;
  /** Absolute path of a project file. */
  readonly projectPath: (relative: string) => string;
}

/** Tries of a stream batch by the Pipe before it goes to the Pipe's DLQ (Pipes retry forever by default). */
export const PIPE_MAX_RETRY_ATTEMPTS = 5;
/** Receives of a message by a consumer before SQS moves it to the consumer's DLQ. */
export const CONSUMER_MAX_RECEIVE_COUNT = 5;
/** The filter the Pipe applies: inserted outbox rows only (the stream carries every item). */
export const OUTBOX_FILTER = { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['Event'] } } } };

/** Per consumer: how long one invocation may take (re-matching reads many requests). */
const TIMEOUTS: Partial<Record<ConsumerName, Duration>> = {
  'product-rematch': Duration.minutes(15),
  'certificate-expiry': Duration.minutes(2),
  webhooks: Duration.seconds(30),
  // One signed POST per institution with a seat (5 s timeout each) and a notice per attendee.
  'roadshow-invitations': Duration.minutes(2),
};

/** `lead-deadlines` → `LeadDeadlines`, for construct ids. */
const pascal = (name: string) => name.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());

function queue(scope: Construct, id: string, props: sqs.QueueProps = {}) {
  return new sqs.Queue(scope, id, {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    ...props,
  });
}

function deadLetterQueue(scope: Construct, id: string, what: string) {
  const dlq = queue(scope, id, { retentionPeriod: Duration.days(14) });
  Validations.of(dlq).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason: `This queue is the dead-letter queue of ${what}; a DLQ has no DLQ of its own.`,
  });
  return dlq;
}

/**
 * The event backbone in AWS (docs/events.md): the table's stream → an EventBridge Pipe
 * filtered to outbox inserts (bounded retries, a DLQ) → an EventBridge bus → one rule per
 * consumer (the routing table of shared/events/routing.ts) → one SQS queue per consumer
 * (retries, a DLQ, alarms on depth and age) → the consumer function, which holds only the
 * table actions it calls. Plus the timer sweep on a one-minute schedule.
 */
export class EventBackbone extends Construct {
  readonly bus: events.EventBus;
  readonly pipe: pipes.CfnPipe;
  readonly pipeDeadLetters: sqs.Queue;
  readonly consumers = new Map<
    ConsumerName,
    { fn: ServiceFunction; queue: sqs.Queue; deadLetters: sqs.Queue }
  >();
  readonly sweep: ServiceFunction;

  constructor(scope: Construct, id: string, props: EventBackboneProps) {
    super(scope, id);
    const { table, monitoring } = props;
    const fn = (
      fid: string,
      serviceName: string,
      entry: string,
      description: string,
      timeout: Duration,
      env = {},
    ) =>
      new ServiceFunction(this, fid, {
        entry: props.projectPath(entry),
        serviceName,
        description,
        timeout,
        logRetention: props.logRetention,
        projectRoot: props.projectRoot,
        depsLockFilePath: props.depsLockFilePath,
        environment: env,
      });

    this.bus = new events.EventBus(this, 'Bus', { description: 'Jingrong domain events from the outbox' });

    // Stream → Pipe → bus.
    this.pipeDeadLetters = deadLetterQueue(this, 'PipeDeadLetters', 'the outbox Pipe');
    const pipeRole = new iam.Role(this, 'PipeRole', {
      assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com'),
      description: 'Reads the table stream, puts outbox events on the bus, dead-letters what fails',
    });
    pipeRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [table.tableStreamArn!],
      }),
    );
    pipeRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:ListStreams'],
        resources: [`${table.tableArn}/stream/*`],
      }),
    );
    pipeRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [this.bus.eventBusArn] }),
    );
    pipeRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.pipeDeadLetters.queueArn] }),
    );
    Validations.of(pipeRole).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::<TableCD117FA1.Arn>/stream/*]',
      reason:
        'ListStreams names streams of this table only; the stream label changes when streams are re-enabled.',
    });
    this.pipe = new pipes.CfnPipe(this, 'OutboxPipe', {
      description: 'Outbox rows from the table stream to the event bus',
      roleArn: pipeRole.roleArn,
      source: table.tableStreamArn!,
      sourceParameters: {
        dynamoDbStreamParameters: {
          startingPosition: 'TRIM_HORIZON',
          batchSize: 10,
          maximumRetryAttempts: PIPE_MAX_RETRY_ATTEMPTS,
          onPartialBatchItemFailure: 'AUTOMATIC_BISECT',
          deadLetterConfig: { arn: this.pipeDeadLetters.queueArn },
        },
        filterCriteria: { filters: [{ pattern: JSON.stringify(OUTBOX_FILTER) }] },
      },
      target: this.bus.eventBusArn,
      targetParameters: {
        eventBridgeEventBusParameters: {
          source: OUTBOX_EVENT_SOURCE,
          detailType: '$.dynamodb.NewImage.eventType.S',
        },
      },
    });
    monitoring.monitorDeadLetterQueue('OutboxPipeDLQ', this.pipeDeadLetters);

    // Bus → one rule, one queue and one function per consumer.
    for (const name of CONSUMER_NAMES) {
      const base = pascal(name);
      const timeout = TIMEOUTS[name] ?? Duration.seconds(20);
      const deadLetters = deadLetterQueue(this, `${base}DeadLetters`, `the ${name} consumer`);
      const consumerQueue = queue(this, `${base}Queue`, {
        // Six times the function timeout, as Lambda's SQS guidance says.
        visibilityTimeout: Duration.seconds(timeout.toSeconds() * 6),
        deadLetterQueue: { queue: deadLetters, maxReceiveCount: CONSUMER_MAX_RECEIVE_COUNT },
      });
      new events.Rule(this, `${base}Rule`, {
        eventBus: this.bus,
        description: `Events for the ${name} consumer`,
        eventPattern: { source: [OUTBOX_EVENT_SOURCE], detailType: [...ROUTES[name]] },
        targets: [new targets.SqsQueue(consumerQueue)],
      });
      const consumer = fn(
        `${base}Consumer`,
        `jingrong-${name}`,
        `functions/consumer/entries/${name}.ts`,
        `Event consumer ${name} (shared/usecases/backbone)`,
        timeout,
        { CONSUMER: name },
      );
      consumer.bindTable(table, CONSUMER_TABLE_ACCESS[name]);
      consumer.fn.addEventSource(
        new SqsEventSource(consumerQueue, { batchSize: 10, reportBatchItemFailures: true }),
      );
      monitoring.monitorDeadLetterQueue(`${base}DLQ`, deadLetters);
      monitoring.monitorQueueAge(`${base}Queue`, consumerQueue);
      this.consumers.set(name, { fn: consumer, queue: consumerQueue, deadLetters });
    }

    // The timer sweep, every minute.
    this.sweep = fn(
      'Sweep',
      'jingrong-sweep',
      'functions/sweep/handler.ts',
      'Timer sweep: due timers fire once (lead deadlines, certificate expiry, webhook retries)',
      Duration.seconds(55),
    );
    this.sweep.bindTable(table, SWEEP_TABLE_ACCESS);
    new events.Rule(this, 'SweepSchedule', {
      description: 'Runs the timer sweep every minute',
      schedule: events.Schedule.rate(Duration.minutes(1)),
      targets: [new targets.LambdaFunction(this.sweep.fn, { retryAttempts: 0 })],
    });
    monitoring.monitorFunction('Sweep', this.sweep.fn, { p99Duration: Duration.seconds(30) });
  }
}
