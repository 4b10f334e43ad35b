import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import { openApiDocument } from '#http/openapi-document.ts';
import { FIRM_PAGE_SECTIONS } from '#http/pages/audiences/firm.ts';
import { PUBLIC_PAGE_SECTIONS } from '#http/pages/audiences/public.ts';
import { apiHandler } from '../../functions/api/app.ts';
import { leadsHandler } from '../../functions/leads/app.ts';
import { pagesHandler } from '../../functions/pages/app.ts';
import type { DocumentPagesFunctionEnv } from '../../functions/shared/env.ts';
import { type ApiGatewayEvent, type HttpHandler, lambdaDeps } from '../../functions/shared/http-function.ts';
import { lambdaObservability } from '../../functions/shared/observability.ts';
import { cognitoVerifierFor } from '../support/cognito-verifier.ts';
import {
  type CognitoUser,
  cognitoFirmUser,
  FAKE_APP_URL,
  FAKE_CLIENT_ID,
  FAKE_DOMAIN,
  FAKE_POOL_ID,
  FAKE_REGION,
  type FakeCognito,
  fakeCognito,
  hostedSignInFor,
} from '../support/fake-cognito.ts';
import { xiamenLittleGiant } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';

/**
 * The Lambda entry points driven the way API Gateway drives them: recorded HTTP API (payload
 * 2.0) events, signed in and not, for the JSON API and for the pages, on DynamoDB Local, with
 * tokens from a stand-in Cognito pool.
 */
const ENV: DocumentPagesFunctionEnv = {
  AWS_REGION: FAKE_REGION,
  TABLE_NAME: 'unused-the-store-is-injected',
  USER_POOL_ID: FAKE_POOL_ID,
  USER_POOL_CLIENT_ID: FAKE_CLIENT_ID,
  POWERTOOLS_LOG_LEVEL: 'INFO',
  APP_URL: FAKE_APP_URL,
  SIGN_IN_DOMAIN_URL: FAKE_DOMAIN,
  DOCUMENTS_BUCKET: 'jingrong-documents-test',
};

const CONTEXT = {
  functionName: 'Jingrong-ApiFunction',
  functionVersion: '7',
  invokedFunctionArn: 'arn:aws-cn:lambda:cn-north-1:123456789012:function:Jingrong-ApiFunction:live',
  memoryLimitInMB: '1024',
  awsRequestId: '5f0c7d4e-8a1b-4c2d-9e3f-0a1b2c3d4e5f',
  logGroupName: '/aws/lambda/Jingrong-ApiFunction',
  logStreamName: '2026/11/29/[7]0123456789abcdef',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 15_000,
} as unknown as Context;

/** A recorded event with its placeholders ({{TOKEN}} …) filled in. */
function recorded(name: string, values: Record<string, string> = {}): ApiGatewayEvent {
  let text = readFileSync(new URL(`./events/${name}.json`, import.meta.url), 'utf8');
  for (const [key, value] of Object.entries(values)) text = text.replaceAll(`{{${key}}}`, value);
  return JSON.parse(text);
}

/** The body as the browser reads it: base64 and gzip undone, as API Gateway and the browser do. */
function bodyText(result: Awaited<ReturnType<HttpHandler>>): string {
  if (!result.isBase64Encoded) return result.body;
  const bytes = Buffer.from(result.body, 'base64');
  return (result.headers?.['content-encoding'] === 'gzip' ? gunzipSync(bytes) : bytes).toString('utf8');
}

/** What a function wrote to stdout while handling one event (Powertools logs and EMF metrics). */
async function invoke(handler: HttpHandler, event: ApiGatewayEvent) {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  try {
    const result = await handler(event, CONTEXT);
    return { result, logs: lines.flatMap((l) => (l.startsWith('{') ? [JSON.parse(l)] : [])) };
  } finally {
    spy.mockRestore();
  }
}

let world: World;
let cognito: FakeCognito;
let api: HttpHandler;
/** The public site's pages function, and the firms' one. */
let pages: HttpHandler;
let firmPages: HttpHandler;
let leads: HttpHandler;
const uscc = buildUscc('91', '350203', 'MA8PGAU6');
const firm = cognitoFirmUser('sub-handler-firm', uscc);

