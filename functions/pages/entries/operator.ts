import { OPERATOR_PAGE_SECTIONS } from '#http/pages/audiences/operator.ts';
import { pagesFunction } from '../app.ts';

/** The pages function of city operators (/operator/*). */
export const handler = pagesFunction('jingrong-operator-pages', OPERATOR_PAGE_SECTIONS);
