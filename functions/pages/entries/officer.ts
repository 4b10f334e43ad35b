import { OFFICER_PAGE_SECTIONS } from '#http/pages/audiences/officer.ts';
import { s3DocumentReaderFor } from '#store/documents.ts';
import { pagesFunction } from '../app.ts';

/** The pages function of bank and fund officers (/officer/*): it reads the documents firms shared, never writes them. */
export const handler = pagesFunction('jingrong-officer-pages', OFFICER_PAGE_SECTIONS, {
  documentsIn: s3DocumentReaderFor,
});
