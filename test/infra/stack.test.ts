import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type CfnElement, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_FUNCTION_TABLE_ACTIONS,
  CERTIFIED_LIST_IMPORT_TABLE_ACTIONS,
  EQUITY_FUNCTION_TABLE_ACTIONS,
  LEADS_FUNCTION_TABLE_ACTIONS,
  PAGES_FUNCTION_TABLE_ACTIONS,
} from '../../functions/shared/permissions.ts';
import { AUTHORIZED_API_PATH, gatewayRoutes, JingrongStack } from '../../infra/stack.ts';
import type { Store } from '../../shared/store/index.ts';
import { TABLE } from '../../shared/store/table.ts';
import { createTestApp } from '../support/app.ts';
import { s3ActionsCalledBy, tableActionsCalledBy } from './table-actions.ts';

type Resources = Record<
  string,
  { Type: string; Properties?: Record<string, unknown>; DeletionPolicy?: string }
>;

let app: App;
let stack: JingrongStack;
let template: Template;
let resources: Resources;
/** The monitoring nested stack's resources, and what its parameters stand for in the main stack. */
let monitoringResources: Resources;
let monitoringParameters: Record<string, unknown>;
let assemblyDir: string;
let outdir: string;

/** Same feature flags as `cdk synth`, so the test sees the template that gets deployed. */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'));
  return cdkJson.context;
}

function ofType(type: string) {
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}

type FunctionName =
  | 'apiFunction'
  | 'leadsFunction'
  | 'equityFunction'
  | 'certifiedListImportFunction'
  | 'pagesFunction'
  | 'firmPagesFunction'
  | 'officerPagesFunction'
  | 'operatorPagesFunction';
const HTTP_FUNCTIONS: readonly FunctionName[] = [
  'apiFunction',
  'leadsFunction',
  'equityFunction',
  'certifiedListImportFunction',
  'pagesFunction',
  'firmPagesFunction',
  'officerPagesFunction',
  'operatorPagesFunction',
];
/** The functions given the documents bucket: the firms' keep documents, the officers' only read what was shared. */
const DOCUMENT_FUNCTIONS: readonly FunctionName[] = ['firmPagesFunction', 'officerPagesFunction'];
const READ_ONLY_DOCUMENT_FUNCTIONS: readonly FunctionName[] = ['officerPagesFunction'];

function logicalId(construct: IConstruct): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnElement);
}

/** The Lambda::Function resource of one of the stack's functions. */
function functionResource(name: FunctionName) {
  const id = logicalId(stack[name].fn);
  return [id, resources[id]!] as const;
}

/** Logical id of the log group a function writes to. */
function functionLogGroupId(name: FunctionName): string {
  const [, fn] = functionResource(name);
  const config = fn.Properties?.LoggingConfig as { LogGroup: { Ref: string } } | undefined;
  expect(config?.LogGroup.Ref).toBeTypeOf('string');
  return config!.LogGroup.Ref;
}

/** The asset folder holding a function's bundle. */
function bundleDir(name: FunctionName): string {
  const [, fn] = functionResource(name);
  const key = (fn.Properties!.Code as { S3Key: string }).S3Key;
  const dir = join(assemblyDir, `asset.${key.replace(/\.zip$/, '')}`);
  expect(existsSync(join(dir, 'index.mjs')), dir).toBe(true);
  return dir;
}

function onlyOfType(type: string) {
  const found = ofType(type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
}

beforeAll(() => {
  // One synth (and one esbuild run) shared by every test below.
  outdir = mkdtempSync(join(tmpdir(), 'jingrong-cdk-'));
  app = new App({ context: cdkJsonContext(), outdir });
  stack = new JingrongStack(app, 'Jingrong');
  const assembly = app.synth();
  assemblyDir = assembly.directory;
  const json = assembly.getStackArtifact(stack.artifactId).template;
  template = Template.fromJSON(json);
  resources = json.Resources;
  monitoringResources = Template.fromStack(stack.monitoring).toJSON().Resources;
  const [, nested] = onlyOfType('AWS::CloudFormation::Stack');
  monitoringParameters = nested.Properties!.Parameters as Record<string, unknown>;
  // Bundles every function of the stack: slow on a busy machine.
}, 240_000);

afterAll(() => {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

describe('table', () => {
  it('is built from the shared table definition', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
      TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true },
      StreamSpecification: { StreamViewType: TABLE.streamViewType },
    });
  });

  it('declares every key attribute as a string', () => {
    const [, table] = onlyOfType('AWS::DynamoDB::Table');
    const keyNames = [
      TABLE.partitionKey,
      TABLE.sortKey,
      ...TABLE.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
    ];
    expect(table.Properties?.AttributeDefinitions).toEqual(
      keyNames.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    );
  });

  it('is on-demand, point-in-time recoverable, deletion-protected and retained', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      }),
    });
  });
});

