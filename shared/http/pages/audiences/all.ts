import { FIRM_PAGE_SECTIONS } from './firm.ts';
import { OFFICER_PAGE_SECTIONS } from './officer.ts';
import { OPERATOR_PAGE_SECTIONS } from './operator.ts';
import { PUBLIC_PAGE_SECTIONS } from './public.ts';
import type { PageSection } from './section.ts';

/** The whole site, for the local server and the tests (app.ts). */
export const ALL_PAGE_SECTIONS: readonly PageSection[] = [
  ...PUBLIC_PAGE_SECTIONS,
  ...FIRM_PAGE_SECTIONS,
  ...OFFICER_PAGE_SECTIONS,
  ...OPERATOR_PAGE_SECTIONS,
];
