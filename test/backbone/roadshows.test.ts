import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '#domain/principal.ts';
import { buildUscc } from '#domain/uscc.ts';
import { keys } from '#store/keys.ts';
import { LocalBus } from '#usecases/backbone/bus.ts';
import { inviteToRoadshow, roadshowRefill } from '#usecases/backbone/consumers/roadshows.ts';
import { CONSUMERS, TIMER_HANDLERS } from '#usecases/backbone/index.ts';
import { sweepTimers } from '#usecases/backbone/sweep.ts';
import { verifyWebhook } from '#usecases/backbone/webhook-signature.ts';
import { newEvent } from '#usecases/events.ts';
import { auth, bodyOf, json } from '../support/app.ts';
import { type BackboneWorld, createBackboneWorld } from '../support/backbone.ts';
import { XIAMEN_GROWTH_FUND, xiamenLittleGiant } from '../support/fixtures.ts';

/**
 * Roadshows on the event backbone (DynamoDB Local): RoadshowScheduled → in-app invitations to
 * the firms and the fund, the signed webhook with the fund's .ics, 24 h reminder timers;
 * RoadshowProposed → the operators; a withdrawal refills the slot by event and the new firm is
 * invited; a cancellation is told with METHOD:CANCEL. Every consumer is redelivered: nothing changes.
 */
const SECRET = 'roadshow-webhook-secret-0123456789';
const posts: { url: string; headers: Headers; body: string }[] = [];
const fakeFetch = (async (url: string | URL | Request, init?: RequestInit) => {
  posts.push({ url: String(url), headers: new Headers(init?.headers), body: String(init?.body) });
  return new Response('ok', { status: 200 });
}) as typeof fetch;

let w: BackboneWorld;
const operator: Principal = { role: 'operator', userId: 'u-bb-op', regionPrefix: '3502' };
const officer: Principal = {
  role: 'officer',
  userId: 'u-bb-fund',
  institutionId: 'national-sme-fund-xiamen',
};
const firms: { p: Principal; requestId: string; uscc: string }[] = [];
let roadshowId = '';

const call = async (method: string, path: string, body: unknown, p: Principal) =>
  w.app.request(path, { ...json(body, await w.token(p)), method });
const inbox = async (box: `firm:${string}` | `institution:${string}` | `region:${string}`, kind: string) =>
  (await w.store.backbone.notifications.list([box], 50)).filter((n) => n.kind === kind);

/** Hands an already handled event to a fresh bus again; returns the outcomes per consumer. */
async function redeliver(eventId: string) {
  const row = await w.raw.get(keys.event(eventId));
  const outcomes: string[] = [];
  const bus = new LocalBus(Object.values(CONSUMERS), w.deps, {
    onHandled: (i) => outcomes.push(`${i.consumer}:${i.outcome}`),
  });
  await bus.publish({ kind: 'event', event: row!.event });
  return { outcomes, event: row!.event };
}

beforeAll(async () => {
  w = await createBackboneWorld({ fetch: fakeFetch });
  await w.store.backbone.webhooks.register({
    institutionId: officer.institutionId,
    url: 'https://fund.example/jingrong',
    secret: SECRET,
    createdAt: '2026-11-01T00:00:00Z',
    createdBy: officer.userId,
  });
  await call('PUT', '/api/funds/nsf-xiamen-bb', XIAMEN_GROWTH_FUND, officer);
  // Four consenting Xiamen firms: two slots, so two wait.
  for (let n = 0; n < 4; n++) {
    const firm = await w.addFirm(
      xiamenLittleGiant({ uscc: buildUscc('91', '350203', `MA8BB${String(n).padStart(3, '0')}`) }),
    );
    const p: Principal = { role: 'firm', userId: `u-bb-${n}`, uscc: firm.uscc };
    const t = await w.token(p);
    const res = await w.app.request(
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
        { 'Idempotency-Key': `backbone-roadshow-${n}-0001` },
      ),
    );
    const { request } = await bodyOf(res);
    await w.app.request(`/api/requests/${request.id}/push-consent`, json({ stage: 'growth' }, t));
    firms.push({ p, requestId: request.id, uscc: firm.uscc });
  }
  await w.drain();
});
afterAll(() => w.close());

