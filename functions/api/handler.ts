import { randomUUID } from 'node:crypto';
import { type APIGatewayProxyResult, handle, type LambdaEvent } from 'hono/aws-lambda';
import { createApp } from '#http/app.ts';
import { cognitoTokenVerifier } from '#http/auth.ts';
import { cognitoHostedSignIn } from '#http/hosted-sign-in.ts';
import { createDocumentClient, createDynamoClient } from '#store/client.ts';
import { createStore } from '#store/index.ts';
import { parsePagesFunctionEnv } from '../shared/env.ts';
import { apiGatewayRequestId, lambdaObservability, observed } from '../shared/observability.ts';

/** Cold start: env parsed once (fail fast with the variable's name), clients built once. */
const env = parsePagesFunctionEnv();
const observability = lambdaObservability('jingrong-api');
const store = createStore(
  createDocumentClient(createDynamoClient({ region: env.AWS_REGION })),
  env.TABLE_NAME,
);

const app = createApp({
  store,
  logger: observability.appLogger,
  metrics: observability.metricsPort,
  verifier: cognitoTokenVerifier(env.AWS_REGION, env.USER_POOL_ID, env.USER_POOL_CLIENT_ID),
  now: () => new Date(),
  newId: randomUUID,
  requestIdOf: apiGatewayRequestId,
  hostedSignIn: cognitoHostedSignIn({
    domainUrl: env.SIGN_IN_DOMAIN_URL,
    clientId: env.USER_POOL_CLIENT_ID,
    appUrl: env.APP_URL,
  }),
});

const honoHandler = handle(app);

type ApiGatewayEvent = LambdaEvent & { requestContext: { requestId: string } };

/** API Gateway HTTP API (payload 2.0) → the app. */
export const handler = observed(
  observability,
  (event: ApiGatewayEvent, context): Promise<APIGatewayProxyResult> => honoHandler(event, context),
);
