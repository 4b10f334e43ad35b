import { lambdaObservability } from '../../../functions/shared/observability.ts';
import { failDeepInside } from './failing.ts';

/**
 * Bundled like a function (minified, with a source map) and run without `--enable-source-maps`:
 * logs one error with a cause through the functions' logger port.
 */
export function logFailure(): void {
  const { appLogger } = lambdaObservability('stack-traces-test');
  try {
    failDeepInside();
  } catch (error) {
    appLogger.error('request failed', { error, path: '/api/example' });
  }
}
