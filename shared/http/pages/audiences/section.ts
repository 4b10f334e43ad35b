import type { Hono } from 'hono';
import type { AppEnv } from '../../context.ts';

/**
 * A part of the site and where it hangs. The pages are grouped by audience (the public site,
 * firms, bank and fund officers, operators), one module each, so that in AWS each audience's
 * function bundles its own pages only (functions/pages/entries/*); locally one app mounts all.
 */
export interface PageSection {
  readonly prefix: string;
  readonly routes: () => Hono<AppEnv>;
}