beforeAll(async () => {
  world = await createWorld();
  await world.addFirm(xiamenLittleGiant({ uscc }));
  cognito = fakeCognito({ now: () => new Date() });
  const verifier = cognitoVerifierFor(cognito);
  const apiObservability = lambdaObservability('jingrong-api');
  api = apiHandler(
    lambdaDeps(ENV, apiObservability, { store: world.store, verifier }),
    apiObservability,
    openApiDocument,
  );
  const leadsObservability = lambdaObservability('jingrong-leads');
  leads = leadsHandler(
    lambdaDeps(ENV, leadsObservability, { store: world.store, verifier }),
    leadsObservability,
  );
  const pagesObservability = lambdaObservability('jingrong-pages');
  const pagesDeps = {
    ...lambdaDeps(ENV, pagesObservability, { store: world.store, verifier }),
    hostedSignIn: hostedSignInFor(cognito),
  };
  pages = pagesHandler(pagesDeps, pagesObservability, PUBLIC_PAGE_SECTIONS);
  firmPages = pagesHandler(pagesDeps, pagesObservability, FIRM_PAGE_SECTIONS);
});
afterEach(() => vi.unstubAllGlobals());
afterAll(() => world.drop());

const now = () => Math.floor(Date.now() / 1000);
const BAD_TOKENS: Array<[string, () => Promise<string>]> = [
  [
    'an ID token of another app client',
    () => fakeCognito({ now: () => new Date(), clientId: 'someotherclient' }).token(firm, 'id'),
  ],
  ['an access token where an ID token is expected', () => cognito.token(firm, 'access')],
  ['an expired ID token', () => cognito.token(firm, 'id', { iat: now() - 7200, exp: now() - 3600 })],
  [
    'an ID token issued in the future',
    () => cognito.token(firm, 'id', { iat: now() + 3600, exp: now() + 7200 }),
  ],
  [
    'an ID token of another user pool',
    () =>
      cognito.token(firm, 'id', {
        iss: `https://cognito-idp.${FAKE_REGION}.amazonaws.com/${FAKE_REGION}_Other`,
      }),
  ],
];

describe('API function', () => {
  it('answers GET /api/health without a token, DynamoDB connected', async () => {
    const { result } = await invoke(api, recorded('api-get-health'));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ status: 'ok', db: { connected: true } });
  });

  it("logs with API Gateway's request id as correlation id and the Lambda context, and flushes its metrics", async () => {
    const event = recorded('api-get-health');
    const { logs } = await invoke(api, event);
    const request = logs.find((l) => l.message === 'request');
    expect(request).toMatchObject({
      level: 'INFO',
      service: 'jingrong-api',
      correlation_id: event.requestContext.requestId,
      requestId: event.requestContext.requestId,
      function_name: CONTEXT.functionName,
      function_request_id: CONTEXT.awsRequestId,
      path: '/api/health',
      status: 200,
    });
  });

  it('knows a signed-in firm by its Cognito ID token: same role and tenant as local mode', async () => {
    const token = await cognito.token(firm, 'id');
    const { result } = await invoke(
      api,
      recorded('api-get-me-signed-in', { TOKEN: token, CLIENT_ID: FAKE_CLIENT_ID }),
    );
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ role: 'firm', userId: firm.sub, uscc });
  });

  it.each(BAD_TOKENS)('refuses %s with 401', async (_, make) => {
    const { result } = await invoke(
      api,
      recorded('api-get-me-signed-in', { TOKEN: await make(), CLIENT_ID: FAKE_CLIENT_ID }),
    );
    expect(result.statusCode).toBe(401);
    expect(JSON.parse(result.body).error.code).toBe('unauthenticated');
  });
});