function documentsBucketId(): string {
  return logicalId(stack.documents.bucket);
}

/** The statements a function granted the documents bucket holds. */
function documentStatements(readOnly = false): {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}[] {
  const bucketArn = { 'Fn::GetAtt': [documentsBucketId(), 'Arn'] };
  const objects = (prefix: string) => ({ 'Fn::Join': ['', [bucketArn, `/${prefix}/*`]] });
  return [
    readOnly
      ? { Effect: 'Allow', Action: 's3:GetObject', Resource: objects('leads') }
      : {
          Effect: 'Allow',
          Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
          Resource: [objects('leads'), objects('uploads')],
        },
    {
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Condition: { StringLike: { 's3:prefix': ['leads/*'] } },
      Resource: bucketArn,
    },
  ];
}

/**
 * Strings only one part of the app has: an API route, the import's on-demand load of its XLSX
 * reader (the reader itself is not in index.mjs, see below), a page path every page links to,
 * and a page only one audience has.
 */
const MARKS = {
  api: '/api/requests/{id}/send',
  leads: '/api/leads/{id}/reveal',
  equity: '/api/roadshows/{id}/publish',
  listImport: 'import("exceljs")',
  pages: '/sign-out',
  publicPages: '/products/:id',
  firmPages: '/requests/:id/withdraw',
  officerPages: '/officer/leads',
  operatorPages: '/firms/:uscc/specialist',
  // Only the OpenAPI generator and the document builder refer to components by JSON pointer.
  openApiGenerator: '#/components/schemas/',
  // The reference page is rendered at synth time and shipped as docs.html beside the API function.
  referencePageRenderer: 'Jingrong API reference',
  // Local mode's HS256 token signer and verifier: the functions verify Cognito's tokens only.
  localTokens: 'HS256',
};
const FUNCTIONS = [
  {
    name: 'apiFunction',
    service: 'jingrong-api',
    actions: API_FUNCTION_TABLE_ACTIONS,
    pages: false,
    has: ['api'],
  },
  {
    name: 'leadsFunction',
    service: 'jingrong-leads',
    actions: LEADS_FUNCTION_TABLE_ACTIONS,
    pages: false,
    has: ['leads'],
  },
  {
    name: 'equityFunction',
    service: 'jingrong-equity',
    actions: EQUITY_FUNCTION_TABLE_ACTIONS,
    pages: false,
    has: ['equity'],
  },
  {
    name: 'certifiedListImportFunction',
    service: 'jingrong-certified-list-import',
    actions: CERTIFIED_LIST_IMPORT_TABLE_ACTIONS,
    pages: false,
    has: ['listImport'],
  },
  {
    name: 'pagesFunction',
    service: 'jingrong-pages',
    actions: PAGES_FUNCTION_TABLE_ACTIONS,
    pages: true,
    has: ['pages', 'publicPages'],
  },
  {
    name: 'firmPagesFunction',
    service: 'jingrong-firm-pages',
    actions: PAGES_FUNCTION_TABLE_ACTIONS,
    pages: true,
    has: ['pages', 'firmPages'],
  },
  {
    name: 'officerPagesFunction',
    service: 'jingrong-officer-pages',
    actions: PAGES_FUNCTION_TABLE_ACTIONS,
    pages: true,
    has: ['pages', 'officerPages'],
  },
  {
    name: 'operatorPagesFunction',
    service: 'jingrong-operator-pages',
    actions: PAGES_FUNCTION_TABLE_ACTIONS,
    pages: true,
    has: ['pages', 'operatorPages'],
  },
] as const;

