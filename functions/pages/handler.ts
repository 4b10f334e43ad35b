import { cognitoHostedSignIn } from '#http/hosted-sign-in.ts';
import { s3DocumentStorageFor } from '#store/documents.ts';
import { parsePagesFunctionEnv } from '../shared/env.ts';
import { lambdaDeps } from '../shared/http-function.ts';
import { lambdaObservability } from '../shared/observability.ts';
import { pagesHandler } from './app.ts';

/** Cold start: env parsed once (fail fast with the variable's name), clients built once. */
const env = parsePagesFunctionEnv();
const observability = lambdaObservability('jingrong-pages');

export const handler = pagesHandler(
  {
    ...lambdaDeps(env, observability),
    // Documents on leads, in the bucket of infra/constructs/documents.ts.
    documents: s3DocumentStorageFor(env.AWS_REGION, env.DOCUMENTS_BUCKET),
    hostedSignIn: cognitoHostedSignIn({
      domainUrl: env.SIGN_IN_DOMAIN_URL,
      clientId: env.USER_POOL_CLIENT_ID,
      appUrl: env.APP_URL,
    }),
  },
  observability,
);
