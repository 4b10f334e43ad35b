import { parseHttpFunctionEnv } from '../shared/env.ts';
import { lambdaDeps } from '../shared/http-function.ts';
import { lambdaObservability } from '../shared/observability.ts';
import { leadsHandler } from './app.ts';

/** Cold start: env parsed once (fail fast with the variable's name), clients built once. */
const env = parseHttpFunctionEnv();
const observability = lambdaObservability('jingrong-leads');

export const handler = leadsHandler(lambdaDeps(env, observability), observability);
