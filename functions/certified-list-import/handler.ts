import { parseHttpFunctionEnv } from '../shared/env.ts';
import { lambdaDeps } from '../shared/http-function.ts';
import { lambdaObservability } from '../shared/observability.ts';
import { certifiedListImportHandler } from './app.ts';

/** Cold start: env parsed once (fail fast with the variable's name), clients built once. */
const env = parseHttpFunctionEnv();
const observability = lambdaObservability('jingrong-certified-list-import');

export const handler = certifiedListImportHandler(lambdaDeps(env, observability), observability);
