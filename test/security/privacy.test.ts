import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import { auth, bodyOf, json } from '../support/app.ts';
import { hangzhouLittleGiant } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';

/** Before the firm reveals itself, nothing an institution reads links its leads to one another. */
let world: World;
const uscc = buildUscc('91', '330106', 'MA2TE2E1');
const firm = { role: 'firm' as const, userId: 'u-private-firm-user', uscc };

beforeAll(async () => {
  world = await createWorld();
  await world.addFirm(hangzhouLittleGiant({ uscc }));
});
afterAll(() => world.drop());

describe('the audit trail before reveal', () => {
  it('shows an officer that "the firm" acted, never which user; after reveal, who it was', async () => {
    const token = await world.token(firm);
    const submitted = await world.app.request(
      '/api/requests',
      json({ amountYuan: 8_000_000, purpose: 'working_capital', termMonths: 12 }, token, {
        'Idempotency-Key': 'privacy-1',
      }),
    );
    const { request } = await bodyOf(submitted);
    const sent = await bodyOf(
      await world.app.request(`/api/requests/${request.id}/send`, json({ topK: 1 }, token)),
    );
    const lead = sent.leads[0];
    const officer = await world.token({ role: 'officer', userId: 'o-p', institutionId: lead.institutionId });
    const move = (action: object, t: string) =>
      world.app.request(`/api/leads/${lead.id}/transitions`, json(action, t));
    expect((await move({ action: 'accept' }, officer)).status).toBe(200);
    expect((await move({ action: 'request_info', question: '请提供审计报告' }, officer)).status).toBe(200);
    expect((await move({ action: 'respond', answer: '已提供' }, token)).status).toBe(200);

    const before = await world.app.request(`/api/leads/${lead.id}/audit`, auth(officer));
    expect(before.status).toBe(200);
    const text = await before.text();
    expect(text).not.toContain(firm.userId);
    expect(JSON.parse(text).items.find((e: { action: string }) => e.action === 'respond').actor).toEqual({
      role: 'firm',
    });
    // The firm itself still sees its own user on its own trail.
    expect(await (await world.app.request(`/api/leads/${lead.id}/audit`, auth(token))).text()).toContain(
      firm.userId,
    );

    expect(
      (await world.app.request(`/api/leads/${lead.id}/reveal`, { method: 'POST', ...auth(token) })).status,
    ).toBe(200);
    expect(await (await world.app.request(`/api/leads/${lead.id}/audit`, auth(officer))).text()).toContain(
      firm.userId,
    );
  });
});