describe.each(FUNCTIONS)('$name', ({ name, service, actions, pages, has }) => {
  const documents = DOCUMENT_FUNCTIONS.includes(name);
  const readOnly = READ_ONLY_DOCUMENT_FUNCTIONS.includes(name);
  it('runs Node.js 24 on arm64 with X-Ray, the table and Cognito, and no NODE_OPTIONS (stacks are mapped when logged)', () => {
    const [tableId] = onlyOfType('AWS::DynamoDB::Table');
    const [poolId] = onlyOfType('AWS::Cognito::UserPool');
    const [clientId] = onlyOfType('AWS::Cognito::UserPoolClient');
    const [, fn] = functionResource(name);
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
    });
    const variables = (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(variables).sort()).toEqual(
      [
        'POWERTOOLS_LOG_LEVEL',
        'POWERTOOLS_SERVICE_NAME',
        'TABLE_NAME',
        'USER_POOL_CLIENT_ID',
        'USER_POOL_ID',
        ...(pages ? ['APP_URL', 'SIGN_IN_DOMAIN_URL'] : []),
        ...(documents ? ['DOCUMENTS_BUCKET'] : []),
      ].sort(),
    );
    if (documents) expect(variables.DOCUMENTS_BUCKET).toEqual({ Ref: documentsBucketId() });
    expect(variables).toMatchObject({
      TABLE_NAME: { Ref: tableId },
      POWERTOOLS_SERVICE_NAME: service,
      POWERTOOLS_LOG_LEVEL: 'INFO',
      USER_POOL_ID: { Ref: poolId },
      USER_POOL_CLIENT_ID: { Ref: clientId },
    });
  });

  it('logs to its own log group kept for six months', () => {
    expect(resources[functionLogGroupId(name)]).toMatchObject({
      Type: 'AWS::Logs::LogGroup',
      Properties: { RetentionInDays: 180 },
    });
  });

  it('is bundled as minified ESM with a source map and a require shim', () => {
    const dir = bundleDir(name);
    expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
    const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
    expect(code).toContain('createRequire');
    expect(code).toContain('sourceMappingURL=index.mjs.map');
  });

  it('bundles only its own part of the app, and none of the OpenAPI generator', () => {
    const code = readFileSync(join(bundleDir(name), 'index.mjs'), 'utf8');
    for (const [part, mark] of Object.entries(MARKS))
      expect(code.includes(mark), `${part} (${mark})`).toBe((has as readonly string[]).includes(part));
  });

  it('ships the XLSX reader beside its bundle only if it loads it, outside index.mjs, and it loads from there', async () => {
    const dir = bundleDir(name);
    const reader = join(dir, 'node_modules', 'exceljs', 'index.mjs');
    expect(readFileSync(join(dir, 'index.mjs'), 'utf8')).not.toContain('xl/worksheets');
    expect(existsSync(reader)).toBe((has as readonly string[]).includes('listImport'));
    if (!existsSync(reader)) return;
    expect(readFileSync(reader, 'utf8')).toContain('xl/worksheets');
    // Resolved as the bundle's `import("exceljs")` resolves it: from beside index.mjs (the
    // asset folder is outside the project, so nothing else could answer).
    const probe = join(dir, 'probe-exceljs.mjs');
    writeFileSync(probe, 'export const load = () => import("exceljs");');
    try {
      const { load } = (await import(probe)) as { load: () => Promise<{ default: typeof ExcelJS }> };
      const { default: Reader } = await load();
      const written = new ExcelJS.Workbook();
      written.addWorksheet('名单').addRow(['统一社会信用代码', '企业名称']);
      const read = new Reader.Workbook();
      await read.xlsx.load(await written.xlsx.writeBuffer());
      expect(read.worksheets[0]?.getRow(1).getCell(2).text).toBe('企业名称');
    } finally {
      rmSync(probe);
    }
  });

  it('ships the calendar writer beside its bundle only if it loads it (the .ics files), outside index.mjs, and it loads from there', async () => {
    const dir = bundleDir(name);
    const code = readFileSync(join(dir, 'index.mjs'), 'utf8');
    const writer = join(dir, 'node_modules', 'ical-generator', 'index.mjs');
    // The library's product id is in its code only.
    expect(code).not.toContain('sebbo.net');
    expect(existsSync(writer)).toBe(code.includes('import("ical-generator")'));
    if ((has as readonly string[]).includes('equity')) expect(existsSync(writer)).toBe(true);
    if (!existsSync(writer)) return;
    const probe = join(dir, 'probe-ical.mjs');
    writeFileSync(probe, 'export const load = () => import("ical-generator");');
    try {
      const { load } = (await import(probe)) as {
        load: () => Promise<{ default: (data: { name: string }) => { toString(): string } }>;
      };
      const { default: ical } = await load();
      expect(ical({ name: '路演' }).toString()).toContain('BEGIN:VCALENDAR');
    } finally {
      rmSync(probe);
    }
  });

  it('has a role without AWS managed policies holding exactly: its log group, X-Ray, the table actions and the document actions its code calls', () => {
    const roleId = logicalId(stack[name].role);
    expect(resources[roleId]!.Properties?.ManagedPolicyArns).toBeUndefined();
    const [tableId] = onlyOfType('AWS::DynamoDB::Table');
    const tableArn = { 'Fn::GetAtt': [tableId, 'Arn'] };
    const policies = ofType('AWS::IAM::Policy').filter(([, p]) =>
      (p.Properties!.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })),
    );
    expect(policies).toHaveLength(1);
    const [, policy] = policies[0]!;
    expect(policy.Properties?.Roles).toEqual([{ Ref: roleId }]);
    expect((policy.Properties!.PolicyDocument as { Statement: unknown[] }).Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [functionLogGroupId(name), 'Arn'] },
      },
      {
        Effect: 'Allow',
        Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
        Resource: '*',
      },
      {
        Effect: 'Allow',
        Action: [...actions],
        Resource: [
          tableArn,
          ...TABLE.globalSecondaryIndexes.map((index) => ({
            'Fn::Join': ['', [tableArn, `/index/${index.indexName}`]],
          })),
        ],
      },
      // Only the firms' and officers' pages upload, check and lend documents: objects under the documents' and uploads' prefixes.
      ...(documents ? documentStatements(readOnly) : []),
    ]);
  });

  it("is granted exactly the S3 actions its bundle calls: the firms' pages keep documents, the officers' only read them, no other function any", () => {
    const code = readFileSync(join(bundleDir(name), 'index.mjs'), 'utf8');
    const called = s3ActionsCalledBy(code);
    expect(called).toEqual(
      readOnly
        ? ['s3:GetObject', 's3:ListBucket']
        : documents
          ? ['s3:DeleteObject', 's3:GetObject', 's3:ListBucket', 's3:PutObject']
          : [],
    );
    if (documents) {
      const granted = documentStatements(readOnly).flatMap((st) => [st.Action].flat());
      expect([...granted].sort()).toEqual(called);
    }
  });

  it('is granted exactly the DynamoDB actions its bundle calls', () => {
    const code = readFileSync(join(bundleDir(name), 'index.mjs'), 'utf8');
    expect(tableActionsCalledBy(code)).toEqual([...actions]);
  });

  it('is invoked through its live alias, moved to each new version by a CodeDeploy canary guarded by its alarms', () => {
    const aliasId = logicalId(stack[name].live);
    expect(resources[aliasId]).toMatchObject({ Type: 'AWS::Lambda::Alias', Properties: { Name: 'live' } });
    const groups = ofType('AWS::CodeDeploy::DeploymentGroup').filter(([id]) =>
      id.startsWith(logicalId(stack[name].fn).slice(0, 8)),
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]![1].Properties).toMatchObject({
      DeploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      AutoRollbackConfiguration: {
        Enabled: true,
        Events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST', 'DEPLOYMENT_STOP_ON_ALARM'],
      },
      AlarmConfiguration: { Enabled: true },
    });
    expect((resources[aliasId] as unknown as { UpdatePolicy: unknown }).UpdatePolicy).toMatchObject({
      CodeDeployLambdaAliasUpdate: expect.any(Object),
    });
  });
});

