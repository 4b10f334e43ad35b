import { Hono } from 'hono';
import * as z from 'zod';
import { requireRole } from '#domain/principal.ts';
import {
  IntentCardInputSchema,
  IntentCardSchema,
  PinsSchema,
  RoadshowDraftSchema,
  RoadshowRecordSchema,
  RsvpSchema,
  SeatRecordSchema,
} from '#domain/roadshow/roadshow.ts';
import {
  cancelRoadshow,
  createRoadshow,
  fileIntentCard,
  listRoadshows,
  myRoadshows,
  planRoadshowFor,
  publishRoadshow,
  readRoadshow,
  roadshowCalendar,
  rsvpSeat,
  rsvpSlot,
  setParticipants,
  upcomingRoadshows,
} from '#usecases/roadshows.ts';
import { jsonBody } from '../body.ts';
import type { AppEnv } from '../context.ts';
import { PublicRoadshowSchema, publicRoadshow, SlotViewSchema, slotView } from '../equity-views.ts';
import { document } from '../openapi.ts';
import { parseOrThrow } from '../validation.ts';

const ParticipantsSchema = z
  .object({
    /** Omitted: the platform proposes the region's consenting equity requests on the roadshow's chain. */
    requestIds: z.array(z.string().min(1).max(200)).max(5000).optional(),
    fundIds: z.array(z.string().min(1).max(80)).min(1).max(500),
  })
  .strict();
const PlanBodySchema = z.object({ pins: PinsSchema.optional() }).strict();
const SlotParamSchema = z.coerce.number().int().min(0).max(99);

