import { officerEquityPages } from '../equity.tsx';
import { officerPages } from '../officer.tsx';
import type { PageSection } from './section.ts';

/** A bank or fund officer's pages: the institution's leads, its products, its fund's batches. */
export const OFFICER_PAGE_SECTIONS: readonly PageSection[] = [
  { prefix: '/officer', routes: officerPages },
  { prefix: '/officer', routes: officerEquityPages },
];