describe('leads function', () => {
  const officer: CognitoUser = {
    sub: 'sub-handler-officer',
    email: 'sub-handler-officer@bank.example.cn',
    'custom:role': 'officer',
    'custom:institutionId': 'xiamen-demo-bank',
  };
  const event = async (token: string) =>
    recorded('leads-get-leads-signed-in', {
      TOKEN: token,
      CLIENT_ID: FAKE_CLIENT_ID,
      INSTITUTION: 'xiamen-demo-bank',
    });

  it("lists a signed-in officer's leads from its Cognito ID token, logging under its own service", async () => {
    const request = await event(await cognito.token(officer, 'id'));
    const { result, logs } = await invoke(leads, request);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ items: [] });
    expect(logs.find((l) => l.message === 'request')).toMatchObject({
      service: 'jingrong-leads',
      correlation_id: request.requestContext.requestId,
      path: '/api/leads',
      status: 200,
    });
  });

  it.each(BAD_TOKENS)('refuses %s with 401', async (_, make) => {
    const { result } = await invoke(leads, await event(await make()));
    expect(result.statusCode).toBe(401);
    expect(JSON.parse(result.body).error.code).toBe('unauthenticated');
  });

  it("refuses a firm with 403: the officers' lead list", async () => {
    const { result } = await invoke(leads, await event(await cognito.token(firm, 'id')));
    expect(result.statusCode).toBe(403);
  });
});

describe('pages functions', () => {
  it('serves the public home page to a visitor without a session', async () => {
    const { result } = await invoke(pages, recorded('pages-get-home'));
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toContain('text/html');
    expect(bodyText(result)).toContain('产品目录');
  });

  it('shows a signed-in firm its own area from the session cookie', async () => {
    const token = await cognito.token(firm, 'id');
    const { result } = await invoke(
      firmPages,
      recorded('pages-get-firm-signed-in', { TOKEN: token, REFRESH_TOKEN: 'unused' }),
    );
    expect(result.statusCode).toBe(200);
    expect(bodyText(result)).toContain(xiamenLittleGiant().name);
  });

  it("sends a visitor without a valid session to sign in, which starts Cognito's hosted sign-in", async () => {
    const expired = await cognito.token(firm, 'id', { iat: 1_700_000_000, exp: 1_700_003_600 });
    const event = recorded('pages-get-firm-signed-in', {
      TOKEN: expired,
      REFRESH_TOKEN: 'revoked-or-unknown',
    });
    const { result } = await invoke(firmPages, event);
    expect(result.statusCode).toBe(303);
    expect(result.headers?.location).toBe('/sign-in?next=%2Ffirm');
    const signIn = { ...recorded('pages-get-home'), rawPath: '/sign-in', rawQueryString: 'next=%2Ffirm' };
    (signIn.requestContext as unknown as { http: { path: string } }).http.path = '/sign-in';
    const { result: started } = await invoke(pages, signIn);
    expect(started.statusCode).toBe(302);
    expect(started.headers?.location).toMatch(`${FAKE_DOMAIN}/oauth2/authorize?`);
    expect(started.cookies?.[0]).toMatch(
      /^jr_oauth=.*; Path=\/auth\/callback; HttpOnly; Secure; SameSite=Lax$/,
    );
  });

  it.each(BAD_TOKENS)('treats a session cookie holding %s as no session: sign in again', async (_, make) => {
    const event = recorded('pages-get-firm-signed-in', { TOKEN: await make(), REFRESH_TOKEN: 'unknown' });
    const { result } = await invoke(firmPages, event);
    expect(result.statusCode).toBe(303);
    expect(result.headers?.location).toBe('/sign-in?next=%2Ffirm');
    expect(bodyText(result)).not.toContain(xiamenLittleGiant().name);
  });

  it('have no JSON API in them', async () => {
    for (const handler of [pages, firmPages]) {
      const { result } = await invoke(handler, recorded('api-get-health'));
      expect(result.statusCode).toBe(404);
    }
  });

  it("serve their own audience's pages only: the public site has no firm area, the firms' function no home page", async () => {
    const token = await cognito.token(firm, 'id');
    const { result: firmArea } = await invoke(
      pages,
      recorded('pages-get-firm-signed-in', { TOKEN: token, REFRESH_TOKEN: 'unused' }),
    );
    expect(firmArea.statusCode).toBe(404);
    expect(firmArea.headers?.['content-type']).toContain('text/html');
    expect(bodyText(firmArea)).not.toContain(xiamenLittleGiant().name);
    const { result: home } = await invoke(firmPages, recorded('pages-get-home'));
    expect(home.statusCode).toBe(404);
  });
});
