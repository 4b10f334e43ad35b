import { accountPages } from '../account.tsx';
import { publicRoadshowPages } from '../equity.tsx';
import { notificationPages } from '../notifications.tsx';
import { publicPages } from '../public.tsx';
import { sessionPages } from '../session.tsx';
import type { PageSection } from './section.ts';

/** Everyone's pages: the catalogue, roadshows, signing in, the account and the notifications. */
export const PUBLIC_PAGE_SECTIONS: readonly PageSection[] = [
  { prefix: '/', routes: publicPages },
  { prefix: '/', routes: sessionPages },
  { prefix: '/', routes: accountPages },
  { prefix: '/notifications', routes: notificationPages },
  { prefix: '/', routes: publicRoadshowPages },
];
