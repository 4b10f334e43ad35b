import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '#domain/dates.ts';
import { rateBoundsBp } from '#domain/lead.ts';
import { lprOn } from '#domain/matching/lpr.ts';
import { buildUscc } from '#domain/uscc.ts';
import { loadCatalog } from '#shared/catalog/index.ts';
import {
  type Browser,
  expectAccessible,
  expectNoProblems,
  expectNoSidewaysScroll,
  HAVE_CHROMIUM,
  launchBrowser,
  openContext,
  type Page,
  type Problems,
  type RunningApp,
  screenshot,
  signIn,
  startApp,
  type ViewportName,
} from './harness.ts';

/**
 * Each role's journey as a person does it, at 1280 px and at 390 px, with a screenshot of
 * every step (test-artifacts/browser/journey-<viewport>-<step>.png): the firm posts a request
 * and sends it, the officer opens, accepts, asks, approves and disburses, the firm answers and
 * sees its request funded, the operator looks on. Every step is checked with axe-core and for
 * console errors and failed requests.
 */
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Each viewport registers its own firm: Xiamen at 1280 px, Hangzhou at 390 px. */
const FIRMS: Record<
  ViewportName,
  { email: string; operator: string; uscc: string; region: string; name: string }
> = {
  desktop: {
    email: 'cfo@jrn-desktop.example',
    operator: 'operator@xiamen.demo',
    uscc: buildUscc('91', '350203', 'MA8JRN01'),
    region: '350203',
    name: '厦门旅程传感科技有限公司',
  },
  phone: {
    email: 'cfo@jrn-phone.example',
    operator: 'operator@hangzhou.demo',
    uscc: buildUscc('91', '330106', 'MA8JRN02'),
    region: '330106',
    name: '杭州旅程芯片设计有限公司',
  },
};
const PASSWORD = 'journey-password-1';

/** One step: checked, photographed, and free of console errors and failed requests. */
async function step(
  page: Page,
  problems: Problems,
  viewport: ViewportName,
  name: string,
  /** Answers the step provokes on purpose (a form sent back with its problems is a 400). */
  allowed: RegExp[] = [],
) {
  await expectAccessible(page);
  if (viewport === 'phone') await expectNoSidewaysScroll(page);
  await screenshot(page, `journey-${viewport}-${name}`);
  expectNoProblems(problems, allowed);
}

/** The id of the element that has the keyboard focus. */
const focused = (page: Page) =>
  page.evaluate('document.activeElement && document.activeElement.id') as Promise<string>;

