import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  nextFromWaitlist,
  type Plan,
  type PlannerInput,
  planFit,
  planRoadshow,
} from '#domain/roadshow/planner.ts';

const T0 = Date.parse('2026-12-03T01:30:00Z');
const MIN = 60_000;

/** Two sessions of two 10-minute slots, one fund seat each; two funds with opposite tastes. */
function small(): PlannerInput {
  return {
    slotMinutes: 10,
    sessions: [
      { id: 's1', startsAt: T0, slots: 2, capacity: 1 },
      { id: 's2', startsAt: T0 + 120 * MIN, slots: 2, capacity: 1 },
    ],
    funds: [{ id: 'fund-materials' }, { id: 'fund-chips' }],
    firms: [
      { id: 'm1', consent: true, waitingDays: 10 },
      { id: 'm2', consent: true, waitingDays: 10 },
      { id: 'c1', consent: true, waitingDays: 10 },
      { id: 'c2', consent: true, waitingDays: 10 },
      { id: 'm3-late', consent: true, waitingDays: 1 },
      { id: 'no-consent', consent: false, waitingDays: 300 },
      { id: 'no-fit', consent: true, waitingDays: 300 },
      {
        id: 'busy',
        consent: true,
        waitingDays: 300,
        available: [{ from: T0 - 600 * MIN, to: T0 - 60 * MIN }],
      },
    ],
    fit: [
      [90, 10],
      [85, 5],
      [10, 95],
      [0, 80],
      [85, 0],
      [100, 100],
      [0, 0],
      [100, 100],
    ],
  };
}

function slotOf(plan: Plan, firmId: string) {
  for (const s of plan.sessions)
    for (const k of s.slots) if (k.firmId === firmId) return [s.sessionId, k.slot];
  return null;
}