describe('roadshow invitations, reminders and refills on the bus', () => {
  it('publishing invites each firm and the fund in-app, POSTs the fund a signed event with its .ics, and sets the 24 h reminder', async () => {
    // Prepare + Act: create, pool, plan, publish (one session on 2026-12-03 09:30 Shanghai).
    const created = await call(
      'POST',
      '/api/roadshows',
      {
        title: '精密仪器产业链路演',
        chain: ['C39'],
        regionPrefix: '3502',
        venue: { kind: 'onsite', address: '厦门市思明区软件园二期' },
        slotMinutes: 10,
        sessions: [{ startsAt: '2026-12-03T09:30', slots: 2, capacity: 2 }],
      },
      operator,
    );
    roadshowId = (await bodyOf(created)).id;
    await call('PUT', `/api/roadshows/${roadshowId}/participants`, { fundIds: ['nsf-xiamen-bb'] }, operator);
    await call('POST', `/api/roadshows/${roadshowId}/plan`, {}, operator);
    expect((await call('POST', `/api/roadshows/${roadshowId}/publish`, {}, operator)).status).toBe(200);
    await w.drain();

    // Assess: the two firms with a slot and the fund's institution are told once.
    const slots = await w.store.roadshows.listSlots(roadshowId);
    const holders = slots.map((s) => s.uscc!);
    expect(holders).toHaveLength(2);
    for (const uscc of holders)
      expect(await inbox(`firm:${uscc}`, `roadshow-invitation:${roadshowId}`)).toHaveLength(1);
    const waiting = firms.filter((f) => !holders.includes(f.uscc));
    for (const f of waiting)
      expect(await inbox(`firm:${f.uscc}`, `roadshow-invitation:${roadshowId}`)).toHaveLength(0);
    const fundNotice = await inbox(
      `institution:${officer.institutionId}`,
      `roadshow-invitation:${roadshowId}`,
    );
    expect(fundNotice).toHaveLength(1);

    // The webhook: signed by the documented recipe, the .ics in Asia/Shanghai time, no firm named.
    expect(posts).toHaveLength(1);
    const post = posts[0]!;
    expect(post.headers.get('Jingrong-Event-Type')).toBe('RoadshowScheduled');
    const signature = post.headers.get('Jingrong-Signature')!;
    expect(verifyWebhook(SECRET, signature, post.body, Math.floor(w.clock.now.getTime() / 1000))).toBe(true);
    expect(
      verifyWebhook('a-wrong-secret', signature, post.body, Math.floor(w.clock.now.getTime() / 1000)),
    ).toBe(false);
    const body = JSON.parse(post.body);
    expect(body.data).toMatchObject({ roadshowId, status: 'published' });
    for (const f of firms) expect(post.body).not.toContain(f.uscc);
    const comp = new ICAL.Component(ICAL.parse(body.data.calendar.ics));
    expect(comp.getFirstPropertyValue('method')).toBe('REQUEST');
    ICAL.TimezoneService.register(new ICAL.Timezone(comp.getFirstSubcomponent('vtimezone')!));
    const vevent = new ICAL.Event(comp.getFirstSubcomponent('vevent')!);
    expect(vevent.startDate.toString()).toBe('2026-12-03T09:30:00');
    expect(vevent.startDate.toJSDate().toISOString()).toBe('2026-12-03T01:30:00.000Z');
    const delivery = (await w.store.backbone.webhooks.deliveries(officer.institutionId, 10)).filter(
      (d) => d.eventType === 'RoadshowScheduled',
    );
    expect(delivery).toMatchObject([{ state: 'delivered' }]);

    // The reminder: 24 h before the session.
    const session = (await w.store.roadshows.get(roadshowId))!.sessions[0]!;
    expect(await w.store.backbone.timers.get(`roadshow-reminder:${roadshowId}:${session.id}`)).toMatchObject({
      dueAt: '2026-12-02T01:30:00.000Z',
    });

    // Redelivered, and rerun after a crash before the marker: no second notice, no second POST.
    const { outcomes, event } = await redeliver(fundNotice[0]!.eventId);
    expect(outcomes).toEqual(['roadshow-invitations:duplicate']);
    await inviteToRoadshow(event, w.deps);
    expect(posts).toHaveLength(1);
    for (const uscc of holders)
      expect(await inbox(`firm:${uscc}`, `roadshow-invitation:${roadshowId}`)).toHaveLength(1);
    expect(
      await inbox(`institution:${officer.institutionId}`, `roadshow-invitation:${roadshowId}`),
    ).toHaveLength(1);
  });

  it('a firm that withdraws its request gives up its slot: refilled from the waitlist by event, the new firm invited', async () => {
    // Prepare
    const [slot] = await w.store.roadshows.listSlots(roadshowId);
    const leaving = firms.find((f) => f.requestId === slot!.requestId)!;
    // Act
    expect((await call('POST', `/api/requests/${leaving.requestId}/withdraw`, {}, leaving.p)).status).toBe(
      200,
    );
    await w.drain();
    // Assess
    const after = await w.store.roadshows.getSlot(roadshowId, slot!.sessionId, slot!.slot);
    expect(after?.requestId).not.toBe(leaving.requestId);
    expect(after?.declinedBy).toContain(leaving.requestId);
    const newcomer = firms.find((f) => f.requestId === after?.requestId)!;
    expect(newcomer).toBeDefined();
    expect(after?.status).toBe('invited');
    const invited = await inbox(`firm:${newcomer.uscc}`, `roadshow-invitation:${roadshowId}`);
    expect(invited).toHaveLength(1);

    // Redelivered: the withdrawal refills nothing more; the refill invites nobody again.
    const withdrawn = (await w.store.backbone.notifications.list([`firm:${leaving.uscc}`], 50)).length;
    const rows = await w.store.roadshows.listSlots(roadshowId);
    const { outcomes: again, event: refilled } = await redeliver(invited[0]!.eventId);
    expect(again).toEqual(['roadshow-invitations:duplicate']);
    const refillEventId = refilled.id.split('/refill/')[0];
    const { event: withdrawal } = await redeliver(refillEventId);
    expect(await roadshowRefill.handle(withdrawal, w.deps)).toEqual([]);
    expect(await w.store.roadshows.listSlots(roadshowId)).toEqual(rows);
    expect(await inbox(`firm:${newcomer.uscc}`, `roadshow-invitation:${roadshowId}`)).toHaveLength(1);
    expect((await w.store.backbone.notifications.list([`firm:${leaving.uscc}`], 50)).length).toBe(withdrawn);
  });

  it('reminds each attendee 24 h before, once, even when two sweeps race', async () => {
    w.clock.now = new Date('2026-12-01T12:00:00Z');
    expect((await sweepTimers(w.deps, TIMER_HANDLERS)).fired).toBe(0);
    w.clock.now = new Date('2026-12-02T02:00:00Z');
    const [a, b] = await Promise.all([
      sweepTimers(w.deps, TIMER_HANDLERS),
      sweepTimers(w.deps, TIMER_HANDLERS),
    ]);
    await sweepTimers(w.deps, TIMER_HANDLERS);
    expect(a.fired + b.fired).toBeGreaterThanOrEqual(1);
    const session = (await w.store.roadshows.get(roadshowId))!.sessions[0]!;
    const kind = `roadshow-reminder:${roadshowId}:${session.id}`;
    const holders = (await w.store.roadshows.listSlots(roadshowId)).map((s) => s.uscc!);
    for (const uscc of holders) expect(await inbox(`firm:${uscc}`, kind)).toHaveLength(1);
    expect(await inbox(`institution:${officer.institutionId}`, kind)).toHaveLength(1);
    const left = firms.filter((f) => !holders.includes(f.uscc));
    for (const f of left) expect(await inbox(`firm:${f.uscc}`, kind)).toHaveLength(0);
  });

  it('RoadshowProposed is put before the city’s operators, once', async () => {
    const event = newEvent(w.deps, 'RoadshowProposed', '3502', {
      regionPrefix: '3502',
      chain: 'C39',
      requestIds: firms.map((f) => f.requestId),
    });
    const outcomes: string[] = [];
    const bus = new LocalBus(Object.values(CONSUMERS), w.deps, {
      onHandled: (i) => outcomes.push(i.outcome),
    });
    await bus.publish({ kind: 'event', event });
    await bus.publish({ kind: 'event', event });
    expect(outcomes).toEqual(['done', 'duplicate']);
    const told = await inbox('region:3502', 'roadshow-proposed:C39');
    expect(told).toHaveLength(1);
    expect(told[0]!.title.zh).toContain('4 家企业');
  });

  it('a change of venue re-sends: the same calendar entry with a higher SEQUENCE and the new place', async () => {
    const sent = posts.length;
    const moved = await call(
      'POST',
      `/api/roadshows/${roadshowId}/venue`,
      { venue: { kind: 'onsite', address: '厦门市湖里区创新创业园' } },
      operator,
    );
    expect(moved.status).toBe(200);
    expect(await bodyOf(moved)).toMatchObject({ revision: 1, status: 'published' });
    await w.drain();
    const holders = (await w.store.roadshows.listSlots(roadshowId))
      .filter((s) => s.status !== 'declined')
      .map((s) => s.uscc!);
    for (const uscc of holders) {
      const notices = await inbox(`firm:${uscc}`, `roadshow-invitation:${roadshowId}`);
      expect(notices.filter((n) => n.title.zh.startsWith('路演变更'))).toHaveLength(1);
    }
    expect(posts).toHaveLength(sent + 1);
    const body = JSON.parse(posts.at(-1)!.body);
    const comp = new ICAL.Component(ICAL.parse(body.data.calendar.ics));
    expect(comp.getFirstPropertyValue('method')).toBe('REQUEST');
    const vevent = new ICAL.Event(comp.getFirstSubcomponent('vevent')!);
    expect(vevent.sequence).toBe(1);
    expect(vevent.location).toContain('湖里区创新创业园');
    // Not another operator's, not a started or unpublished one, not a made-up venue: nothing stored.
    const stranger: Principal = { role: 'operator', userId: 'u-bb-op-cq', regionPrefix: '50' };
    expect(
      (
        await call(
          'POST',
          `/api/roadshows/${roadshowId}/venue`,
          { venue: { kind: 'onsite', address: 'x' } },
          operator,
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await call(
          'POST',
          `/api/roadshows/${roadshowId}/venue`,
          { venue: { kind: 'online', url: 'https://meet.example.cn/r' } },
          stranger,
        )
      ).status,
    ).toBe(404);
    expect((await w.store.roadshows.get(roadshowId))!.revision).toBe(1);
  });

  it('a cancellation tells every attendee and POSTs the fund a METHOD:CANCEL calendar', async () => {
    const sent = posts.length;
    expect((await call('POST', `/api/roadshows/${roadshowId}/cancel`, {}, operator)).status).toBe(200);
    await w.drain();
    const holders = (await w.store.roadshows.listSlots(roadshowId)).map((s) => s.uscc!);
    for (const uscc of holders)
      expect(await inbox(`firm:${uscc}`, `roadshow-cancelled:${roadshowId}`)).toHaveLength(1);
    expect(posts).toHaveLength(sent + 1);
    const body = JSON.parse(posts.at(-1)!.body);
    expect(posts.at(-1)!.headers.get('Jingrong-Event-Type')).toBe('RoadshowCancelled');
    const comp = new ICAL.Component(ICAL.parse(body.data.calendar.ics));
    expect(comp.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(new ICAL.Event(comp.getFirstSubcomponent('vevent')!).sequence).toBe(2);
  });
});

// The operator's view of who was invited stays readable after all this.
describe('the operator still reads the roadshow', () => {
  it('lists its slots', async () => {
    const res = await w.app.request(`/api/roadshows/${roadshowId}`, auth(await w.token(operator)));
    expect(res.status).toBe(200);
  });
});
