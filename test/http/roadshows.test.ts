import { randomUUID } from 'node:crypto';
import { sign } from 'hono/jwt';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#domain/principal.ts';
import { buildUscc } from '#domain/uscc.ts';
import { LOCAL_ISSUER } from '#http/local-tokens.ts';
import { auth, bodyOf, createTestApp, json, TEST_NOW, TEST_SECRET } from '../support/app.ts';
import { XIAMEN_GROWTH_FUND, xiamenLittleGiant } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';

/** Roadshow → plan → publish → RSVP (declines refilled from the waitlist) → intent card → equity lead. */
let world: World;
const LATER = new Date('2026-12-03T08:00:00Z');
/** A token issued at LATER, for the app whose clock is after the event. */
const laterToken = (p: Principal) => {
  const iat = Math.floor(LATER.getTime() / 1000);
  return sign(
    { ...p, sub: p.userId, iss: LOCAL_ISSUER, iat, exp: iat + 3600, jti: randomUUID() },
    TEST_SECRET,
  );
};
const officer: Principal = {
  role: 'officer',
  userId: 'u-rs-fund',
  institutionId: 'national-sme-fund-xiamen',
};
const operator: Principal = { role: 'operator', userId: 'u-rs-op', regionPrefix: '3502' };
const chongqingOperator: Principal = { role: 'operator', userId: 'u-rs-cq', regionPrefix: '50' };

const send = (method: string, path: string, body: unknown, p: Principal, app = world.app) =>
  (app === world.app ? world.token(p) : laterToken(p)).then((t) =>
    app.request(path, { ...json(body, t), method }),
  );
const get = (path: string, p: Principal) => world.token(p).then((t) => world.app.request(path, auth(t)));

const draft = (over: object = {}) => ({
  title: '新材料与电子产业链专场路演',
  chain: ['C39', 'C26'],
  regionPrefix: '3502',
  venue: { kind: 'onsite', address: '厦门市思明区软件园二期' },
  slotMinutes: 10,
  sessions: [{ startsAt: '2026-12-03T09:30', slots: 2, capacity: 2 }],
  ...over,
});

const firms: { p: Principal; requestId: string; uscc: string }[] = [];

beforeAll(async () => {
  world = await createWorld();
  await send('PUT', '/api/funds/nsf-xiamen', XIAMEN_GROWTH_FUND, officer);
  await send(
    'PUT',
    '/api/funds/far-away',
    {
      name: { zh: '外地基金', en: 'A fund elsewhere' },
      preferences: {
        ticket: { minYuan: 0, maxYuan: 10_000_000 },
        regionPrefixes: ['50'],
        fundSizeYuan: 100_000_000,
      },
    },
    { role: 'officer', userId: 'u-cq', institutionId: 'chongqing-srdi-fund' },
  );
  // Five consenting Xiamen firms on the chain: two slots, so three wait.
  for (let n = 0; n < 5; n++) {
    const firm = await world.addFirm(
      xiamenLittleGiant({
        uscc: buildUscc('91', '350203', `MA8RT${String(n).padStart(3, '0')}`),
        name: `厦门路演企业${n}`,
      }),
    );
    const p: Principal = { role: 'firm', userId: `u-rs-${n}`, uscc: firm.uscc };
    const t = await world.token(p);
    const res = await world.app.request(
      '/api/requests',
      json(
        {
          amountYuan: 20_000_000 + n * 5_000_000,
          purpose: 'expansion',
          termMonths: 60,
          collateral: ['none'],
          kind: 'equity',
        },
        t,
        {
          'Idempotency-Key': `roadshow-test-${n}-0001`,
        },
      ),
    );
    const { request } = await bodyOf(res);
    await world.app.request(`/api/requests/${request.id}/push-consent`, json({ stage: 'growth' }, t));
    firms.push({ p, requestId: request.id, uscc: firm.uscc });
  }
});
afterAll(() => world.drop());