/** Roadshows: operators create, pool, plan, pin, publish; firms and funds answer; funds file intent cards. */
export function roadshowRoutes() {
  const app = new Hono<AppEnv>();

  document({
    method: 'get',
    path: '/api/roadshows/upcoming',
    tag: 'roadshows',
    auth: 'public',
    summary: '即将举行的路演（公开） / Upcoming roadshows (public)',
    responses: {
      200: { description: 'by start time', schema: z.object({ items: z.array(PublicRoadshowSchema) }) },
    },
  });
  app.get('/api/roadshows/upcoming', async (c) =>
    c.json({ items: (await upcomingRoadshows(c.get('deps'))).map(publicRoadshow) }),
  );

  document({
    method: 'get',
    path: '/api/roadshows/mine',
    tag: 'roadshows',
    auth: 'signed_in',
    summary:
      '我的路演（企业：路演时段；基金：席位） / My roadshows (a firm: its slots; a fund officer: its seats)',
    responses: {
      200: {
        description: 'slots and seats',
        schema: z.object({ slots: z.array(SlotViewSchema), seats: z.array(SeatRecordSchema) }),
      },
    },
  });
  app.get('/api/roadshows/mine', async (c) => {
    const { slots, seats } = await myRoadshows(c.get('deps'), c.get('principal'));
    return c.json({ slots: slots.map(slotView), seats });
  });

  document({
    method: 'post',
    path: '/api/roadshows',
    tag: 'roadshows',
    auth: 'operator',
    summary: '创建路演 / Create a roadshow',
    body: RoadshowDraftSchema,
    responses: {
      201: { description: 'the draft', schema: RoadshowRecordSchema },
      400: {
        description:
          'a session in the past, overlapping sessions, a slot under 5 minutes, capacity 0, a region outside yours…',
      },
    },
  });
  app.post('/api/roadshows', async (c) => {
    const draft = await jsonBody(c, RoadshowDraftSchema);
    return c.json(await createRoadshow(c.get('deps'), c.get('principal'), draft), 201);
  });

  document({
    method: 'get',
    path: '/api/roadshows',
    tag: 'roadshows',
    auth: 'operator',
    summary: '本地区的路演 / Your region’s roadshows',
    responses: {
      200: { description: 'newest first', schema: z.object({ items: z.array(RoadshowRecordSchema) }) },
    },
  });
  app.get('/api/roadshows', async (c) =>
    c.json({ items: await listRoadshows(c.get('deps'), c.get('principal')) }),
  );

  document({
    method: 'get',
    path: '/api/roadshows/{id}',
    tag: 'roadshows',
    auth: 'operator',
    summary: '路演详情：排程预览、出席、意向卡 / A roadshow: plan preview, attendance, intent cards',
    params: { id: 'roadshow id' },
    responses: { 200: { description: 'the roadshow with its slots, seats and intent cards' } },
  });
  app.get('/api/roadshows/:id', async (c) =>
    c.json(await readRoadshow(c.get('deps'), c.get('principal'), c.req.param('id'))),
  );

  document({
    method: 'put',
    path: '/api/roadshows/{id}/participants',
    tag: 'roadshows',
    auth: 'operator',
    summary: '候选企业与邀请基金 / The candidate pool (or let the platform propose it) and the invited funds',
    params: { id: 'roadshow id' },
    body: ParticipantsSchema,
    responses: {
      200: { description: 'the roadshow', schema: RoadshowRecordSchema },
      400: { description: 'a request that is not a consenting equity request of your region' },
      422: { description: 'a fund that does not invest in your region' },
    },
  });
  app.put('/api/roadshows/:id/participants', async (c) => {
    const body = await jsonBody(c, ParticipantsSchema);
    return c.json(await setParticipants(c.get('deps'), c.get('principal'), c.req.param('id'), body));
  });

  document({
    method: 'post',
    path: '/api/roadshows/{id}/plan',
    tag: 'roadshows',
    auth: 'operator',
    summary:
      '排程（可带固定安排重新排程） / Plan, or re-plan around pins; the plan and its quality report are kept for preview',
    params: { id: 'roadshow id' },
    body: PlanBodySchema,
    responses: { 200: { description: 'the roadshow with its plan', schema: RoadshowRecordSchema } },
  });
  app.post('/api/roadshows/:id/plan', async (c) => {
    const body = await jsonBody(c, PlanBodySchema);
    return c.json(await planRoadshowFor(c.get('deps'), c.get('principal'), c.req.param('id'), body.pins));
  });

  document({
    method: 'post',
    path: '/api/roadshows/{id}/publish',
    tag: 'roadshows',
    auth: 'operator',
    summary: '发布（发出邀请） / Publish: slots and seats are laid out, RoadshowScheduled is written',
    params: { id: 'roadshow id' },
    responses: { 200: { description: 'the published roadshow', schema: RoadshowRecordSchema } },
  });
  app.post('/api/roadshows/:id/publish', async (c) =>
    c.json(await publishRoadshow(c.get('deps'), c.get('principal'), c.req.param('id'))),
  );

  document({
    method: 'post',
    path: '/api/roadshows/{id}/cancel',
    tag: 'roadshows',
    auth: 'operator',
    summary: '取消路演 / Cancel a roadshow (attendees get METHOD:CANCEL calendar files)',
    params: { id: 'roadshow id' },
    responses: { 200: { description: 'the cancelled roadshow', schema: RoadshowRecordSchema } },
  });
  app.post('/api/roadshows/:id/cancel', async (c) =>
    c.json(await cancelRoadshow(c.get('deps'), c.get('principal'), c.req.param('id'))),
  );

  document({
    method: 'post',
    path: '/api/roadshows/{id}/slots/{sessionId}/{slot}/rsvp',
    tag: 'roadshows',
    auth: 'firm',
    summary:
      '企业答复路演时段；谢绝后由候补名单补位 / A firm answers for its slot; a decline refills it from the waitlist',
    params: { id: 'roadshow id', sessionId: 'session id (s1, s2, …)', slot: 'slot index, from 0' },
    body: RsvpSchema,
    responses: {
      200: { description: 'the slot after the answer', schema: SlotViewSchema },
      404: { description: 'not your slot' },
      409: { description: 'the slot changed at the same time' },
    },
  });
  app.post('/api/roadshows/:id/slots/:sessionId/:slot/rsvp', async (c) => {
    const principal = requireRole(c.get('principal'), 'firm');
    const slot = parseOrThrow(SlotParamSchema, c.req.param('slot'), ['params', 'slot']);
    const { answer } = await jsonBody(c, RsvpSchema);
    const after = await rsvpSlot(
      c.get('deps'),
      principal,
      c.req.param('id'),
      c.req.param('sessionId'),
      slot,
      answer,
    );
    // A decline hands the slot on: the decliner sees it as declined, never who took it.
    return c.json(
      after.uscc === principal.uscc
        ? slotView(after)
        : { ...slotView(after), requestId: null, status: 'declined' },
    );
  });

  document({
    method: 'post',
    path: '/api/roadshows/{id}/seats/{sessionId}/{fundId}/rsvp',
    tag: 'roadshows',
    auth: 'officer',
    summary: '基金答复席位 / A fund answers for its seat',
    params: { id: 'roadshow id', sessionId: 'session id', fundId: 'fund id' },
    body: RsvpSchema,
    responses: {
      200: { description: 'the seat', schema: SeatRecordSchema },
      404: { description: 'not your seat' },
    },
  });
  app.post('/api/roadshows/:id/seats/:sessionId/:fundId/rsvp', async (c) => {
    const { answer } = await jsonBody(c, RsvpSchema);
    const { id, sessionId, fundId } = c.req.param();
    return c.json(await rsvpSeat(c.get('deps'), c.get('principal'), id, sessionId, fundId, answer));
  });

  document({
    method: 'get',
    path: '/api/roadshows/{id}/calendar.ics',
    tag: 'roadshows',
    auth: 'signed_in',
    summary: '日历文件（Asia/Shanghai） / The calendar file of your slot or seats (Asia/Shanghai times)',
    params: { id: 'roadshow id' },
    responses: { 200: { description: 'text/calendar' } },
  });
  app.get('/api/roadshows/:id/calendar.ics', async (c) => {
    const ics = await roadshowCalendar(c.get('deps'), c.get('principal'), c.req.param('id'));
    return c.body(ics, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="roadshow-${c.req.param('id')}.ics"`,
    });
  });

  document({
    method: 'post',
    path: '/api/roadshows/{id}/funds/{fundId}/intents',
    tag: 'roadshows',
    auth: 'officer',
    summary:
      '路演后意向卡：感兴趣（生成股权线索）/ 不感兴趣 / After the event, a fund’s intent card on one firm',
    params: { id: 'roadshow id', fundId: 'your fund that sat in the session' },
    body: IntentCardInputSchema,
    responses: {
      201: { description: 'the card', schema: IntentCardSchema },
      409: { description: 'already filed' },
      422: { description: 'the firm did not pitch to this fund, or the pitch is not over' },
    },
  });
  app.post('/api/roadshows/:id/funds/:fundId/intents', async (c) => {
    const body = await jsonBody(c, IntentCardInputSchema);
    const card = await fileIntentCard(
      c.get('deps'),
      c.get('principal'),
      c.req.param('id'),
      c.req.param('fundId'),
      body,
    );
    return c.json(card, 201);
  });

  return app;
}
