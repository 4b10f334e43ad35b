import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, type HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import {
  API_FUNCTION_TABLE_ACTIONS,
  CERTIFIED_LIST_IMPORT_TABLE_ACTIONS,
  EQUITY_FUNCTION_TABLE_ACTIONS,
  LEADS_FUNCTION_TABLE_ACTIONS,
  PAGES_FUNCTION_TABLE_ACTIONS,
} from '../functions/shared/permissions.ts';
import { OPENAPI_FILE, REFERENCE_PAGE_FILE } from '../functions/shared/prebuilt-document.ts';
import { CALLBACK_PATH } from '../shared/http/hosted-sign-in.ts';
import { LEAD_OPERATIONS } from '../shared/http/lead-routers.ts';
import { apiDocumentFiles } from '../shared/http/openapi-document.ts';
import { EQUITY_OPERATIONS } from '../shared/http/routes/equity.ts';
import { apiRouteTable } from '../shared/http/routes/index.ts';
import { ROADSHOW_OPERATIONS } from '../shared/http/routes/roadshows.ts';
import { TABLE } from '../shared/store/table.ts';
import { Documents } from './constructs/documents.ts';
import { EventBackbone } from './constructs/event-backbone.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { ServiceFunction } from './constructs/service-function.ts';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
const projectPath = (relative: string) => fileURLToPath(new URL(`../${relative}`, import.meta.url));

/**
 * The gateway's route table. The JSON API's routes come from the app's own route list
 * (`apiRouteTable()`, built from the same route definitions as the OpenAPI document): a route
 * whose operation has no `security` is public, every other one carries the Cognito JWT
 * authorizer, and `ANY /api/{proxy+}` (with the authorizer) catches the rest of /api. The
 * function checks the token again and enforces roles and ownership itself.
 *
 * Each public operation needs its reason here, read by cdk-nag's acknowledgement; a new public
 * operation without one fails the synth.
 */
export const PUBLIC_OPERATION_REASONS: Record<string, string> = {
  health: 'Health probe for monitors; reports only service and database status.',
  openApiDocument: 'Published OpenAPI description of the API; contains no data.',
  signIn:
    'Local-mode sign-in; in AWS it only answers 404 pointing to the hosted sign-in (no token to check yet).',
  registerFirm: 'A firm registers itself and its first account: there is no account to hold a token yet.',
  listInstitutions: 'Public list of participating financial institutions; read-only catalogue data.',
  listProducts: 'Public catalogue of financing products, browsable before sign-in.',
  readProduct: 'Public detail of one financing product; read-only catalogue data.',
  matchWhatIf:
    'Anonymous matching of a described funding need against the public catalogue; nothing is stored.',
  upcomingRoadshows:
    'Public list of upcoming roadshows (title, times, venue); names no firm or fund and gives no online link.',
};

/** The functions behind the gateway. */
export type RouteTarget =
  | 'api'
  | 'leads'
  | 'equity'
  | 'certifiedListImport'
  | 'pages'
  | 'firmPages'
  | 'officerPages'
  | 'operatorPages';

/**
 * The signed-in areas of the web pages, each served by its own audience's function
 * (functions/pages/entries/*) with only that audience's pages in its bundle; the public site,
 * sign-in, account, notifications and the assets stay with the pages function.
 */
const PAGE_AREAS = [
  { prefix: '/firm', target: 'firmPages', who: "firms' pages (requests, matches, leads, profile, equity)" },
  {
    prefix: '/officer',
    target: 'officerPages',
    who: "bank and fund officers' pages (leads, products, batches)",
  },
  {
    prefix: '/operator',
    target: 'operatorPages',
    who: "city operators' pages (requests, lists, LPR, roadshows)",
  },
] as const satisfies readonly { prefix: string; target: RouteTarget; who: string }[];

/**
 * Operations served by another function than the JSON API's core, each with only its part of
 * the code (shared/http/api-routers.ts): the officers' leads, notifications and webhooks
 * (functions/leads), equity financing and roadshows (functions/equity), and the certified-list
 * import (its CSV/XLSX readers would more than double the API's bundle).
 */
export const OPERATION_TARGETS: Readonly<Record<string, RouteTarget>> = {
  ...Object.fromEntries(LEAD_OPERATIONS.map((op) => [op.operationId, 'leads' as const])),
  ...Object.fromEntries(
    [...EQUITY_OPERATIONS, ...ROADSHOW_OPERATIONS].map((op) => [op.operationId, 'equity' as const]),
  ),
  importCertifiedList: 'certifiedListImport',
};

