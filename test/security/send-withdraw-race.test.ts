import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TERMINAL_STATUSES } from '#domain/lead.ts';
import { leadIdOf, type RequestRecord } from '#domain/request.ts';
import { buildUscc } from '#domain/uscc.ts';
import { newEvent } from '#usecases/events.ts';
import { bodyOf, json, TEST_NOW } from '../support/app.ts';
import { xiamenLittleGiant } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';

/**
 * The firm sends a request and withdraws it at the same moment, while an officer of the
 * top institution tries to accept the lead the send creates. Whatever the order, a
 * withdrawn request never keeps a lead an officer could still work, nobody gets a 5xx,
 * and a second withdrawal answers with the same final state.
 */
const ROUNDS = Number(process.env.ROUNDS ?? 200);
/** Rounds run a few at a time: each round's three calls race each other, not other rounds. */
const PARALLEL = 10;

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.drop());

describe('send racing withdraw', () => {
  it(`in ${ROUNDS} rounds a withdrawn request never keeps an open lead`, async () => {
    const uscc = buildUscc('91', '350203', 'MA8RACE1');
    await world.addFirm(xiamenLittleGiant({ uscc }));
    const firm = await world.token({ role: 'firm', userId: 'u-race', uscc });
    const first = await world.app.request(
      '/api/requests',
      json({ amountYuan: 8_000_000, purpose: 'working_capital', termMonths: 12 }, firm, {
        'Idempotency-Key': 'race-template',
      }),
    );
    expect(first.status).toBe(201);
    const template = (await bodyOf(first)) as { request: RequestRecord };
    const matches = (await world.store.requests.getMatches(template.request.id))!;
    const institutions = [...new Set(matches.matches.map((m) => m.institutionId))];
    expect(institutions.length).toBeGreaterThanOrEqual(3);
    const officer = await world.token({ role: 'officer', userId: 'o-race', institutionId: institutions[0]! });
    const clock = { now: () => TEST_NOW, newId: () => crypto.randomUUID() };

    /** A fresh open request with the template's matches, stored as submitting would. */
    async function openRequest(round: number): Promise<RequestRecord> {
      const record: RequestRecord = { ...template.request, id: `race-${round}-${crypto.randomUUID()}` };
      await world.store.requests.submit(
        record,
        matches,
        newEvent(clock, 'RequestSubmitted', record.id, {
          requestId: record.id,
          uscc,
          regionCode: record.regionCode,
          amountYuan: record.request.amountYuan,
          purpose: record.request.purpose,
          matchCount: matches.matches.length,
        }),
        {
          scope: `race#${uscc}`,
          key: record.id,
          bodyHash: 'x',
          resultId: record.id,
          createdAt: record.createdAt,
        },
      );
      return record;
    }

    // The moment each send is about to write its transaction (after all its reads): the
    // withdrawal and the officer are released around it, where the race is tightest.
    const sendWriting = new Map<string, () => void>();
    const requests = world.store.requests;
    const send = requests.send.bind(requests);
    requests.send = (before, ...rest) => {
      sendWriting.get(before.id)?.();
      return send(before, ...rest);
    };

    const statuses = { send: new Map<number, number>(), officer: new Map<number, number>() };
    const tally = (m: Map<number, number>, s: number) => m.set(s, (m.get(s) ?? 0) + 1);
    let withdrawnWithLeads = 0;

    async function round(n: number) {
      const record = await openRequest(n);
      const topLead = leadIdOf(record.id, institutions[0]!);
      // Every fourth round the withdrawal starts at once; the others start it as the send
      // writes, give or take a few milliseconds, and the officer just after.
      const writing = new Promise<void>((resolve) => sendWriting.set(record.id, resolve));
      const jitter = (ms: number) => new Promise((r) => setTimeout(r, ms));
      // A send refused before it writes (the withdrawal came first) never reaches the store:
      // its answer releases the others instead, or they would wait for it forever.
      const [sent, withdrawn, accepted] = await Promise.all([
        Promise.resolve(
          world.app.request(`/api/requests/${record.id}/send`, json({ topK: 3 }, firm)),
        ).finally(() => sendWriting.get(record.id)?.()),
        (n % 4 === 0 ? Promise.resolve() : writing.then(() => jitter(n % 5))).then(() =>
          world.app.request(`/api/requests/${record.id}/withdraw`, json({}, firm)),
        ),
        writing
          .then(() => jitter(n % 7))
          .then(() =>
            world.app.request(`/api/leads/${topLead}/transitions`, json({ action: 'accept' }, officer)),
          ),
      ]);
      sendWriting.delete(record.id);
      tally(statuses.send, sent.status);
      tally(statuses.officer, accepted.status);
      expect(withdrawn.status, `round ${n}: withdraw`).toBe(200);
      expect([201, 409, 422], `round ${n}: send`).toContain(sent.status);
      expect([200, 404, 409, 422], `round ${n}: officer`).toContain(accepted.status);

      // Every lead the request could have: read by key, whatever `sentTo` says.
      const stored = await world.store.requests.require(record.id);
      expect(stored.status).toBe('withdrawn');
      const leads = await world.store.leads.ofRequest({ id: record.id, sentTo: institutions });
      expect(leads.map((l) => l.institutionId).sort(), `round ${n}: leads = sentTo`).toEqual(
        [...stored.sentTo].sort(),
      );
      for (const lead of leads)
        expect(TERMINAL_STATUSES.has(lead.status), `round ${n}: ${lead.id} is ${lead.status}`).toBe(true);
      if (leads.length) withdrawnWithLeads++;
      // Withdrawing again is not an error: same final state.
      const again = await world.app.request(`/api/requests/${record.id}/withdraw`, json({}, firm));
      expect(again.status).toBe(200);
      expect((await bodyOf(again)).request.status).toBe('withdrawn');
    }

    for (let n = 0; n < ROUNDS; n += PARALLEL)
      await Promise.all(Array.from({ length: Math.min(PARALLEL, ROUNDS - n) }, (_, i) => round(n + i)));

    // Both orders happened: some sends landed before the withdrawal (and their leads were
    // closed with it), some found the request already withdrawn.
    expect(withdrawnWithLeads).toBeGreaterThan(0);
    expect(withdrawnWithLeads).toBeLessThan(ROUNDS);
  }, 300_000);
});
