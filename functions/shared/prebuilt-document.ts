import { readFileSync } from 'node:fs';
import type { BuiltDocument, DocumentSource } from '#http/openapi.ts';

/** The OpenAPI document's file name beside a function's bundle (written at synth time). */
export const OPENAPI_FILE = 'openapi.json';

/** The API reference page (/docs) beside the bundle, rendered from the document at synth time. */
export const REFERENCE_PAGE_FILE = 'docs.html';

/**
 * The API's OpenAPI document and its reference page as the deployment built them
 * (shared/http/openapi-document.ts at synth time), each read from its file beside the bundle on
 * the first request for it, not at cold start: the function carries neither the generator, nor
 * the page's renderer, nor the document in its code.
 */
export function prebuiltDocument(file: URL, referencePage: URL): DocumentSource {
  let built: BuiltDocument | undefined;
  let page: string | undefined;
  return () => {
    built ??= {
      json: readFileSync(file, 'utf8'),
      referencePage: () => {
        page ??= readFileSync(referencePage, 'utf8');
        return page;
      },
    };
    return built;
  };
}