describe('bad roadshow input: a clear 4xx and nothing stored', () => {
  it.each([
    [
      'a session in the past',
      draft({ sessions: [{ startsAt: '2026-11-23T09:00', slots: 2, capacity: 2 }] }),
      400,
      'sessions.0.startsAt',
    ],
    [
      'overlapping sessions',
      draft({
        sessions: [
          { startsAt: '2026-12-03T09:30', slots: 6, capacity: 2 },
          { startsAt: '2026-12-03T10:00', slots: 6, capacity: 2 },
        ],
      }),
      400,
      'sessions.1.startsAt',
    ],
    ['a slot under 5 minutes', draft({ slotMinutes: 4 }), 400, 'slotMinutes'],
    [
      'capacity 0',
      draft({ sessions: [{ startsAt: '2026-12-03T09:30', slots: 2, capacity: 0 }] }),
      400,
      'sessions.0.capacity',
    ],
    ['a region outside the operator’s', draft({ regionPrefix: '3501' }), 400, 'regionPrefix'],
  ])('%s', async (_, body, status, field) => {
    const res = await send('POST', '/api/roadshows', body, operator);
    expect(res.status).toBe(status);
    expect((await bodyOf(res)).error.fields.map((f: { path: string }) => f.path)).toContain(field);
    expect((await bodyOf(await get('/api/roadshows', operator))).items).toEqual([]);
  });
});