export interface GatewayRoute {
  method: HttpMethod;
  path: string;
  /** Which function serves it: the JSON API's core, the leads, equity, the certified-list import or one of the pages functions. */
  target: RouteTarget;
  /** Public routes only: why no token is required. */
  reason?: string;
  authorized: boolean;
}

/** A signed-in area's page and the pages under it. */
const pageAreaRoutes = ({ prefix, target, who }: (typeof PAGE_AREAS)[number]): GatewayRoute[] =>
  [prefix, `${prefix}/{proxy+}`].map((path) => ({
    method: HttpMethod.ANY,
    path,
    target,
    authorized: false,
    reason:
      `Server-rendered ${who}. Browsers send no Authorization header; the function verifies the HttpOnly ` +
      "session cookie (a Cognito ID token) and its role, and every object's owner.",
  }));

/** Routes outside the API's operations: the reference page and the web pages. All public. */
const OTHER_ROUTES: readonly GatewayRoute[] = [
  {
    method: HttpMethod.GET,
    path: '/docs',
    target: 'api',
    authorized: false,
    reason: 'API reference page (renders the published OpenAPI description); contains no data.',
  },
  {
    method: HttpMethod.POST,
    path: '/operator/lists',
    target: 'certifiedListImport',
    authorized: false,
    reason:
      "The operator's certified-list upload from its page: served by the import's function (its file readers stay " +
      'out of the pages), signed in by the session cookie the function verifies, like every page.',
  },
  {
    method: HttpMethod.ANY,
    path: '/',
    target: 'pages',
    authorized: false,
    reason:
      'Server-rendered landing page (public catalogue). Pages do not call /api: they read through the use ' +
      'cases and are signed in by the session cookie (Cognito ID token), which the function verifies.',
  },
  {
    method: HttpMethod.ANY,
    path: '/{proxy+}',
    target: 'pages',
    authorized: false,
    reason:
      'Server-rendered pages, their static assets and the sign-in callback. The JWT authorizer reads only the Authorization ' +
      'header, which browsers do not send; private pages are guarded in the function by the HttpOnly session ' +
      "cookie (a Cognito ID token verified for signature, issuer, client id and token_use) and every object's owner.",
  },
  ...PAGE_AREAS.flatMap(pageAreaRoutes),
];

/** The whole route table: the API's operations, the /api catch-all, the docs and the pages. */
export function gatewayRoutes(): GatewayRoute[] {
  const operations = apiRouteTable().map((route): GatewayRoute => {
    const target = OPERATION_TARGETS[route.operationId] ?? 'api';
    if (!route.public)
      return { method: route.method as HttpMethod, path: route.path, target, authorized: true };
    const reason = PUBLIC_OPERATION_REASONS[route.operationId];
    if (!reason)
      throw new Error(`public operation ${route.operationId} needs a reason in PUBLIC_OPERATION_REASONS`);
    return { method: route.method as HttpMethod, path: route.path, target, authorized: false, reason };
  });
  return [
    ...operations,
    { method: HttpMethod.ANY, path: AUTHORIZED_API_PATH, target: 'api', authorized: true },
    ...OTHER_ROUTES,
  ];
}

export const AUTHORIZED_API_PATH = '/api/{proxy+}';

export interface JingrongStackProps extends StackProps {
  /** Steady-state request rate for the whole stage (requests per second). @default 50 */
  readonly apiRateLimit?: number;
  /** Burst capacity for the whole stage (requests). @default 100 */
  readonly apiBurstLimit?: number;
  /** Whether people may create their own Cognito accounts. @default false (accounts are provisioned) */
  readonly selfSignUp?: boolean;
  /** Retention of function and access logs. @default six months */
  readonly logRetention?: logs.RetentionDays;
  /** Prefix of the hosted sign-in domain (<prefix>.auth.<region>.amazoncognito.com). @default jingrong-<account id> */
  readonly signInDomainPrefix?: string;
  /** E-mail address subscribed to the alarm topic. @default none (subscribe after deploy) */
  readonly alarmEmail?: string;
}

export class JingrongStack extends Stack {
  readonly table: dynamodb.Table;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly signInDomain: cognito.UserPoolDomain;
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly apiFunction: ServiceFunction;
  readonly leadsFunction: ServiceFunction;
  readonly equityFunction: ServiceFunction;
  readonly certifiedListImportFunction: ServiceFunction;
  /** The public site's pages, sign-in, account, notifications and assets. */
  readonly pagesFunction: ServiceFunction;
  readonly firmPagesFunction: ServiceFunction;
  readonly officerPagesFunction: ServiceFunction;
  readonly operatorPagesFunction: ServiceFunction;
  /** Alarms, their SNS topic and the dashboard; other constructs add their functions and DLQs to it. */
  readonly monitoring: Monitoring;
  readonly backbone: EventBackbone;
  /** Firms' documents on leads; only the firms' and officers' pages functions (which upload, check and lend them) may reach it. */
  readonly documents: Documents;

