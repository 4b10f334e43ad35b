import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import { auth, bodyOf, json } from '../support/app.ts';
import { xiamenLittleGiant } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.drop());

const ROUNDS = 100;

describe('two officers acting on the same lead at once', () => {
  it(`exactly one wins each of ${ROUNDS} rounds, and the audit trail shows one transition per round`, async () => {
    const uscc = buildUscc('91', '350203', 'MA8TRAC1');
    await world.addFirm(xiamenLittleGiant({ uscc }));
    const firm = await world.token({ role: 'firm', userId: 'u-race', uscc });
    const submitted = await bodyOf(
      await world.app.request(
        '/api/requests',
        json({ amountYuan: 8_000_000, purpose: 'working_capital', termMonths: 12 }, firm, {
          'Idempotency-Key': 'race-0001',
        }),
      ),
    );
    const sent = await bodyOf(
      await world.app.request(`/api/requests/${submitted.request.id}/send`, json({ topK: 1 }, firm)),
    );
    const lead = sent.leads[0] as { id: string; institutionId: string };
    const alice = await world.token({ role: 'officer', userId: 'alice', institutionId: lead.institutionId });
    const bob = await world.token({ role: 'officer', userId: 'bob', institutionId: lead.institutionId });
    const act = (token: string, body: object, version?: number) =>
      world.app.request(
        `/api/leads/${lead.id}/transitions`,
        json(body, token, version === undefined ? {} : { 'If-Match': `"${version}"` }),
      );
    const accepted = await act(alice, { action: 'accept' });
    expect(accepted.status).toBe(200);
    const auditBefore = (await world.store.leads.audit(lead.id)).length;

    // Each round: both officers ask for information at the same moment, each with the
    // version it saw; then the firm answers, re-opening the same contest.
    for (let round = 0; round < ROUNDS; round++) {
      const seen = (await world.store.leads.get(lead.id))!.version;
      const results = await Promise.all([
        act(alice, { action: 'request_info', question: `第${round}轮：请补充材料（A）` }, seen),
        act(bob, { action: 'request_info', question: `第${round}轮：请补充材料（B）` }, seen),
      ]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses, `round ${round}`).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect((await bodyOf(loser)).error.code).toBe('conflict');
      const answered = await world.app.request(
        `/api/leads/${lead.id}/transitions`,
        json({ action: 'respond', answer: `第${round}轮回复` }, firm),
      );
      expect(answered.status).toBe(200);
    }

    const audit = await world.store.leads.audit(lead.id);
    const rounds = audit.slice(auditBefore);
    expect(rounds).toHaveLength(ROUNDS * 2);
    const asks = rounds.filter((e) => e.action === 'request_info');
    expect(asks).toHaveLength(ROUNDS);
    expect(new Set(asks.map((e) => e.seq)).size).toBe(ROUNDS);
    const final = await bodyOf(await world.app.request(`/api/leads/${lead.id}`, auth(alice)));
    expect(final.status).toBe('firm_responded');
    expect(final.messages.filter((m: { by: string }) => m.by === 'officer')).toHaveLength(ROUNDS);
  }, 120_000);

  it('without If-Match, concurrent conflicting transitions still let exactly one through', async () => {
    const uscc = buildUscc('91', '350203', 'MA8TRAC2');
    await world.addFirm(xiamenLittleGiant({ uscc }));
    const firm = await world.token({ role: 'firm', userId: 'u-race2', uscc });
    const submitted = await bodyOf(
      await world.app.request(
        '/api/requests',
        json({ amountYuan: 8_000_000, purpose: 'working_capital', termMonths: 12 }, firm, {
          'Idempotency-Key': 'race-0002',
        }),
      ),
    );
    const sent = await bodyOf(
      await world.app.request(`/api/requests/${submitted.request.id}/send`, json({ topK: 1 }, firm)),
    );
    const lead = sent.leads[0] as { id: string; institutionId: string };
    const alice = await world.token({ role: 'officer', userId: 'alice', institutionId: lead.institutionId });
    const bob = await world.token({ role: 'officer', userId: 'bob', institutionId: lead.institutionId });
    await world.app.request(`/api/leads/${lead.id}/transitions`, json({ action: 'accept' }, alice));
    const [a, b] = await Promise.all([
      world.app.request(
        `/api/leads/${lead.id}/transitions`,
        json({ action: 'approve', amountYuan: 8_000_000, annualRateBp: 310, termMonths: 12 }, alice),
      ),
      world.app.request(
        `/api/leads/${lead.id}/transitions`,
        json({ action: 'decline', reasonCode: 'other', text: '额度已满' }, bob),
      ),
    ]);
    const codes = [a.status, b.status].sort();
    expect(codes[0]).toBe(200);
    expect([409, 422]).toContain(codes[1]); // lost the write (409), or read the winner's state (422)
    const audit = await world.store.leads.audit(lead.id);
    expect(audit.filter((e) => e.to === 'approved' || e.to === 'declined')).toHaveLength(1);
  });
});
