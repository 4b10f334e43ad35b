import { operatorListPages } from '../certified-lists.tsx';
import { operatorEquityPages } from '../equity.tsx';
import { operatorLprPages } from '../lpr.tsx';
import { operatorPages } from '../operator.tsx';
import type { PageSection } from './section.ts';

/** A city operator's pages: the region's requests and escalations, lists, the LPR, batches and roadshows. */
export const OPERATOR_PAGE_SECTIONS: readonly PageSection[] = [
  { prefix: '/operator', routes: operatorPages },
  { prefix: '/operator', routes: operatorListPages },
  { prefix: '/operator', routes: operatorLprPages },
  { prefix: '/operator', routes: operatorEquityPages },
];
