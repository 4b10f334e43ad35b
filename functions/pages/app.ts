import { createHttpApp } from '#http/base.ts';
import type { AppDeps } from '#http/context.ts';
import { cognitoHostedSignIn } from '#http/hosted-sign-in.ts';
import type { PageSection } from '#http/pages/audiences/section.ts';
import { pageRoutes } from '#http/pages/index.ts';
import type { DocumentReader, DocumentStorage } from '#store/documents.ts';
import { parseDocumentPagesFunctionEnv, parsePagesFunctionEnv } from '../shared/env.ts';
import { type HttpHandler, httpHandler, lambdaDeps } from '../shared/http-function.ts';
import { type LambdaObservability, lambdaObservability } from '../shared/observability.ts';

/** A pages function's app: its audience's server-rendered pages and sign-in, nothing of the JSON API. */
export const pagesApp = (deps: AppDeps, sections: readonly PageSection[]) =>
  createHttpApp(deps, (app) => {
    app.route('/', pageRoutes(sections));
  });

export const pagesHandler = (
  deps: AppDeps,
  observability: LambdaObservability,
  sections: readonly PageSection[],
) => httpHandler(pagesApp(deps, sections), observability);

/**
 * One audience's pages function (functions/pages/entries/*), built at cold start: the
 * environment parsed once (fail fast with the variable's name), clients built once. Only the
 * audiences that keep or read firms' documents pass `documentsIn` (the bucket's storage for the
 * firms, a reader for the officers), so only their bundles hold those S3 calls, and only they
 * are given the bucket, each for what it calls.
 */
export function pagesFunction(
  serviceName: string,
  sections: readonly PageSection[],
  options: { documentsIn?: (region: string, bucket: string) => DocumentStorage | DocumentReader } = {},
): HttpHandler {
  const documentsEnv = options.documentsIn ? parseDocumentPagesFunctionEnv() : undefined;
  const env = documentsEnv ?? parsePagesFunctionEnv();
  const observability = lambdaObservability(serviceName);
  return pagesHandler(
    {
      ...lambdaDeps(env, observability),
      // Documents on leads, in the bucket of infra/constructs/documents.ts.
      ...(options.documentsIn && documentsEnv
        ? { documents: options.documentsIn(documentsEnv.AWS_REGION, documentsEnv.DOCUMENTS_BUCKET) }
        : {}),
      hostedSignIn: cognitoHostedSignIn({
        domainUrl: env.SIGN_IN_DOMAIN_URL,
        clientId: env.USER_POOL_CLIENT_ID,
        appUrl: env.APP_URL,
      }),
    },
    observability,
    sections,
  );
}