describe('roadshow planner', () => {
  it('groups funds with the firms that fit them and explains who is left out', () => {
    const plan = planRoadshow(small());
    const rooms = plan.sessions.map((s) => [
      s.funds.map((f) => f.fundId),
      s.slots.map((k) => k.firmId).sort(),
    ]);
    expect(rooms).toHaveLength(2);
    expect(rooms).toContainEqual([['fund-chips'], ['c1', 'c2']]);
    expect(rooms).toContainEqual([['fund-materials'], ['m1', 'm2']]);
    expect(plan.leftOut).toEqual([
      { firmId: 'busy', reason: 'unavailable' },
      { firmId: 'm3-late', reason: 'capacity' },
      { firmId: 'no-consent', reason: 'no_consent' },
      { firmId: 'no-fit', reason: 'no_fit' },
    ]);
    expect(plan.waitlist).toEqual(['m3-late']);
    expect(plan.quality).toMatchObject({
      slotsTotal: 4,
      slotsFilled: 4,
      seatsTotal: 2,
      seatsFilled: 2,
      totalFit: 350,
      meanFit: 87.5,
      firmsPlaced: 4,
      firmsLeftOut: { no_consent: 1, excluded: 0, unavailable: 1, no_fit: 1, capacity: 1 },
      fundsPlaced: 2,
      pinsKept: 0,
      pinsRefused: [],
    });
    expect(planFit(plan, small())).toBe(350);
  });

  it('prefers the firm that has waited longest among equal fits', () => {
    const input: PlannerInput = {
      slotMinutes: 10,
      sessions: [{ id: 's1', startsAt: T0, slots: 1, capacity: 1 }],
      funds: [{ id: 'f' }],
      firms: [
        { id: 'a-recent', consent: true, waitingDays: 3 },
        { id: 'b-waited', consent: true, waitingDays: 120 },
      ],
      fit: [[70], [70]],
    };
    expect(slotOf(planRoadshow(input), 'b-waited')).toEqual(['s1', 0]);
    // …but waiting never outweighs a clearly better fit (the bonus is at most 5%).
    input.fit = [[80], [70]];
    expect(slotOf(planRoadshow(input), 'a-recent')).toEqual(['s1', 0]);
  });

  it('honours availability windows slot by slot', () => {
    const input: PlannerInput = {
      slotMinutes: 10,
      sessions: [{ id: 's1', startsAt: T0, slots: 3, capacity: 1 }],
      funds: [{ id: 'f' }],
      firms: [
        { id: 'early', consent: true, waitingDays: 0, available: [{ from: T0, to: T0 + 10 * MIN }] },
        { id: 'any', consent: true, waitingDays: 0 },
        {
          id: 'late',
          consent: true,
          waitingDays: 0,
          available: [{ from: T0 + 20 * MIN, to: T0 + 60 * MIN }],
        },
      ],
      fit: [[50], [90], [60]],
    };
    const plan = planRoadshow(input);
    expect(plan.sessions[0]!.slots.map((k) => k.firmId)).toEqual(['early', 'any', 'late']);
  });

  it('keeps pins, re-plans around them, and refuses the ones that break a rule (first pin by firm id wins a slot)', () => {
    const input = small();
    input.pins = {
      firms: [
        { firmId: 'm3-late', sessionId: 's1', slot: 0 },
        { firmId: 'no-consent', sessionId: 's1', slot: 1 },
        { firmId: 'c1', sessionId: 's1', slot: 0 },
        { firmId: 'busy', sessionId: 's2', slot: 0 },
        { firmId: 'ghost', sessionId: 's2', slot: 0 },
      ],
      funds: [{ fundId: 'fund-materials', sessionId: 's1' }],
      excludedFirms: ['m1'],
    };
    const plan = planRoadshow(input);
    expect(plan.sessions[0]).toEqual({
      sessionId: 's1',
      funds: [{ fundId: 'fund-materials', pinned: true }],
      slots: [
        { slot: 0, firmId: 'c1', pinned: true },
        { slot: 1, firmId: 'm2', pinned: false },
      ],
    });
    expect(plan.sessions[1]!.funds).toEqual([{ fundId: 'fund-chips', pinned: false }]);
    expect(plan.quality.pinsRefused).toEqual([
      { kind: 'firm', id: 'busy', reason: 'unavailable' },
      { kind: 'firm', id: 'ghost', reason: 'unknown' },
      { kind: 'firm', id: 'm3-late', reason: 'taken' },
      { kind: 'firm', id: 'no-consent', reason: 'no_consent' },
    ]);
    expect(plan.quality.pinsKept).toBe(2);
    expect(plan.leftOut).toContainEqual({ firmId: 'm1', reason: 'excluded' });
  });

  it('refills a declined slot from the waitlist: the first available, never the decliner', () => {
    const firms = new Map([
      ['a', { consent: true, available: [{ from: T0 + 60 * MIN, to: T0 + 90 * MIN }] }],
      ['b', { consent: true }],
      ['c', { consent: true }],
    ]);
    const slot = { from: T0, to: T0 + 10 * MIN };
    expect(nextFromWaitlist(['a', 'b', 'c'], slot, firms, new Set())).toBe('b');
    expect(nextFromWaitlist(['a', 'b', 'c'], slot, firms, new Set(['b']))).toBe('c');
    expect(nextFromWaitlist(['a'], slot, firms, new Set())).toBeNull();
  });
});

// ── properties ──

const windowArb = fc
  .tuple(fc.integer({ min: -2, max: 40 }), fc.integer({ min: 1, max: 40 }))
  .map(([a, len]) => ({ from: T0 + a * 10 * MIN, to: T0 + (a + len) * 10 * MIN }));

