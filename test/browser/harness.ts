import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createApp } from '#http/app.ts';
import { localTokenSigner, localTokenVerifier } from '#http/local-tokens.ts';
import { silentLogger } from '#shared/logger.ts';
import { noMetrics } from '#shared/metrics.ts';
import { localDocumentStorage } from '#store/documents.ts';
import { freePort } from '../../local/dynamodb-local.ts';
import { seedDemoData } from '../../local/seed.ts';
import { createTestStore } from '../support/store.ts';

/**
 * Real Chromium (Debian's package) over the real app on a real port, one of each per test file.
 * Every page a test visits is watched: console errors, failed requests and same-origin 4xx/5xx
 * answers are collected and asserted empty; axe-core checks it (0 critical / serious).
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'browser');
export const DEMO_PASSWORD = 'jingrong-demo';
const SECRET = 'browser-test-secret-0123456789';

export const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** The app on a free loopback port, over its own table seeded like `npm start`, on the real clock. */
export async function startApp() {
  const { store, drop } = await createTestStore();
  await seedDemoData(store, new Date());
  const app = createApp({
    store,
    logger: silentLogger,
    metrics: noMetrics,
    verifier: localTokenVerifier({ secret: SECRET, now: () => new Date(), revocations: store.sessions }),
    now: () => new Date(),
    newId: randomUUID,
    signer: localTokenSigner(SECRET),
    documents: localDocumentStorage(mkdtempSync(join(tmpdir(), 'jr-browser-documents-'))),
  });
  const port = await freePort();
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  const origin = `http://127.0.0.1:${port}`;
  return {
    store,
    origin,
    /** A bearer token for the JSON API, signed in like any client. */
    async token(email: string, password = DEMO_PASSWORD): Promise<string> {
      const res = await fetch(`${origin}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { token: string }).token;
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await drop();
    },
  };
}
export type RunningApp = Awaited<ReturnType<typeof startApp>>;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-dev-shm-usage',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-default-apps',
      '--disable-sync',
      '--no-first-run',
      '--metrics-recording-only',
      '--mute-audio',
    ],
  });
}

/** What went wrong while a page was in use: asserted empty after every step. */
export interface Problems {
  console: string[];
  failed: string[];
}

/** A browser context at one viewport, its pages watched for console errors and failed requests. */
export async function openContext(browser: Browser, origin: string, viewport: ViewportName = 'desktop') {
  const context = await browser.newContext({
    viewport: VIEWPORTS[viewport],
    baseURL: origin,
    locale: 'zh-CN',
  });
  const problems: Problems = { console: [], failed: [] };
  const page = await context.newPage();
  watch(page, origin, problems);
  return { context, page, problems };
}

export function watch(page: Page, origin: string, problems: Problems) {
  page.on('console', (m) => {
    if (m.type() === 'error') problems.console.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.console.push(`${page.url()}: ${e.message}`));
  page.on('requestfailed', (r) => {
    // Aborted means the page moved on (or a link became a download) before it finished: not
    // the server failing, which shows as a 4xx/5xx answer below.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') {
      problems.failed.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText}`);
    }
  });
  page.on('response', (r) => {
    // Same-origin answers only; a 4xx a test provokes on purpose is taken out by `expectProblems`.
    if (r.url().startsWith(origin) && r.status() >= 400) problems.failed.push(`${r.status()} ${r.url()}`);
  });
}

/** No console error and no failed request since the last check (`allowed` ones excepted). */
export function expectNoProblems(problems: Problems, allowed: RegExp[] = []) {
  const keep = (list: string[]) => list.filter((p) => !allowed.some((a) => a.test(p)));
  const found = { console: keep(problems.console), failed: keep(problems.failed) };
  problems.console.length = 0;
  problems.failed.length = 0;
  expect(found).toEqual({ console: [], failed: [] });
}

let axeSource: string | undefined;
function axe(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/** axe-core on the page as it is now: no critical or serious violation (WCAG 2.x A/AA and best practice). */
export async function expectAccessible(page: Page) {
  // Evaluated over the DevTools protocol, so the page's Content-Security-Policy does not stop it.
  await page.evaluate(axe());
  const violations = (await page.evaluate(`axe
    .run(document, { resultTypes: ['violations'] })
    .then((r) => r.violations
      .filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => v.impact + ' ' + v.id + ': ' + v.help + ' — ' +
        v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(', ')))`)) as string[];
  expect(violations, page.url()).toEqual([]);
}

/**
 * Chinese the page shows in English mode outside an element marked `lang="zh…"`: a text not
 * translated, or Chinese data (a firm's name, a message) not marked for screen readers. Text,
 * the page title and the attributes people hear (aria-label, title, alt, placeholder) count.
 */
export async function chineseOutsideZh(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const cjkRe = /[\u3400-\u9fff\uff01-\uff5e\u3001-\u3011]/;
    // Amounts written the way the forms accept them (2000万, 0.2亿), an English name's Chinese
    // original in brackets, e.g. "SRDI guarantee (专精特新保)", and a Chinese term glossed in
    // brackets, e.g. 专精特新"小巨人" (SRDI "little giant"), are meant to be there.
    const allowed = /\\d+(\\.\\d+)?\\s*(万|亿)元?|(?<=[A-Za-z][^()]*)\\([^()]*\\)|[^\\s(]+\\s*\\([^()]*[A-Za-z][^()]*\\)/g;
    const cjk = { test: (text) => cjkRe.test(String(text).replace(allowed, '')) };
    const inZh = (el) => { const l = el && el.closest('[lang]'); return !!l && /^zh/i.test(l.getAttribute('lang')); };
    const where = (el) => { const parts = []; for (let e = el; e && e !== document.body && parts.length < 3; e = e.parentElement)
      parts.unshift(e.tagName.toLowerCase() + (e.id ? '#' + e.id : e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : ''));
      return parts.join('>'); };
    const found = [];
    if (cjk.test(document.title) && !/^zh/i.test(document.documentElement.lang)) found.push('title: ' + document.title);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('script,style,[hidden],[aria-hidden=true]')) continue;
      if (cjk.test(n.textContent) && !inZh(el)) found.push(where(el) + ': ' + n.textContent.trim().slice(0, 80));
    }
    for (const el of document.body.querySelectorAll('[aria-label],[title],[alt],[placeholder]'))
      for (const a of ['aria-label', 'title', 'alt', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v && cjk.test(v) && !inZh(el)) found.push(where(el) + ' @' + a + ': ' + v.slice(0, 80));
      }
    return found;
  })()`)) as string[];
}

/** A full-page screenshot kept under test-artifacts/browser/ (gitignored). */
export async function screenshot(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Nothing on the page is wider than the viewport (no sideways scrolling on a phone). */
export async function expectNoSidewaysScroll(page: Page) {
  const { scroll, width } = (await page.evaluate(
    '({ scroll: document.documentElement.scrollWidth, width: window.innerWidth })',
  )) as { scroll: number; width: number };
  expect(scroll, page.url()).toBeLessThanOrEqual(width);
}

/** Sign in through the sign-in page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/sign-in');
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/sign-in')),
    page.click('main button[type=submit]'),
  ]);
}

export type { Browser, BrowserContext, Page };
