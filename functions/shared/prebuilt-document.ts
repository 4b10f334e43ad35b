import { readFileSync } from 'node:fs';
import type { BuiltDocument, DocumentSource } from '#http/openapi.ts';

/** The OpenAPI document's file name beside a function's bundle (written at synth time). */
export const OPENAPI_FILE = 'openapi.json';

/**
 * The API's OpenAPI document as the deployment built it (shared/http/openapi-document.ts at
 * synth time), read from the file beside the bundle on the first request for it, not at cold
 * start: the function carries neither the generator nor the document in its code.
 */
export function prebuiltDocument(file: URL): DocumentSource {
  let built: BuiltDocument | undefined;
  return () => {
    if (!built) {
      const json = readFileSync(file, 'utf8');
      built = { doc: JSON.parse(json), json };
    }
    return built;
  };
}
