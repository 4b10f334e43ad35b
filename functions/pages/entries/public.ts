import { PUBLIC_PAGE_SECTIONS } from '#http/pages/audiences/public.ts';
import { pagesFunction } from '../app.ts';

/** The public site's pages function: catalogue, roadshows, sign-in, account, notifications, the assets. */
export const handler = pagesFunction('jingrong-pages', PUBLIC_PAGE_SECTIONS);
