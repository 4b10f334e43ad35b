import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { type APIGatewayProxyResult, handle, type LambdaEvent } from 'hono/aws-lambda';
import { cognitoTokenVerifier } from '#http/auth.ts';
import type { HttpApp } from '#http/base.ts';
import type { AppDeps } from '#http/context.ts';
import { createDocumentClient, createDynamoClient } from '#store/client.ts';
import { createStore } from '#store/index.ts';
import type { HttpFunctionEnv } from './env.ts';
import { apiGatewayRequestId, type LambdaObservability, observed } from './observability.ts';

export type ApiGatewayEvent = LambdaEvent & { requestContext: { requestId: string } };
export type HttpHandler = (event: ApiGatewayEvent, context: Context) => Promise<APIGatewayProxyResult>;

/**
 * The app's dependencies in Lambda, built once at cold start from the parsed environment.
 * Tests pass a store on DynamoDB Local and a verifier that knows their signing key.
 */
export function lambdaDeps(
  env: HttpFunctionEnv,
  observability: LambdaObservability,
  overrides: Partial<Pick<AppDeps, 'store' | 'verifier'>> = {},
): AppDeps {
  return {
    store:
      overrides.store ??
      createStore(createDocumentClient(createDynamoClient({ region: env.AWS_REGION })), env.TABLE_NAME),
    logger: observability.appLogger,
    metrics: observability.metricsPort,
    verifier:
      overrides.verifier ??
      cognitoTokenVerifier({ userPoolId: env.USER_POOL_ID, clientId: env.USER_POOL_CLIENT_ID }),
    now: () => new Date(),
    newId: randomUUID,
    requestIdOf: apiGatewayRequestId,
  };
}

/** API Gateway HTTP API (payload 2.0) → the function's app, observed by Powertools. */
export function httpHandler(app: HttpApp, observability: LambdaObservability): HttpHandler {
  const honoHandler = handle(app);
  return observed(observability, (event: ApiGatewayEvent, context) => honoHandler(event, context));
}