  constructor(scope: Construct, id: string, props: JingrongStackProps = {}) {
    super(scope, id, props);
    const logRetention = props.logRetention ?? logs.RetentionDays.SIX_MONTHS;

    this.table = this.createTable();
    // The API first: its URL is where Cognito sends people back after signing in and out.
    this.api = new HttpApi(this, 'HttpApi', {
      apiName: 'jingrong',
      description: 'Jingrong 精融 — SRDI firm financing matching',
      createDefaultStage: false,
    });
    const appUrl = this.api.apiEndpoint;
    const { userPool, client, domain } = this.createUserPool(props, appUrl);
    this.userPool = userPool;
    this.userPoolClient = client;
    this.signInDomain = domain;

    const functionDefaults = {
      memorySize: 1024,
      timeout: Duration.seconds(15),
      logRetention,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: projectPath('package-lock.json'),
    };
    const cognitoEnvironment = {
      USER_POOL_ID: userPool.userPoolId,
      USER_POOL_CLIENT_ID: client.userPoolClientId,
    };
    const indexNames = TABLE.globalSecondaryIndexes.map((index) => index.indexName);
    const apiDocument = apiDocumentFiles();
    this.apiFunction = new ServiceFunction(this, 'ApiFunction', {
      ...functionDefaults,
      entry: projectPath('functions/api/handler.ts'),
      serviceName: 'jingrong-api',
      description: 'Jingrong JSON API (hono): catalogue, matching, firms and their requests, OpenAPI',
      environment: cognitoEnvironment,
      // The OpenAPI document, built here from the route definitions, and its reference page
      // rendered from it, served from these files.
      files: { [OPENAPI_FILE]: apiDocument.json, [REFERENCE_PAGE_FILE]: apiDocument.referencePage },
    });
    this.apiFunction.bindTable(this.table, { actions: API_FUNCTION_TABLE_ACTIONS, indexNames });
    this.leadsFunction = new ServiceFunction(this, 'LeadsFunction', {
      ...functionDefaults,
      entry: projectPath('functions/leads/handler.ts'),
      serviceName: 'jingrong-leads',
      description: "Jingrong leads API: officers' leads, notifications, escalations and institution webhooks",
      environment: cognitoEnvironment,
    });
    this.leadsFunction.bindTable(this.table, { actions: LEADS_FUNCTION_TABLE_ACTIONS, indexNames });
    this.equityFunction = new ServiceFunction(this, 'EquityFunction', {
      ...functionDefaults,
      entry: projectPath('functions/equity/handler.ts'),
      serviceName: 'jingrong-equity',
      description: 'Jingrong equity financing and roadshows API: funds, batches, equity leads, roadshows',
      environment: cognitoEnvironment,
    });
    this.equityFunction.bindTable(this.table, { actions: EQUITY_FUNCTION_TABLE_ACTIONS, indexNames });
    this.certifiedListImportFunction = new ServiceFunction(this, 'CertifiedListImportFunction', {
      ...functionDefaults,
      // A 12 MB XLSX is parsed in memory; writing 100k rows takes seconds. 29 s is the HTTP API's limit.
      memorySize: 2048,
      timeout: Duration.seconds(29),
      entry: projectPath('functions/certified-list-import/handler.ts'),
      serviceName: 'jingrong-certified-list-import',
      description: 'Jingrong certified-list import (CSV/XLSX): POST /api/certified-lists',
      environment: cognitoEnvironment,
    });
    this.certifiedListImportFunction.bindTable(this.table, {
      actions: CERTIFIED_LIST_IMPORT_TABLE_ACTIONS,
      indexNames,
    });
    // The web pages, a function per audience, each bundling its own pages only (shared/http/pages/audiences).
    const pagesFunction = (id: string, audience: string, serviceName: string, description: string) => {
      const fn = new ServiceFunction(this, id, {
        ...functionDefaults,
        entry: projectPath(`functions/pages/entries/${audience}.ts`),
        serviceName,
        description,
        environment: { ...cognitoEnvironment, APP_URL: appUrl, SIGN_IN_DOMAIN_URL: domain.baseUrl() },
      });
      fn.bindTable(this.table, { actions: PAGES_FUNCTION_TABLE_ACTIONS, indexNames });
      return fn;
    };
    this.pagesFunction = pagesFunction(
      'PagesFunction',
      'public',
      'jingrong-pages',
      'Jingrong web pages (hono/jsx): public catalogue and roadshows, Cognito hosted sign-in, account, notifications',
    );
    this.firmPagesFunction = pagesFunction(
      'FirmPagesFunction',
      'firm',
      'jingrong-firm-pages',
      "Jingrong web pages (hono/jsx): firms' requests, matches, leads, documents, profile and equity (/firm)",
    );
    this.officerPagesFunction = pagesFunction(
      'OfficerPagesFunction',
      'officer',
      'jingrong-officer-pages',
      "Jingrong web pages (hono/jsx): bank and fund officers' leads, products and batches (/officer)",
    );
    this.operatorPagesFunction = pagesFunction(
      'OperatorPagesFunction',
      'operator',
      'jingrong-operator-pages',
      "Jingrong web pages (hono/jsx): city operators' requests, escalations, lists, LPR and roadshows (/operator)",
    );
    // Documents on leads: browsers upload to the bucket with a presigned POST and download with a
    // presigned GET, signed by the firms' pages (upload, download) and the officers' (download of
    // what was shared: read only), the only functions granted the bucket.
    this.documents = new Documents(this, 'Documents');
    this.documents.grantTo(this.firmPagesFunction.fn);
    this.documents.grantTo(this.officerPagesFunction.fn, { readOnly: true });

    this.stage = this.addStageAndRoutes(props, logRetention);

    this.monitoring = new Monitoring(this, 'Monitoring', { alarmEmail: props.alarmEmail });
    this.monitoring.monitorHttpApi(this.api);
    for (const [name, fn] of [
      ['ApiFunction', this.apiFunction],
      ['LeadsFunction', this.leadsFunction],
      ['EquityFunction', this.equityFunction],
      ['CertifiedListImportFunction', this.certifiedListImportFunction],
      ['PagesFunction', this.pagesFunction],
      ['FirmPagesFunction', this.firmPagesFunction],
      ['OfficerPagesFunction', this.officerPagesFunction],
      ['OperatorPagesFunction', this.operatorPagesFunction],
    ] as const) {
      const alarms = this.monitoring.monitorFunction(name, fn.fn);
      // New code reaches 10% of requests for five minutes first; an alarm in that window rolls it back.
      fn.deployWithCanary(alarms);
    }
    this.monitoring.monitorTable(this.table);

    // Outbox → stream → Pipe → bus → a queue and a function per consumer; the timer sweep.
    this.backbone = new EventBackbone(this, 'EventBackbone', {
      table: this.table,
      monitoring: this.monitoring,
      logRetention,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: projectPath('package-lock.json'),
      projectPath,
    });

    new CfnOutput(this, 'ApiUrl', { value: appUrl, description: 'Base URL of the app and its HTTP API' });
    new CfnOutput(this, 'SignInDomainUrl', {
      value: domain.baseUrl(),
      description: "Cognito's hosted sign-in for the pages",
    });
    new CfnOutput(this, 'DocumentsBucketName', {
      value: this.documents.bucket.bucketName,
      description: "Firms' documents on leads (private; reached through presigned URLs only)",
    });
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'DynamoDB table' });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId, description: 'Cognito user pool' });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.monitoring.topic.topicArn,
      description: 'SNS topic every alarm notifies (subscribe on-call here)',
    });
    new CfnOutput(this, 'UserPoolClientId', {
      value: client.userPoolClientId,
      description: 'Cognito app client (public: hosted sign-in with code + PKCE, or SRP)',
    });
  }

  /** The single table, built from the definition local mode and tests use too. */
  private createTable(): dynamodb.Table {
    const string = dynamodb.AttributeType.STRING;
    const table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: string },
      sortKey: { name: TABLE.sortKey, type: string },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TABLE.ttlAttribute,
      stream: dynamodb.StreamViewType[TABLE.streamViewType],
    });
    for (const index of TABLE.globalSecondaryIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: string },
        sortKey: { name: index.sortKey, type: string },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    return table;
  }

  private createUserPool(props: JingrongStackProps, appUrl: string) {
    const userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: props.selfSignUp ?? false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes: {
        // Values: firm | officer | operator. Only administrators set these (see the client below).
        role: new cognito.StringAttribute({ minLen: 1, maxLen: 32, mutable: true }),
        // Unified Social Credit Code of the firm a firm user acts for: always 18 characters.
        uscc: new cognito.StringAttribute({ minLen: 18, maxLen: 18, mutable: true }),
        institutionId: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        // Operators work a region: GB/T 2260 prefix (2 = province, 4 = city, 6 = district).
        regionPrefix: new cognito.StringAttribute({ minLen: 2, maxLen: 6, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
        passwordHistorySize: 5,
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is OPTIONAL (TOTP) rather than REQUIRED for the whole pool: firm staff sign in rarely and a mandatory ' +
        'second factor at first sign-in blocks onboarding. Plus-tier threat protection runs in full-function mode ' +
        'with the risk configuration below: medium-risk sign-ins are challenged with MFA when enrolled, high-risk ' +
        'sign-ins require MFA, and compromised credentials are blocked.',
    });

    // Adaptive authentication: what threat protection does at each risk level.
    new cognito.CfnUserPoolRiskConfigurationAttachment(this, 'UserPoolRiskConfiguration', {
      userPoolId: userPool.userPoolId,
      clientId: 'ALL',
      compromisedCredentialsRiskConfiguration: {
        actions: { eventAction: 'BLOCK' },
        eventFilter: ['SIGN_IN', 'PASSWORD_CHANGE', 'SIGN_UP'],
      },
      accountTakeoverRiskConfiguration: {
        actions: {
          lowAction: { eventAction: 'NO_ACTION', notify: false },
          mediumAction: { eventAction: 'MFA_IF_CONFIGURED', notify: false },
          highAction: { eventAction: 'MFA_REQUIRED', notify: false },
        },
      },
    });

    const customAttributes = ['role', 'uscc', 'institutionId', 'regionPrefix'];
    const client = userPool.addClient('WebClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      // The pages: authorization code with PKCE only (no implicit grant), back to the app's own URL.
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${appUrl}${CALLBACK_PATH}`],
        logoutUrls: [`${appUrl}/`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(...customAttributes),
      // No custom attributes here: a user must never be able to grant themselves a role,
      // a firm or an institution. Administrators set those with AdminUpdateUserAttributes.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });
    // Cognito's hosted sign-in pages. The prefix must be unique in the region; the account id makes it so.
    const domain = userPool.addDomain('SignInDomain', {
      cognitoDomain: { domainPrefix: props.signInDomainPrefix ?? `jingrong-${this.account}` },
    });
    return { userPool, client, domain };
  }

  private addStageAndRoutes(props: JingrongStackProps, logRetention: logs.RetentionDays) {
    const api = this.api;
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const stage = api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.apiRateLimit ?? 50, burstLimit: props.apiBurstLimit ?? 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    // One integration per function, each on its `live` alias, one permission each instead of one per route.
    const integrations: Record<RouteTarget, HttpLambdaIntegration> = {
      api: new HttpLambdaIntegration('ApiIntegration', this.apiFunction.live, {
        scopePermissionToRoute: false,
      }),
      leads: new HttpLambdaIntegration('LeadsIntegration', this.leadsFunction.live, {
        scopePermissionToRoute: false,
      }),
      equity: new HttpLambdaIntegration('EquityIntegration', this.equityFunction.live, {
        scopePermissionToRoute: false,
      }),
      certifiedListImport: new HttpLambdaIntegration(
        'CertifiedListImportIntegration',
        this.certifiedListImportFunction.live,
        { scopePermissionToRoute: false },
      ),
      pages: new HttpLambdaIntegration('PagesIntegration', this.pagesFunction.live, {
        scopePermissionToRoute: false,
      }),
      firmPages: new HttpLambdaIntegration('FirmPagesIntegration', this.firmPagesFunction.live, {
        scopePermissionToRoute: false,
      }),
      officerPages: new HttpLambdaIntegration('OfficerPagesIntegration', this.officerPagesFunction.live, {
        scopePermissionToRoute: false,
      }),
      operatorPages: new HttpLambdaIntegration('OperatorPagesIntegration', this.operatorPagesFunction.live, {
        scopePermissionToRoute: false,
      }),
    };
    const authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', this.userPool, {
      userPoolClients: [this.userPoolClient],
      identitySource: ['$request.header.Authorization'],
    });

    for (const route of gatewayRoutes()) {
      const created = api.addRoutes({
        path: route.path,
        methods: [route.method],
        integration: integrations[route.target],
        ...(route.authorized ? { authorizer } : {}),
      });
      for (const r of created) {
        if (route.authorized) continue;
        Validations.of(r).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by design: ${route.reason}`,
        });
      }
    }
    return stage;
  }
}

/** One JSON object per request in the access log. */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTime: '$context.requestTime',
  requestTimeEpoch: '$context.requestTimeEpoch',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  httpMethod: '$context.httpMethod',
  path: '$context.path',
  routeKey: '$context.routeKey',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  error: '$context.error.message',
  authorizerError: '$context.authorizer.error',
  userSub: '$context.authorizer.claims.sub',
};