const inputArb: fc.Arbitrary<PlannerInput> = fc
  .record({
    sessions: fc.array(
      fc.record({
        slots: fc.integer({ min: 1, max: 5 }),
        capacity: fc.integer({ min: 1, max: 3 }),
        gap: fc.integer({ min: 0, max: 3 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    firms: fc.array(
      fc.record({
        consent: fc.boolean(),
        waitingDays: fc.integer({ min: 0, max: 400 }),
        available: fc.option(fc.array(windowArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
      }),
      { maxLength: 16 },
    ),
    funds: fc.array(
      fc.record({
        available: fc.option(fc.array(windowArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
        maxSessions: fc.integer({ min: 0, max: 2 }),
      }),
      { maxLength: 6 },
    ),
    seed: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 96, maxLength: 96 }),
  })
  .map(({ sessions, firms, funds, seed }) => {
    let t = T0;
    const planned = sessions.map((s, i) => {
      const session = { id: `s${i}`, startsAt: t, slots: s.slots, capacity: s.capacity };
      t += (s.slots + s.gap) * 10 * MIN;
      return session;
    });
    return {
      slotMinutes: 10,
      sessions: planned,
      firms: firms.map((f, i) => ({ id: `firm-${i}`, ...f })),
      funds: funds.map((u, j) => ({ id: `fund-${j}`, ...u })),
      fit: firms.map((_, i) =>
        funds.map((_, j) =>
          seed[(i * 7 + j * 13) % seed.length]! % 3 === 0 ? 0 : seed[(i * 5 + j) % seed.length]!,
        ),
      ),
    };
  });

function covers(w: PlannerInput['firms'][number]['available'], from: number, to: number) {
  return !w || w.some((x) => x.from <= from && to <= x.to);
}

function checkRules(input: PlannerInput, plan: Plan) {
  const firms = new Map(input.firms.map((f) => [f.id, f]));
  const funds = new Map(input.funds.map((u) => [u.id, u]));
  const sessions = new Map(input.sessions.map((s) => [s.id, s]));
  const seenFirms = new Set<string>();
  const fundSessions = new Map<string, number>();
  for (const ps of plan.sessions) {
    const s = sessions.get(ps.sessionId)!;
    expect(ps.slots).toHaveLength(s.slots);
    expect(ps.funds.length).toBeLessThanOrEqual(s.capacity);
    for (const { fundId } of ps.funds) {
      fundSessions.set(fundId, (fundSessions.get(fundId) ?? 0) + 1);
      expect(
        covers(funds.get(fundId)!.available, s.startsAt, s.startsAt + s.slots * input.slotMinutes * MIN),
      ).toBe(true);
    }
    for (const k of ps.slots) {
      if (k.firmId === null) continue;
      expect(seenFirms.has(k.firmId)).toBe(false); // never booked twice
      seenFirms.add(k.firmId);
      const f = firms.get(k.firmId)!;
      expect(f.consent).toBe(true); // never a firm that did not consent
      const from = s.startsAt + k.slot * input.slotMinutes * MIN;
      expect(covers(f.available, from, from + input.slotMinutes * MIN)).toBe(true);
    }
  }
  for (const [id, n] of fundSessions) expect(n).toBeLessThanOrEqual(funds.get(id)!.maxSessions ?? 1);
  // Every firm is placed or left out with a reason, never both.
  const out = new Set(plan.leftOut.map((l) => l.firmId));
  for (const f of input.firms) expect(seenFirms.has(f.id) !== out.has(f.id)).toBe(true);
  expect(plan.quality.totalFit).toBe(planFit(plan, input));
}

describe('roadshow planner properties', () => {
  it('never double-books, never over capacity, never a non-consenting firm, always inside availability', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        checkRules(input, planRoadshow(input));
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same input, in any order, gives the same plan', () => {
    fc.assert(
      fc.property(inputArb, fc.integer(), (input, salt) => {
        const a = planRoadshow(input);
        expect(planRoadshow(structuredClone(input))).toEqual(a);
        const firmPerm = input.firms
          .map((_, i) => i)
          .sort((x, y) => ((x * 31 + salt) % 97) - ((y * 31 + salt) % 97) || x - y);
        const fundPerm = input.funds.map((_, j) => j).reverse();
        const shuffled: PlannerInput = {
          ...input,
          sessions: [...input.sessions].reverse(),
          firms: firmPerm.map((i) => input.firms[i]!),
          funds: fundPerm.map((j) => input.funds[j]!),
          fit: firmPerm.map((i) => fundPerm.map((j) => input.fit[i]![j]!)),
        };
        expect(planRoadshow(shuffled)).toEqual(a);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps every pin taken from its own plan when re-planning', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const first = planRoadshow(input);
        const pins = {
          firms: first.sessions.flatMap((s) =>
            s.slots
              .filter((k, n) => k.firmId !== null && n % 2 === 0)
              .map((k) => ({ firmId: k.firmId!, sessionId: s.sessionId, slot: k.slot })),
          ),
          funds: first.sessions.flatMap((s) =>
            s.funds.slice(0, 1).map((f) => ({ fundId: f.fundId, sessionId: s.sessionId })),
          ),
        };
        const again = planRoadshow({ ...input, pins });
        checkRules(input, again);
        expect(again.quality.pinsRefused).toEqual([]);
        for (const p of pins.firms) expect(slotOf(again, p.firmId)).toEqual([p.sessionId, p.slot]);
        for (const p of pins.funds)
          expect(again.sessions.find((s) => s.sessionId === p.sessionId)!.funds).toContainEqual({
            fundId: p.fundId,
            pinned: true,
          });
      }),
      { numRuns: 150 },
    );
  });
});
