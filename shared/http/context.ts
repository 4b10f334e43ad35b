import type { Context } from 'hono';
import type { Principal } from '#domain/principal.ts';
import type { Logger } from '#shared/logger.ts';
import type { MetricsPort } from '#shared/metrics.ts';
import type { DocumentReader, DocumentStorage } from '#store/documents.ts';
import type { Store } from '#store/index.ts';
import type { ScryptParams } from '#usecases/passwords.ts';
import type { TokenSigner } from '#usecases/sign-in.ts';
import type { TokenVerifier } from './auth.ts';
import type { HostedSignIn } from './hosted-sign-in.ts';

/** What the app needs from the outside world, injected by the entry point (Lambda or local server). */
export interface AppDeps {
  store: Store;
  logger: Logger;
  /** Business counts (requests submitted, matches, leads sent/answered …); see shared/metrics.ts. */
  metrics: MetricsPort;
  verifier: TokenVerifier;
  /** Injected so tests and the domain never read the wall clock themselves. */
  now: () => Date;
  newId: () => string;
  /** Which webhook URLs institutions may register: local allows http on loopback. @default 'aws' */
  webhookMode?: 'local' | 'aws';
  /**
   * The request id the platform already gave this request (API Gateway's `requestContext.requestId`
   * in Lambda), so app logs join the access logs. Without one (local mode) the app makes its own.
   */
  requestIdOf?: (c: Context) => string | undefined;
  /** AWS only: the pages sign in through Cognito's hosted sign-in (see hosted-sign-in.ts). */
  hostedSignIn?: HostedSignIn;
  /**
   * Where documents on leads are kept (local folder or S3); without it, uploads are refused.
   * A reader only where documents are only ever read (the officers' pages function).
   */
  documents?: DocumentStorage | DocumentReader;
  /**
   * Local mode only: signs demo tokens at /api/auth/sign-in (localTokenSigner in auth.ts).
   * Passed in rather than built here, so the deployed functions carry no token signer.
   */
  signer?: TokenSigner;
  /** scrypt parameters for new password hashes (default: SCRYPT_PARAMS, current guidance). */
  passwordParams?: ScryptParams;
}

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    principal?: Principal;
    /** Origins this answer's forms may post to besides the app's own (see allowFormTarget). */
    formTargets?: string[];
  };
};
