import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import { hashPassword } from '#usecases/passwords.ts';
import { auth, bodyOf, json } from '../support/app.ts';
import { createWorld, type World } from '../support/world.ts';

/**
 * Consistency of claims: the first user of a USCC claims it; an operator of the firm's
 * region reassigns a disputed claim; a USCC issued in another city than the claimed
 * region is flagged for the operator.
 */
let world: World;
let xmOperator: string;
let cqOperator: string;
const uscc = buildUscc('91', '350203', 'MA5CLM01');
/** Issued in Chongqing (500112), but the firm says it is in Xiamen. */
const moved = buildUscc('91', '500112', 'MA5CLM02');

const signUp = (code: string, email: string) =>
  json({
    uscc: code,
    name: '厦门认领测试有限公司',
    regionCode: '350203',
    industryCode: 'C3981',
    foundedOn: '2015-01-01',
    employees: 40,
    revenueYuan: 10_000_000,
    rndExpenseYuan: 800_000,
    inventionPatents: 1,
    account: { email, password: 'a-long-password-1', displayName: '认领人' },
  });

const signIn = async (email: string) =>
  world.app.request('/api/auth/sign-in', json({ email, password: 'a-long-password-1' }));

beforeAll(async () => {
  world = await createWorld();
  xmOperator = await world.token({ role: 'operator', userId: 'op-xm', regionPrefix: '3502' });
  cqOperator = await world.token({ role: 'operator', userId: 'op-cq', regionPrefix: '50' });
});
afterAll(async () => {
  await world.drop();
});

describe('claims', () => {
  it('the first user claims the USCC; a second sign-up for it is a 409 and stores nothing', async () => {
    expect((await world.app.request('/api/firms', signUp(uscc, 'first@example.com'))).status).toBe(201);
    const second = await world.app.request('/api/firms', signUp(uscc, 'second@example.com'));
    expect(second.status).toBe(409);
    expect(await world.store.users.getByEmail('second@example.com')).toBeUndefined();
  });

  it("an operator of the firm's region reassigns the disputed claim; the first user loses the firm", async () => {
    await world.store.users.create({
      userId: 'u-owner',
      email: 'owner@example.com',
      displayName: '真实法人',
      passwordHash: await hashPassword('a-long-password-1'),
      role: 'firm',
    });
    expect((await signIn('owner@example.com')).status).toBe(403); // no firm yet

    // Another region's operator: the firm does not exist for it.
    const other = await world.app.request(`/api/firms/${uscc}/claim`, {
      ...json({ email: 'owner@example.com' }, cqOperator),
      method: 'PUT',
    });
    expect(other.status).toBe(404);
    // Bad input and a non-firm account: clear 4xx.
    const bad = await world.app.request(`/api/firms/${uscc}/claim`, {
      ...json({ email: 'nope' }, xmOperator),
      method: 'PUT',
    });
    expect(bad.status).toBe(400);
    const missing = await world.app.request(`/api/firms/${uscc}/claim`, {
      ...json({ email: 'nobody@example.com' }, xmOperator),
      method: 'PUT',
    });
    expect(missing.status).toBe(422);

    const res = await world.app.request(`/api/firms/${uscc}/claim`, {
      ...json({ email: 'owner@example.com' }, xmOperator),
      method: 'PUT',
    });
    expect(res.status).toBe(200);
    const owner = await bodyOf(await signIn('owner@example.com'));
    expect(owner.principal).toMatchObject({ role: 'firm', uscc });
    expect((await world.app.request(`/api/firms/${uscc}`, auth(owner.token))).status).toBe(200);
    expect((await signIn('first@example.com')).status).toBe(403);
  });

  it('a firm cannot reassign claims', async () => {
    const firm = await world.token({ role: 'firm', userId: 'u-x', uscc });
    const res = await world.app.request(`/api/firms/${uscc}/claim`, {
      ...json({ email: 'owner@example.com' }, firm),
      method: 'PUT',
    });
    expect(res.status).toBe(403);
  });
});

describe('region consistency', () => {
  it('flags a USCC issued in another region for the operator of the claimed region', async () => {
    expect((await world.app.request('/api/firms', signUp(moved, 'moved@example.com'))).status).toBe(201);
    const flags = await bodyOf(await world.app.request('/api/firm-flags', auth(xmOperator)));
    expect(flags.items).toEqual([
      expect.objectContaining({ uscc: moved, regionCode: '350203', divisionCode: '500112' }),
    ]);
    expect(flags.items.map((f: { uscc: string }) => f.uscc)).not.toContain(uscc);
    // Chongqing's operator does not see Xiamen's flags.
    expect((await bodyOf(await world.app.request('/api/firm-flags', auth(cqOperator)))).items).toEqual([]);
  });
});
