/**
 * What the runtime-app test bundles the way the deployment does (openapi-runtime alias,
 * external AWS SDK): the API and certified-list import apps, and what they need from the
 * same bundle (classes must be the bundle's own for its error mapping to recognise them).
 */
export { apiApp } from '../../../functions/api/app.ts';
export { certifiedListImportApp } from '../../../functions/certified-list-import/app.ts';
export { equityApp } from '../../../functions/equity/app.ts';
export { leadsApp } from '../../../functions/leads/app.ts';
export { prebuiltDocument } from '../../../functions/shared/prebuilt-document.ts';
export { localTokenVerifier } from '../../../shared/http/local-tokens.ts';
export { createStore } from '../../../shared/store/index.ts';
