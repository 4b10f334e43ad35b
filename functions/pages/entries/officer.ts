import { OFFICER_PAGE_SECTIONS } from '#http/pages/audiences/officer.ts';
import { s3DocumentStorageFor } from '#store/documents.ts';
import { pagesFunction } from '../app.ts';

/** The pages function of bank and fund officers (/officer/*). */
export const handler = pagesFunction('jingrong-officer-pages', OFFICER_PAGE_SECTIONS, {
  documentsIn: s3DocumentStorageFor,
});