for (const viewport of ['desktop', 'phone'] as const) {
  describe.skipIf(!HAVE_CHROMIUM)(`journeys at ${viewport} width`, () => {
    let requestPath: string;
    let officerEmail: string;
    let leadId: string;
    /** The highest annual rate the lead's product allows today, in percent as the form takes it. */
    const allowedRate = async (id: string) => {
      const lead = (await app.store.leads.get(id))!;
      const product = (await app.store.catalog.getProduct(lead.productIds[0]!))!;
      const lpr = lprOn(loadCatalog().pricing.lpr, shanghaiDate(new Date()));
      return (rateBoundsBp(product.pricing, lpr, lead.profile.termMonths).maxBp / 100).toFixed(2);
    };

    it('firm: registers, adds its certificate, fills the request form by keyboard only, sees matches, sends', async () => {
      const { context, page, problems } = await openContext(browser, app.origin, viewport);
      const firm = FIRMS[viewport];
      await page.goto('/');
      await page.click('header a[href="/register"]');
      const fields: Record<string, string> = {
        name: firm.name,
        uscc: firm.uscc,
        regionCode: firm.region,
        industryCode: 'C3981',
        foundedOn: '2014-03-01',
        employees: '180',
        revenueYuan: '3.2亿',
        rndExpenseYuan: '2600万',
        inventionPatents: '21',
        priorYearInterestPaidYuan: '80万',
        displayName: '王财务',
        email: firm.email,
        password: PASSWORD,
      };
      for (const [id, value] of Object.entries(fields)) await page.fill(`#${id}`, value);
      await step(page, problems, viewport, '00-register');
      await Promise.all([
        page.waitForURL(/\/firm\/profile\?ok=registered/),
        page.click('main button[type=submit]'),
      ]);
      await page.selectOption('#cert0-kind', 'tier:little_giant');
      await page.selectOption('#cert0-level', 'national');
      await page.fill('#cert0-issuedOn', '2025-07-01');
      await page.fill('#cert0-authority', '工业和信息化部');
      await Promise.all([
        page.waitForURL(/ok=certified/),
        page.click('#cert0-kind >> xpath=ancestor::form//button[@type="submit"]'),
      ]);
      expect(await page.locator('main dl.facts').innerText()).toContain('小巨人');
      await step(page, problems, viewport, '01-firm-profile');

      await page.goto('/firm/requests/new');
      // Keyboard only: the skip link first, then the form's fields in order.
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement.className')).toBe('skip');
      await page.keyboard.press('Enter');
      let guard = 0;
      while ((await focused(page)) !== 'amountYuan' && guard++ < 30) await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('amountYuan');
      await page.keyboard.type('2000万');
      await page.keyboard.press('Tab'); // purpose: working capital as it is
      expect(await focused(page)).toBe('purpose');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('termMonths');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('12');
      await step(page, problems, viewport, '02-request-form');
      // On to the submit button, by keyboard.
      guard = 0;
      while ((await page.evaluate('document.activeElement.type')) !== 'submit' && guard++ < 30)
        await page.keyboard.press('Tab');
      await Promise.all([
        page.waitForURL(/\/firm\/requests\/[\w-]+\?ok=submitted/),
        page.keyboard.press('Enter'),
      ]);
      requestPath = new URL(page.url()).pathname;
      expect(await page.locator('main h1').innerText()).toContain('2000万元');
      await step(page, problems, viewport, '03-matches');

      // Send to the two best matches' institutions.
      const boxes = page.locator('input[name=productIds]:not([disabled])');
      expect(await boxes.count()).toBeGreaterThan(0);
      await boxes.first().check();
      await Promise.all([page.waitForURL(/ok=sent/), page.click('button[value=picked]')]);
      expect(await page.locator('.badge.in_progress').count()).toBe(1);
      await step(page, problems, viewport, '04-sent');
      const requestId = requestPath.split('/').pop()!;
      const [lead] = await app.store.leads.ofRequest(await app.store.requests.require(requestId));
      officerEmail = `officer@${lead!.institutionId}.demo`;
      leadId = lead!.id;
      await context.close();
    });

    it('officer: inbox → lead (marked viewed on opening) → accept → ask for documents', async () => {
      const { context, page, problems } = await openContext(browser, app.origin, viewport);
      await signIn(page, officerEmail);
      await step(page, problems, viewport, '05-officer-inbox');
      await page.click('main table a[href^="/officer/leads/"]');
      expect(await page.locator('main h1 .badge').innerText()).toMatch(/已查看/);
      await step(page, problems, viewport, '06-officer-lead');

      await page.click('summary:has-text("受理")');
      await page.fill('#accept-note', '已受理。\n请准备近两年财务报表。');
      await Promise.all([
        page.waitForURL(/ok=moved/),
        page.click('#accept-note >> xpath=ancestor::form//button'),
      ]);
      await page.click('summary:has-text("要求补充材料")');
      await page.fill('#request_info-question', '请提供2025年审计报告和最近一期财务报表。');
      await Promise.all([
        page.waitForURL(/ok=moved/),
        page.click('#request_info-question >> xpath=ancestor::form//button'),
      ]);
      expect(await page.locator('main h1 .badge').innerText()).toMatch(/待补充材料/);
      await step(page, problems, viewport, '07-officer-asked');
      await context.close();
    });

    it('firm: answers the question with a file; the request page shows the lead’s timeline', async () => {
      const { context, page, problems } = await openContext(browser, app.origin, viewport);
      await signIn(page, FIRMS[viewport].email, PASSWORD);
      await page.goto(requestPath);
      expect(await page.locator('.msg').first().innerText()).toContain('请准备近两年财务报表');
      await page.fill('textarea[name=answer]', '审计报告和财务报表见附件，\n如需原件请告知。');
      await page.setInputFiles('textarea[name=answer] >> xpath=ancestor::form//input[@type="file"]', {
        name: '2025年度审计报告.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.7\n% audit report 2025\n%%EOF\n'),
      });
      await Promise.all([
        page.waitForURL(/ok=responded/),
        page.click('textarea[name=answer] >> xpath=ancestor::form//button'),
      ]);
      expect(await page.locator('ol.timeline li.current').first().innerText()).toContain('已受理');
      await step(page, problems, viewport, '08-firm-answered');

      // A document uploaded on its own stays the firm's until it shares it, after a confirmation.
      await page.setInputFiles('input[type=file][id$=-upload]', {
        name: '2025年度财务报表.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('年份,营业收入\n2025,240000000\n'),
      });
      await Promise.all([
        page.waitForURL(/ok=attached/),
        page.click('input[type=file][id$=-upload] >> xpath=ancestor::form//button'),
      ]);
      const item = page.locator('li', { hasText: '2025年度财务报表.csv' });
      expect(await item.innerText()).toContain('仅自己可见');
      await item.locator('a[href$="/share"]').click();
      expect(await page.locator('main').innerText()).toContain('分享后不能收回');
      await step(page, problems, viewport, '08b-firm-confirms-sharing');
      await Promise.all([page.waitForURL(/ok=shared/), page.click('main form button[type=submit]')]);
      expect(await page.locator('li', { hasText: '2025年度财务报表.csv' }).innerText()).toContain('已分享');
      await context.close();
    });

    it('officer: approves in percent and disburses', async () => {
      const { context, page, problems } = await openContext(browser, app.origin, viewport);
      await signIn(page, officerEmail);
      await page.click('main table a[href^="/officer/leads/"]');
      // The firm's file, shared with its answer, is there for the institution.
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.click('a[href*="/documents/"]:has-text("2025年度审计报告.pdf")'),
      ]);
      // The statement shared afterwards on its own is there too.
      expect(await page.locator('a[href*="/documents/"]', { hasText: '2025年度财务报表.csv' }).count()).toBe(
        1,
      );
      expect(file.suggestedFilename()).toBe('2025年度审计报告.pdf');
      await page.click('summary:has-text("审批通过")');
      await page.fill('#approve-annualRateBp', '45%');
      await page.click('#approve-annualRateBp >> xpath=ancestor::form//button');
      // 45% is beyond the legal ceiling: said in percent, next to the field, which has the focus.
      expect(await page.locator('#approve-annualRateBp-error').innerText()).toContain('36.00%');
      expect(await focused(page)).toBe('approve-annualRateBp');
      expect(await page.getAttribute('#approve-annualRateBp', 'aria-invalid')).toBe('true');
      await step(page, problems, viewport, '09-officer-rate-error', [/\b400\b/]);
      // Within the product's pricing (a fixed rate, or at most its LPR ceiling or fee).
      await page.fill('#approve-annualRateBp', await allowedRate(leadId));
      await Promise.all([
        page.waitForURL(/ok=moved/),
        page.click('#approve-annualRateBp >> xpath=ancestor::form//button'),
      ]);
      await page.click('summary:has-text("放款")');
      await Promise.all([
        page.waitForURL(/ok=moved/),
        page.click('#disburse-amountYuan >> xpath=ancestor::form//button'),
      ]);
      expect(await page.locator('main h1 .badge').innerText()).toMatch(/已放款/);
      await step(page, problems, viewport, '10-officer-disbursed');
      await context.close();
    });

    it('firm: sees its request funded', async () => {
      const { context, page, problems } = await openContext(browser, app.origin, viewport);
      await signIn(page, FIRMS[viewport].email, PASSWORD);
      await page.locator('main .badge.funded').first().waitFor();
      await page.goto(requestPath);
      expect(await page.locator('main h1 .badge').innerText()).toMatch(/已获融资/);
      await step(page, problems, viewport, '11-firm-funded');
      await context.close();
    });

    it('operator: overview → drill-down to the lead and its request → CSV export', async () => {
      const { context, page, problems } = await openContext(browser, app.origin, viewport);
      await signIn(page, FIRMS[viewport].operator);
      await page.locator('svg.chart').first().waitFor();
      await step(page, problems, viewport, '12-operator-overview');
      await page.click(`#leads ~ div a[href^="/operator/leads/"]`);
      expect(await page.locator('main h2').last().innerText()).toContain('审计记录');
      await step(page, problems, viewport, '13-operator-lead');
      await page.click('a[href^="/operator/requests/"]');
      expect(await page.locator('main h1 .badge').innerText()).toMatch(/已获融资/);
      await step(page, problems, viewport, '14-operator-request');
      await page.goto('/operator?stage=funded');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('a[href^="/operator/requests.csv"]'),
      ]);
      expect(download.suggestedFilename()).toBe('requests.csv');
      const csv = await download
        .path()
        .then((p) => import('node:fs').then((fs) => fs.readFileSync(p!, 'utf8')));
      expect(csv.split('\r\n').filter(Boolean).length).toBeGreaterThan(1);
      expect(csv).toContain(',funded');
      expectNoProblems(problems);
      await context.close();
    });
  });
}