describe('a roadshow, end to end', () => {
  let id: string;

  it('is created, pooled, planned and published; a fund outside the region is refused', async () => {
    const created = await send('POST', '/api/roadshows', draft(), operator);
    expect(created.status).toBe(201);
    id = (await bodyOf(created)).id;
    expect(
      (await send('PUT', `/api/roadshows/${id}/participants`, { fundIds: ['far-away'] }, operator)).status,
    ).toBe(422);
    expect((await get(`/api/roadshows/${id}`, chongqingOperator)).status).toBe(404);
    const pooled = await bodyOf(
      await send('PUT', `/api/roadshows/${id}/participants`, { fundIds: ['nsf-xiamen'] }, operator),
    );
    expect(pooled.candidates).toHaveLength(5);
    const planned = await bodyOf(await send('POST', `/api/roadshows/${id}/plan`, {}, operator));
    expect(planned.status).toBe('planned');
    expect(planned.plan.quality).toMatchObject({ slotsTotal: 2, slotsFilled: 2, seatsFilled: 1 });
    expect(planned.plan.waitlist).toHaveLength(3);
    const published = await send('POST', `/api/roadshows/${id}/publish`, {}, operator);
    expect(published.status).toBe(200);
    const upcoming = await bodyOf(await world.app.request('/api/roadshows/upcoming'));
    expect(upcoming.items).toEqual([expect.objectContaining({ id, title: draft().title })]);
    expect(JSON.stringify(upcoming)).not.toContain(firms[0]!.uscc);
  });

  it('gives each firm its slot and an .ics with Asia/Shanghai times; an RSVP for someone else’s slot is a 404', async () => {
    const holders = (await bodyOf(await get(`/api/roadshows/${id}`, operator))).slots;
    const holder = firms.find((f) => f.requestId === holders[0].requestId)!;
    const other = firms.find(
      (f) => !holders.some((h: { requestId: string }) => h.requestId === f.requestId),
    )!;
    const mine = await bodyOf(await get('/api/roadshows/mine', holder.p));
    expect(mine.slots).toHaveLength(1);
    const cal = await get(`/api/roadshows/${id}/calendar.ics`, holder.p);
    expect(cal.headers.get('content-type')).toMatch(/text\/calendar/);
    const comp = new ICAL.Component(ICAL.parse(await cal.text()));
    ICAL.TimezoneService.register(new ICAL.Timezone(comp.getFirstSubcomponent('vtimezone')!));
    const event = new ICAL.Event(comp.getFirstSubcomponent('vevent')!);
    expect(event.startDate.toJSDate().toISOString()).toBe(holders[0].startsAt);
    expect(event.startDate.toString()).toBe(`2026-12-03T09:${holders[0].slot === 0 ? '30' : '40'}:00`);

    const stolen = await send(
      'POST',
      `/api/roadshows/${id}/slots/s1/${holders[0].slot}/rsvp`,
      { answer: 'decline' },
      other.p,
    );
    expect(stolen.status).toBe(404);
    const after = (await bodyOf(await get(`/api/roadshows/${id}`, operator))).slots;
    expect(after).toEqual(holders);
  });

  it('refills a declined slot from the waitlist exactly once when two declines race', async () => {
    const r = await bodyOf(await get(`/api/roadshows/${id}`, operator));
    const [first, second] = r.slots;
    const waitlist: string[] = r.roadshow.plan.waitlist;
    const holderOf = (slot: { requestId: string }) => firms.find((f) => f.requestId === slot.requestId)!;

    // The same firm declines twice at once: one refill.
    const racing = await Promise.all(
      [0, 1].map(() =>
        send(
          'POST',
          `/api/roadshows/${id}/slots/s1/${first.slot}/rsvp`,
          { answer: 'decline' },
          holderOf(first).p,
        ),
      ),
    );
    expect(racing.map((res) => res.status).sort()).toEqual([200, expect.toBeOneOf([404, 409])]);
    expect(racing.filter((res) => res.status === 200)).toHaveLength(1);
    // Then the other slot's firm declines: its refill skips the firm placed already.
    expect(
      (
        await send(
          'POST',
          `/api/roadshows/${id}/slots/s1/${second.slot}/rsvp`,
          { answer: 'decline' },
          holderOf(second).p,
        )
      ).status,
    ).toBe(200);
    const slots = (await bodyOf(await get(`/api/roadshows/${id}`, operator))).slots;
    expect(new Set(slots.map((s: { requestId: string }) => s.requestId))).toEqual(
      new Set(waitlist.slice(0, 2)),
    );
    expect(new Set(slots.map((s: { requestId: string }) => s.requestId)).size).toBe(2);
    expect(
      slots.every(
        (s: { status: string; requestId: string }) =>
          s.status === 'invited' && waitlist.slice(0, 2).includes(s.requestId),
      ),
    ).toBe(true);
    expect(slots.map((s: { declinedBy: string[] }) => s.declinedBy.length)).toEqual([1, 1]);
  });

  it('after the event, an interested intent card opens an equity lead', async () => {
    const r = await bodyOf(await get(`/api/roadshows/${id}`, operator));
    const pitched = r.slots[0].requestId;
    const holder = firms.find((f) => f.requestId === pitched)!;
    expect(
      (
        await send(
          'POST',
          `/api/roadshows/${id}/slots/s1/${r.slots[0].slot}/rsvp`,
          { answer: 'accept' },
          holder.p,
        )
      ).status,
    ).toBe(200);
    expect(
      (await send('POST', `/api/roadshows/${id}/seats/s1/nsf-xiamen/rsvp`, { answer: 'accept' }, officer))
        .status,
    ).toBe(200);
    // Before the pitch: too early.
    expect(
      (
        await send(
          'POST',
          `/api/roadshows/${id}/funds/nsf-xiamen/intents`,
          { requestId: pitched, interested: true },
          officer,
        )
      ).status,
    ).toBe(422);

    const later = createTestApp(world.store, { now: () => LATER }).app;
    const card = await send(
      'POST',
      `/api/roadshows/${id}/funds/nsf-xiamen/intents`,
      { requestId: pitched, interested: true },
      officer,
      later,
    );
    expect(card.status).toBe(201);
    const { leadId } = await bodyOf(card);
    expect(
      (
        await send(
          'POST',
          `/api/roadshows/${id}/funds/nsf-xiamen/intents`,
          { requestId: pitched, interested: true },
          officer,
          later,
        )
      ).status,
    ).toBe(409);
    const lead = await bodyOf(await get(`/api/equity-leads/${leadId}`, officer));
    expect(lead).toMatchObject({
      status: 'contacted',
      firm: null,
      source: { kind: 'roadshow', roadshowId: id },
    });
    const firmLeads = await bodyOf(await get('/api/equity-leads', holder.p));
    expect(firmLeads.items.map((l: { id: string }) => l.id)).toContain(leadId);
    expect(TEST_NOW.toISOString()).toBe('2026-11-23T02:00:00.000Z');
  });
});