describe('OpenAPI document', () => {
  it('ships beside the API function, built at synth time, the same document the whole app serves', async () => {
    const shipped = readFileSync(join(bundleDir('apiFunction'), 'openapi.json'), 'utf8');
    const { app: http } = createTestApp({} as Store);
    expect(JSON.parse(shipped)).toEqual(await (await http.request('/api/openapi.json')).json());
    expect(existsSync(join(bundleDir('pagesFunction'), 'openapi.json'))).toBe(false);
    // Its reference page (/docs) too, rendered from it at synth time.
    const page = readFileSync(join(bundleDir('apiFunction'), 'docs.html'), 'utf8');
    expect(page).toBe(await (await http.request('/docs')).text());
  });
});

describe('HTTP API', () => {
  it('has a $default stage with JSON access logs and throttling', () => {
    const [, stage] = onlyOfType('AWS::ApiGatewayV2::Stage');
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
    const accessLog = stage.Properties?.AccessLogSettings as {
      DestinationArn: { 'Fn::GetAtt': [string, string] };
      Format: string;
    };
    const format = JSON.parse(accessLog.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    const logGroupId = accessLog.DestinationArn['Fn::GetAtt'][0];
    expect(resources[logGroupId]).toMatchObject({
      Type: 'AWS::Logs::LogGroup',
      Properties: { RetentionInDays: 180 },
    });
  });

  it('honours throttling limits passed as props', () => {
    const other = new JingrongStack(new App({ context: cdkJsonContext(), outdir }), 'Throttled', {
      apiRateLimit: 7,
      apiBurstLimit: 9,
    });
    const cfnStage = other.stage.node.defaultChild as CfnStage;
    expect(cfnStage.defaultRouteSettings).toMatchObject({ throttlingRateLimit: 7, throttlingBurstLimit: 9 });
  });

  it('protects /api/{proxy+} with a Cognito JWT authorizer', () => {
    const [poolId] = onlyOfType('AWS::Cognito::UserPool');
    const [clientId] = onlyOfType('AWS::Cognito::UserPoolClient');
    const [authorizerId] = onlyOfType('AWS::ApiGatewayV2::Authorizer');
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: clientId }],
        Issuer: { 'Fn::Join': ['', Match.arrayWith([{ Ref: poolId }])] },
      },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: `ANY ${AUTHORIZED_API_PATH}`,
      AuthorizationType: 'JWT',
      AuthorizerId: { Ref: authorizerId },
    });
  });

  it('leaves exactly the public routes unauthenticated, each with its reason', () => {
    const table = gatewayRoutes();
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties as Record<string, unknown>);
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(table.map((r) => `${r.method} ${r.path}`).sort());
    const open = routes.filter((r) => r.AuthorizationType === 'NONE').map((r) => r.RouteKey);
    expect(open.sort()).toEqual(
      table
        .filter((r) => !r.authorized)
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    );
    expect(open).toEqual(
      expect.arrayContaining([
        'ANY /',
        'ANY /{proxy+}',
        'GET /api/health',
        'POST /api/match',
        'POST /api/firms',
      ]),
    );
    for (const route of table.filter((r) => !r.authorized)) expect(route.reason?.length).toBeGreaterThan(40);
  });

  it('requires a token at the gateway exactly where the OpenAPI document has security, for every operation', async () => {
    const { app: http } = createTestApp({} as Store);
    const doc = (await (await http.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const routes = new Map(
      ofType('AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties?.RouteKey as string, r.Properties]),
    );
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(documented.length).toBeGreaterThan(20);
    for (const { key, op } of documented) {
      const route = routes.get(key);
      expect(route, `${key} has its own gateway route`).toBeDefined();
      expect(route!.AuthorizationType, key).toBe(op.security?.length ? 'JWT' : 'NONE');
    }
    // And no gateway route under /api is missing from the document (the document itself and the catch-all aside).
    const apiKeys = [...routes.keys()].filter((k) => / \/api\//.test(k));
    const extra = apiKeys.filter((k) => !documented.some((d) => d.key === k));
    expect(extra.sort()).toEqual([`ANY ${AUTHORIZED_API_PATH}`, 'GET /api/openapi.json']);
  });

  it("sends /api and /docs to the API function, the leads, equity and the certified-list import each to its own, each signed-in area's pages to its audience's function, the rest to the pages, each through its live alias", () => {
    const integrations = ofType('AWS::ApiGatewayV2::Integration');
    expect(integrations).toHaveLength(HTTP_FUNCTIONS.length);
    const integrationOf = (name: FunctionName) => {
      const aliasId = logicalId(stack[name].live);
      const [id, integration] = integrations.find(
        ([, i]) => JSON.stringify(i.Properties?.IntegrationUri) === JSON.stringify({ Ref: aliasId }),
      )!;
      expect(integration.Properties).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
      });
      return { 'Fn::Join': ['', ['integrations/', { Ref: id }]] };
    };
    const targets = {
      api: integrationOf('apiFunction'),
      leads: integrationOf('leadsFunction'),
      equity: integrationOf('equityFunction'),
      lists: integrationOf('certifiedListImportFunction'),
      pages: integrationOf('pagesFunction'),
      firmPages: integrationOf('firmPagesFunction'),
      officerPages: integrationOf('officerPagesFunction'),
      operatorPages: integrationOf('operatorPagesFunction'),
    };
    const areaOf = (key: string) => /^ANY \/(firm|officer|operator)(\/\{proxy\+\})?$/.exec(key)?.[1];
    const equityPaths = / \/api\/(roadshows|funds|batches|equity|equity-leads)(\/|$)|push-consent$/;
    const leadPaths =
      / \/api\/(leads|notifications|escalations)(\/|$)|\/webhook$|\/regions\/\{prefix\}\/specialist$/;
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties as Record<string, unknown>);
    for (const route of routes) {
      const key = route.RouteKey as string;
      const expected =
        // The operator's page uploads its list file to the import's function too.
        key === 'POST /api/certified-lists' || key === 'POST /operator/lists'
          ? targets.lists
          : equityPaths.test(key)
            ? targets.equity
            : leadPaths.test(key)
              ? targets.leads
              : / \/(api\/|api$|docs$)/.test(key)
                ? targets.api
                : areaOf(key) === 'firm'
                  ? targets.firmPages
                  : areaOf(key) === 'officer'
                    ? targets.officerPages
                    : areaOf(key) === 'operator'
                      ? targets.operatorPages
                      : targets.pages;
      expect(route.Target, key).toEqual(expected);
    }
    // One invoke permission per function alias, not one per route.
    // (The event backbone's sweep schedule holds another permission: test/infra/event-backbone.test.ts.)
    expect(ofType('AWS::Lambda::Permission').filter(([id]) => !id.startsWith('EventBackbone'))).toHaveLength(
      HTTP_FUNCTIONS.length,
    );
  });
});

