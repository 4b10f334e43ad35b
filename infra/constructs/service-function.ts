import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/**
 * The one way this project deploys a Lambda function: Node.js 24 on arm64, bundled by the
 * project's own esbuild into a minified ESM file with source maps, the AWS SDK v3 taken
 * from the runtime, its own log group with a retention period, and its own role that
 * holds only what the function is granted (no AWS managed policies).
 */
export interface ServiceFunctionProps {
  /** Absolute path of the TypeScript entry file. */
  readonly entry: string;
  /** Exported handler name. @default 'handler' */
  readonly handler?: string;
  readonly description?: string;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default 10 seconds */
  readonly timeout?: Duration;
  /** Extra environment variables; TABLE_NAME is set by bindTable(). */
  readonly environment?: Record<string, string>;
  /** Powertools service name (log field `service`, metric dimension `service`). */
  readonly serviceName: string;
  /** @default six months (PRC Cybersecurity Law art. 21 asks for at least six months of network logs) */
  readonly logRetention?: logs.RetentionDays;
  /** Folder holding package.json / package-lock.json. @default the lock file found from the entry upwards */
  readonly projectRoot?: string;
  /** @default the package-lock.json found from the entry upwards */
  readonly depsLockFilePath?: string;
  /**
   * Files to ship beside the bundle (name → content), built at synth time: the API's
   * OpenAPI document, read on demand rather than carried in the code. @default none
   */
  readonly files?: Readonly<Record<string, string>>;
}

export interface BindTableOptions {
  /**
   * The DynamoDB actions the function's code calls, and nothing else (a transaction is
   * authorised per item: PutItem, UpdateItem, DeleteItem, ConditionCheckItem).
   */
  readonly actions: readonly TableAction[];
  /**
   * Global secondary indexes the function may query, granted by name so the policy
   * carries no `index/*` wildcard. @default none
   */
  readonly indexNames?: readonly string[];
}

/**
 * How every function is bundled, also read by the tests and the cold-start bench that
 * bundle a function's code themselves.
 */
export const LAMBDA_BUNDLING = {
  /**
   * Runtime-provided modules: the AWS SDK v3 and the Smithy packages it is built on. Lambda's
   * Node.js runtimes ship SDK v3; the bundles load it from there (with `require()`, see
   * shared/store/sdk.ts), so a deploy carries none of it (the SDK's patch version is then
   * Lambda's, not the lock file's: see docs/operations.md).
   */
  externalModules: ['@aws-sdk/*', '@smithy/*'],
  /**
   * esbuild's ESM output has no `require`; CommonJS dependencies that call it for Node
   * built-ins need one. Single quotes only: CDK passes the banner inside double quotes.
   */
  banner:
    "import { createRequire as __jingrongCreateRequire } from 'node:module'; const require = __jingrongCreateRequire(import.meta.url);",
  /**
   * The routes' contract library, swapped for its run-time half: routing and validation the
   * same, without the OpenAPI registry and generator (the document is built at synth time).
   * Relative to the project root, where esbuild runs.
   */
  alias: { '@hono/zod-openapi': './functions/shared/openapi-runtime.ts' } as Record<string, string>,
  /**
   * Packages the code only ever loads with `import()` when a request needs them (the XLSX
   * reader, ~1 MB with its dependencies; the calendar writer, ~36 KB, for the .ics downloads
   * and a fund's roadshow webhook): left out of index.mjs, so a cold start neither reads
   * nor compiles them, and bundled on their own into `node_modules/<name>/index.mjs` beside it,
   * where that `import()` finds them. Only a function whose bundle imports one gets it.
   */
  lazyModules: ['exceljs', 'ical-generator'] as readonly string[],
};

const localRequire = createRequire(import.meta.url);

/** Shell commands that bundle each lazily imported package the function's index.mjs names. */
function lazyModuleCommands(outputDir: string): string[] {
  const esbuild = join(dirname(localRequire.resolve('esbuild/package.json')), 'bin', 'esbuild');
  return LAMBDA_BUNDLING.lazyModules.map((name) => {
    if (!/^[\w@/.-]+$/.test(name)) throw new Error(`${name} is not a plain package name`);
    const main = localRequire.resolve(name);
    const dir = join(outputDir, 'node_modules', name);
    const build =
      `mkdir -p '${dir}' && printf '%s' '{"type":"module","main":"index.mjs"}' > '${dir}/package.json' && ` +
      `printf '%s' 'export { default } from "${main}";' | '${esbuild}' --bundle --platform=node ` +
      `--format=esm --target=node24 --minify --log-level=warning ` +
      `'--banner:js=import{createRequire}from"node:module";const require=createRequire(import.meta.url);' ` +
      `--outfile='${dir}/index.mjs'`;
    return `if grep -q 'import("${name}")' '${join(outputDir, 'index.mjs')}'; then ${build}; fi`;
  });
}

