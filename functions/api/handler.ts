import { parseHttpFunctionEnv } from '../shared/env.ts';
import { lambdaDeps } from '../shared/http-function.ts';
import { lambdaObservability } from '../shared/observability.ts';
import { OPENAPI_FILE, prebuiltDocument, REFERENCE_PAGE_FILE } from '../shared/prebuilt-document.ts';
import { apiHandler } from './app.ts';

/** Cold start: env parsed once (fail fast with the variable's name), clients built once. */
const env = parseHttpFunctionEnv();
const observability = lambdaObservability('jingrong-api');

export const handler = apiHandler(
  lambdaDeps(env, observability),
  observability,
  prebuiltDocument(
    new URL(`./${OPENAPI_FILE}`, import.meta.url),
    new URL(`./${REFERENCE_PAGE_FILE}`, import.meta.url),
  ),
);