describe('Cognito', () => {
  it('signs in by email with a strong password policy, optional TOTP MFA and Plus-tier threat protection', () => {
    template.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        UsernameAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        MfaConfiguration: 'OPTIONAL',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        DeletionProtection: 'ACTIVE',
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
      }),
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolRiskConfigurationAttachment', {
      ClientId: 'ALL',
      CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } },
      AccountTakeoverRiskConfiguration: {
        Actions: Match.objectLike({ HighAction: { EventAction: 'MFA_REQUIRED', Notify: false } }),
      },
    });
  });

  it('has the custom:role, custom:uscc, custom:institutionId and custom:regionPrefix attributes', () => {
    const [, pool] = onlyOfType('AWS::Cognito::UserPool');
    const schema = pool.Properties?.Schema as Array<{ Name: string; AttributeDataType?: string }>;
    const custom = schema.filter((a) => a.AttributeDataType === 'String').map((a) => a.Name);
    expect(custom.sort()).toEqual(['institutionId', 'regionPrefix', 'role', 'uscc']);
  });

  it('has a public client that can read but never write the custom attributes', () => {
    const [, client] = onlyOfType('AWS::Cognito::UserPoolClient');
    expect(client.Properties).toMatchObject({
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    expect(client.Properties?.ReadAttributes).toEqual(
      expect.arrayContaining(['custom:role', 'custom:uscc', 'custom:institutionId', 'custom:regionPrefix']),
    );
    const writable = client.Properties?.WriteAttributes as string[];
    expect(writable.filter((a) => a.startsWith('custom:'))).toEqual([]);
  });

  it("signs the pages in through the hosted sign-in: code grant only, back to the API's own URL", () => {
    const [apiId] = onlyOfType('AWS::ApiGatewayV2::Api');
    const [, client] = onlyOfType('AWS::Cognito::UserPoolClient');
    const endpoint = { 'Fn::GetAtt': [apiId, 'ApiEndpoint'] };
    expect(client.Properties).toMatchObject({
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: [{ 'Fn::Join': ['', [endpoint, '/auth/callback']] }],
      LogoutURLs: [{ 'Fn::Join': ['', [endpoint, '/']] }],
    });
    const [domainId, domain] = onlyOfType('AWS::Cognito::UserPoolDomain');
    expect(domain.Properties?.Domain).toEqual({ 'Fn::Join': ['', ['jingrong-', { Ref: 'AWS::AccountId' }]] });
    const [, fn] = functionResource('pagesFunction');
    const variables = (fn.Properties!.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables.APP_URL).toEqual(endpoint);
    expect(JSON.stringify(variables.SIGN_IN_DOMAIN_URL)).toContain(domainId);
  });
});

