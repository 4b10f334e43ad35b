import { FIRM_PAGE_SECTIONS } from '#http/pages/audiences/firm.ts';
import { s3DocumentStorageFor } from '#store/documents.ts';
import { pagesFunction } from '../app.ts';

/** The pages function of firms (/firm/*). */
export const handler = pagesFunction('jingrong-firm-pages', FIRM_PAGE_SECTIONS, {
  documentsIn: s3DocumentStorageFor,
});
