import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import { hashPassword } from '#usecases/passwords.ts';
import { createTestApp } from '../support/app.ts';
import { xiamenLittleGiant } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';
import { browser } from './browser.ts';

let world: World;
const uscc = buildUscc('91', '350203', 'MA8PGAU1');
const account = { email: 'cfo@pages.example.cn', password: 'a-long-password' };

beforeAll(async () => {
  world = await createWorld();
  await world.addFirm(xiamenLittleGiant({ uscc }));
  await world.store.users.upsert({
    userId: 'u-pages',
    email: account.email,
    displayName: '财务总监',
    role: 'firm',
    uscc,
    passwordHash: await hashPassword(account.password),
  });
});
afterAll(() => world.drop());

describe('public pages', () => {
  it('the start page says what Jingrong is and summarises the catalog', async () => {
    const res = await browser(world).get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('产品目录');
    const [product] = await world.store.catalog.listProducts();
    expect(html).toContain(`/products/${product!.id}`);
    // Styles and script are this app's own static files: nothing inline, nothing from elsewhere.
    expect(html).not.toMatch(/src="http|href="http[^"]*\.css|<style|<script>| style="| on\w+="/);
    expect(html).toMatch(/<link rel="stylesheet" href="\/static\/app\.[0-9a-f]{12}\.css"/);
  });

  it('speaks Chinese by default, English or both when asked, with lang attributes to match', async () => {
    const zh = await (await browser(world).get('/')).text();
    expect(zh).toContain('<html lang="zh-CN"');
    expect(zh).not.toContain('>Catalog<');
    const switched = await browser(world).get('/lang/en?next=/');
    expect(switched.status).toBe(303);
    expect(switched.headers.get('set-cookie')).toContain('jr_lang=en');
    const en = await (await world.app.request('/', { headers: { cookie: 'jr_lang=en' } })).text();
    expect(en).toContain('<html lang="en"');
    expect(en).toContain('>Catalog<');
    const both = await (await world.app.request('/', { headers: { cookie: 'jr_lang=both' } })).text();
    expect(both).toContain('产品目录<span class="en" lang="en">Catalog</span>');
  });

  it('serves its static parts cached and compressed, a favicon, and HTML for unknown pages', async () => {
    const html = await (await browser(world).get('/')).text();
    const css = html.match(/href="(\/static\/app\.[0-9a-f]+\.css)"/)![1]!;
    const res = await world.app.request(css, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const again = await world.app.request(css, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect((await world.app.request('/favicon.ico')).headers.get('content-type')).toContain('image/svg');
    const missing = await browser(world).get('/no/such/page');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('text/html');
    expect((await world.app.request('/api/no-such')).headers.get('content-type')).toContain('json');
    // A trailing slash names the same page.
    const slash = await world.app.request('/firm/?tab=requests');
    expect(slash.status).toBe(301);
    expect(slash.headers.get('location')).toBe('/firm?tab=requests');
    expect((await world.app.request('/no/such/page/')).headers.get('location')).toBe('/no/such/page');
  });

  it('a product has its own page; an unknown one is a 404 page', async () => {
    const [product] = await world.store.catalog.listProducts();
    const res = await browser(world).get(`/products/${product!.id}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(product!.name.zh);
    const missing = await browser(world).get('/products/no-such-product');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('未找到产品');
  });
});

describe('sign-in with the session cookie', () => {
  it('sets an HttpOnly, SameSite=Lax jr_token cookie and sends a firm to /firm', async () => {
    // On the wall clock, so the token signed at sign-in is still valid when the next page checks it.
    const live = createTestApp(world.store, { now: () => new Date() });
    const res = await browser(live).post('/sign-in', account);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/firm');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^jr_token=[\w-]+\.[\w-]+\.[\w-]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');

    const token = cookie.match(/^jr_token=([^;]+)/)![1]!;
    const home = await browser(live, token).get('/firm');
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('我的融资需求');
    expect(html).toContain('厦门精密传感科技有限公司');
  });

  it('a wrong password re-renders the form with a Chinese message and sets no cookie', async () => {
    const res = await browser(world).post('/sign-in', { ...account, password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain('账号或密码错误');
  });

  it('follows a local next= after sign-in, never another site', async () => {
    const local = await browser(world).post('/sign-in', { ...account, next: '/firm/requests/new' });
    expect(local.headers.get('location')).toBe('/firm/requests/new');
    const away = await browser(world).post('/sign-in', { ...account, next: '//evil.example/' });
    expect(away.headers.get('location')).toBe('/firm');
  });

  it('an anonymous visitor of a signed-in area is sent to sign in; a wrong role gets 403', async () => {
    const res = await browser(world).get('/firm');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?next=%2Ffirm');

    const firm = await world.token({ role: 'firm', userId: 'u-pages', uscc });
    const officerArea = await browser(world, firm).get('/officer');
    expect(officerArea.status).toBe(403);
    expect(await officerArea.text()).toContain('当前角色无权执行此操作');
  });

  it('a bad or expired cookie is dropped: the visitor is anonymous again', async () => {
    const res = await browser(world, 'not-a-token').get('/firm');
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/^jr_token=;/);
  });

  it('sign-out clears the cookie', async () => {
    const token = await world.token({ role: 'firm', userId: 'u-pages', uscc });
    const res = await browser(world, token).post('/sign-out', {});
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/^jr_token=;.*Max-Age=0/);
  });

  it('the JSON API does not accept the cookie: bearer tokens only', async () => {
    const token = await world.token({ role: 'firm', userId: 'u-pages', uscc });
    const res = await browser(world, token).get('/api/me');
    expect(res.status).toBe(401);
  });
});

describe('CSRF: forms only from our own origin', () => {
  it('refuses a cross-origin form post, even with a valid session cookie, and stores nothing', async () => {
    const token = await world.token({ role: 'firm', userId: 'u-pages', uscc });
    const form = {
      idempotencyKey: 'csrf-attempt-0001',
      amountYuan: '5000000',
      purpose: 'working_capital',
      termMonths: '12',
      collateral: 'none',
      kind: 'debt',
    };
    const res = await browser(world, token).post('/firm/requests', form, 'https://evil.example');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('请求来源校验失败');
    expect((await world.store.requests.listByFirm(uscc, 10)).items).toHaveLength(0);

    const signIn = await browser(world).post('/sign-in', account, 'https://evil.example');
    expect(signIn.status).toBe(403);
    expect(signIn.headers.get('set-cookie')).toBeNull();
  });
});
