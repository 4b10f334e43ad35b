import { firmEquityPages } from '../equity.tsx';
import { firmPages } from '../firm.tsx';
import type { PageSection } from './section.ts';

/** A firm's pages: its requests, matches and leads, its profile, its equity financing. */
export const FIRM_PAGE_SECTIONS: readonly PageSection[] = [
  { prefix: '/firm', routes: firmPages },
  { prefix: '/firm', routes: firmEquityPages },
];