/** Writes a file's content where a bundling command can copy it from (named by its hash). */
function stagedFile(name: string, content: string): string {
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 20);
  const path = join(tmpdir(), `jingrong-${hash}-${name}`);
  writeFileSync(path, content);
  return path;
}

export type TableAction = `dynamodb:${string}`;

/**
 * Bundling hooks that put the given files beside index.mjs, and the lazily imported packages
 * under node_modules/ (the asset hash then covers them).
 */
function bundlingHooks(files: Readonly<Record<string, string>>) {
  const staged = Object.entries(files).map(([name, content]) => {
    if (!/^[\w.-]+$/.test(name)) throw new Error(`file name ${name} is not a plain file name`);
    return [name, stagedFile(name, content)] as const;
  });
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir: string, outputDir: string) => [
      ...staged.map(([name, path]) => `cp '${path}' '${join(outputDir, name)}'`),
      ...lazyModuleCommands(outputDir),
    ],
  };
}

export class ServiceFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  /**
   * The alias callers invoke. Each deploy publishes a version; the alias moves to it (at once,
   * or step by step with `deployWithCanary`), and rolling back is pointing it at an older one.
   */
  readonly live: lambda.Alias;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? logs.RetentionDays.SIX_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${this.node.path}`,
    });
    // The log group exists before the function runs, so writing streams and events is all it needs.
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: props.handler ?? 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      projectRoot: props.projectRoot,
      depsLockFilePath: props.depsLockFilePath,
      // Active X-Ray tracing: every invocation is traced (init, invocation, overhead).
      tracing: lambda.Tracing.ACTIVE,
      // No `--enable-source-maps`: it parses the whole map at every cold start. The map ships
      // beside index.mjs and the errors the functions log are mapped when logged
      // (functions/shared/stack-traces.ts).
      environment: {
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: LAMBDA_BUNDLING.banner,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        externalModules: [...LAMBDA_BUNDLING.externalModules, ...LAMBDA_BUNDLING.lazyModules],
        esbuildArgs: {
          '--alias': Object.entries(LAMBDA_BUNDLING.alias).map(([from, to]) => `${from}=${to}`),
        },
        commandHooks: bundlingHooks(props.files ?? {}),
      },
    });
    this.live = new lambda.Alias(this, 'Live', { aliasName: 'live', version: this.fn.currentVersion });

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no ' +
        'resource-level permissions (the X-Ray service authorization reference lists no resource types for them).',
    });
  }

  /**
   * Shifts the alias to each new version with CodeDeploy: 10% of invocations for five minutes,
   * then all; if one of the alarms fires meanwhile, the alias goes back to the previous version.
   */
  deployWithCanary(alarms: readonly cloudwatch.IAlarm[]): codedeploy.LambdaDeploymentGroup {
    const group = new codedeploy.LambdaDeploymentGroup(this, 'Deployment', {
      alias: this.live,
      deploymentConfig: codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
      alarms: [...alarms],
      autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
    });
    Validations.of(group.role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
      reason:
        "CodeDeploy's own service role for Lambda traffic shifting: the AWS managed policy limited to " +
        'GetAlias/UpdateAlias and invoking hook functions, which is what a canary deployment needs.',
    });
    return group;
  }

  /** Grants exactly the given actions on the table (and the named indexes) and sets TABLE_NAME. */
  bindTable(table: ITable, options: BindTableOptions): void {
    const indexArns = (options.indexNames ?? []).map((name) => `${table.tableArn}/index/${name}`);
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [...options.actions].sort(),
        resources: [table.tableArn, ...indexArns],
      }),
    );
    table.encryptionKey?.grantEncryptDecrypt(this.role);
    this.fn.addEnvironment('TABLE_NAME', table.tableName);
  }
}