describe('documents bucket', () => {
  it('is private, encrypted, versioned, logged and retained, with no CORS (browsers only navigate to it)', () => {
    const bucket = resources[documentsBucketId()]!;
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { LogFilePrefix: 'documents/' },
    });
    expect(bucket.Properties?.CorsConfiguration).toBeUndefined();
  });

  it('expires unchecked uploads after a day and documents after three years, moving them to IA after 90 days', () => {
    const rules = (resources[documentsBucketId()]!.Properties!.LifecycleConfiguration as { Rules: unknown[] })
      .Rules;
    expect(rules).toEqual([
      { AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' },
      {
        Prefix: 'uploads/',
        ExpirationInDays: 1,
        NoncurrentVersionExpiration: { NoncurrentDays: 1 },
        Status: 'Enabled',
      },
      {
        Prefix: 'leads/',
        ExpirationInDays: 3 * 365,
        NoncurrentVersionExpiration: { NoncurrentDays: 30 },
        Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 90 }],
        Status: 'Enabled',
      },
    ]);
  });

  it('refuses every request not made over TLS', () => {
    const policies = ofType('AWS::S3::BucketPolicy').filter(
      ([, p]) => JSON.stringify(p.Properties!.Bucket) === JSON.stringify({ Ref: documentsBucketId() }),
    );
    expect(policies).toHaveLength(1);
    expect((policies[0]![1].Properties!.PolicyDocument as { Statement: unknown[] }).Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  it("is named to the firms' and officers' pages functions only", () => {
    const holders = ofType('AWS::Lambda::Function').filter(([, fn]) =>
      JSON.stringify(fn.Properties?.Environment ?? {}).includes('DOCUMENTS_BUCKET'),
    );
    expect(holders.map(([id]) => id).sort()).toEqual(
      DOCUMENT_FUNCTIONS.map((name) => logicalId(stack[name].fn)).sort(),
    );
  });
});

describe('logs and outputs', () => {
  it('gives every log group a retention period', () => {
    const groups = ofType('AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(2);
    for (const [, group] of groups) expect(group.Properties?.RetentionInDays).toBe(180);
  });

  it('outputs the API URL, table name, user pool id and client id', () => {
    const outputs = template.toJSON().Outputs as Record<string, unknown>;
    expect(Object.keys(outputs).sort()).toEqual([
      'AlarmTopicArn',
      'ApiUrl',
      'DocumentsBucketName',
      'SignInDomainUrl',
      'TableName',
      'UserPoolClientId',
      'UserPoolId',
    ]);
  });
});

describe('monitoring', () => {
  const monitoringOfType = (type: string) =>
    Object.entries(monitoringResources).filter(([, r]) => r.Type === type);
  /** A value of the nested stack in the main stack's terms: its parameters replaced by what they pass. */
  const inMainStack = (value: unknown) =>
    JSON.parse(JSON.stringify(value), (_key, v) =>
      v && typeof v === 'object' && typeof v.Ref === 'string' && v.Ref in monitoringParameters
        ? monitoringParameters[v.Ref]
        : v,
    );

  it('keeps the alarms, their topic and the dashboard in a nested stack, well under 500 resources each', () => {
    expect(Object.keys(resources).length).toBeLessThan(400);
    expect(Object.keys(monitoringResources).length).toBeLessThan(150);
    expect(ofType('AWS::CloudWatch::Alarm')).toEqual([]);
    expect(monitoringOfType('AWS::CloudWatch::Dashboard')).toHaveLength(1);
  });

  it('watches the HTTP API, the HTTP functions and the table, all alarms on the one alarm topic', () => {
    const topics = monitoringOfType('AWS::SNS::Topic');
    expect(topics).toHaveLength(1);
    const [[topicId]] = topics as [[string, unknown]];
    // The event backbone's queues and sweep have their own alarms (test/infra/event-backbone.test.ts).
    const alarms = monitoringOfType('AWS::CloudWatch::Alarm')
      .filter(([id]) => !/(DLQ|Queue)(Depth|Age)|Sweep/.test(id))
      .map(([, a]) => inMainStack(a.Properties) as Record<string, unknown>);
    const named = alarms.map((a) => a.MetricName ?? 'TableThrottles').sort();
    const perFunction = (name: string) => HTTP_FUNCTIONS.map(() => name);
    expect(named).toEqual(
      [
        '5xx',
        ...perFunction('Duration'),
        ...perFunction('Errors'),
        'Latency',
        'TableThrottles',
        ...perFunction('Throttles'),
      ].sort(),
    );
    for (const alarm of alarms) expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
    const watched = alarms
      .filter((a) => (a.Namespace as string) === 'AWS/Lambda')
      .map((a) => JSON.stringify(a.Dimensions));
    for (const name of HTTP_FUNCTIONS) {
      const dimensions = JSON.stringify([
        { Name: 'FunctionName', Value: { Ref: functionResource(name)[0] } },
      ]);
      expect(
        watched.filter((d) => d === dimensions),
        name,
      ).toHaveLength(3);
    }
  });

  it("guards each HTTP function's canary with that function's error and throttle alarms", () => {
    const [nestedId] = onlyOfType('AWS::CloudFormation::Stack');
    const outputs = Template.fromStack(stack.monitoring).toJSON().Outputs as Record<
      string,
      { Value: unknown }
    >;
    for (const name of HTTP_FUNCTIONS) {
      const [group] = ofType('AWS::CodeDeploy::DeploymentGroup').filter(([id]) =>
        id.startsWith(logicalId(stack[name].fn).slice(0, 8)),
      );
      const names = (group![1].Properties!.AlarmConfiguration as { Alarms: { Name: unknown }[] }).Alarms.map(
        ({ Name }) => {
          const [resource, output] = (Name as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'];
          expect(resource).toBe(nestedId);
          const alarmId = (outputs[output.replace(/^Outputs\./, '')]!.Value as { Ref: string }).Ref;
          return inMainStack(monitoringResources[alarmId]!.Properties) as Record<string, unknown>;
        },
      );
      expect(names.map((a) => a.MetricName).sort(), name).toEqual(['Errors', 'Throttles']);
      for (const alarm of names)
        expect(alarm.Dimensions, name).toEqual([
          { Name: 'FunctionName', Value: { Ref: functionResource(name)[0] } },
        ]);
    }
  });
});

describe('cdk-nag (AwsSolutions)', () => {
  it('reports no unacknowledged errors or warnings', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    const summary = report.violations.map(
      (v) => `${v.severity} ${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(summary).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('acknowledges only the reviewed rules, each with a specific reason', () => {
    const acknowledged: Array<{ path: string; id: string; reason: string }> = [];
    for (const construct of app.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          acknowledged.push({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason });
        }
      }
    }
    expect([...new Set(acknowledged.map((a) => a.id))].sort()).toEqual(
      [
        'AwsSolutions-APIG4',
        'AwsSolutions-COG2',
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
        'AwsSolutions-IAM5[Resource::*]',
        `AwsSolutions-IAM5[Resource::<${documentsBucketId()}.Arn>/leads/*]`,
        `AwsSolutions-IAM5[Resource::<${documentsBucketId()}.Arn>/uploads/*]`,
        'AwsSolutions-IAM5[Resource::<TableCD117FA1.Arn>/stream/*]',
        'AwsSolutions-SQS3',
      ].sort(),
    );
    const functions = HTTP_FUNCTIONS.map((name) => stack[name]);
    const backboneFunctions = [
      stack.backbone.sweep,
      ...[...stack.backbone.consumers.values()].map((c) => c.fn),
    ];
    // IAM5: the X-Ray wildcard only on function roles, the stream wildcard only on the Pipe's role;
    // IAM4 only on the canaries' CodeDeploy roles; SQS3 only on dead-letter queues.
    expect(
      acknowledged
        .filter((a) => a.id === 'AwsSolutions-IAM5[Resource::*]')
        .map((a) => a.path)
        .sort(),
    ).toEqual([...functions, ...backboneFunctions].map((f) => f.role.node.path).sort());
    // The documents' prefixes only on the roles of the functions granted the bucket.
    expect(
      acknowledged.filter((a) => a.id.includes(`<${documentsBucketId()}.Arn>`)).map((a) => a.path),
    ).toEqual(
      DOCUMENT_FUNCTIONS.flatMap((name) =>
        // The uploads' prefix only where documents are written.
        READ_ONLY_DOCUMENT_FUNCTIONS.includes(name)
          ? [stack[name].role.node.path]
          : [stack[name].role.node.path, stack[name].role.node.path],
      ),
    );
    for (const a of acknowledged.filter((x) => x.id === 'AwsSolutions-SQS3'))
      expect(a.path).toMatch(/DeadLetters$/);
    expect(acknowledged.filter((a) => a.id.startsWith('AwsSolutions-IAM4')).map((a) => a.path)).toEqual(
      functions.map((f) => `${f.node.path}/Deployment/ServiceRole`),
    );
    // APIG4 only on the deliberately public routes, COG2 only on the user pool.
    expect(acknowledged.filter((a) => a.id === 'AwsSolutions-APIG4')).toHaveLength(
      gatewayRoutes().filter((r) => !r.authorized).length,
    );
    expect(acknowledged.filter((a) => a.id === 'AwsSolutions-COG2').map((a) => a.path)).toEqual([
      stack.userPool.node.path,
    ]);
    for (const a of acknowledged) {
      expect(a.path, 'acknowledged on a resource, never the whole app or stack').not.toMatch(/^(Jingrong)?$/);
      expect(a.reason.length, `${a.id} at ${a.path}`).toBeGreaterThan(40);
    }
  });
});
