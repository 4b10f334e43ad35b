import { createRoute } from '@hono/zod-openapi';
import * as z from 'zod';
import { lazySchema } from '#domain/lazy-schema.ts';
import { requireRole } from '#domain/principal.ts';
import {
  IntentCardInputSchema,
  IntentCardSchema,
  PinsSchema,
  RoadshowDraftSchema,
  RoadshowRecordSchema,
  RsvpSchema,
  SeatRecordSchema,
  SlotRecordSchema,
  VenueSchema,
} from '#domain/roadshow/roadshow.ts';
import {
  cancelRoadshow,
  changeRoadshowVenue,
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
import { PublicRoadshowSchema, publicRoadshow, SlotViewSchema, slotView } from '../equity-views.ts';
import { access, apiRouter, json, jsonBody } from '../openapi.ts';

const ParticipantsSchema = lazySchema(() =>
  z
    .object({
      /** Omitted: the platform proposes the region's consenting equity requests on the roadshow's chain. */
      requestIds: z.array(z.string().min(1).max(200)).max(5000).optional(),
      fundIds: z.array(z.string().min(1).max(80)).min(1).max(500),
    })
    .strict(),
);
const PlanBodySchema = lazySchema(() => z.object({ pins: PinsSchema.optional() }).strict());
const IdParam = lazySchema(() => z.object({ id: z.string().min(1).max(200).describe('roadshow id') }));
const RoadshowDetailSchema = lazySchema(() =>
  z.object({
    roadshow: RoadshowRecordSchema,
    slots: z.array(SlotRecordSchema),
    seats: z.array(SeatRecordSchema),
    intents: z.array(IntentCardSchema),
  }),
);

export const upcomingRoadshowsRoute = createRoute({
  method: 'get',
  path: '/api/roadshows/upcoming',
  operationId: 'upcomingRoadshows',
  tags: ['roadshows'],
  summary: '即将举行的路演（公开） / Upcoming roadshows (public)',
  ...access('public'),
  responses: { 200: json(z.object({ items: z.array(PublicRoadshowSchema) }), 'by start time') },
});

export const myRoadshowsRoute = createRoute({
  method: 'get',
  path: '/api/roadshows/mine',
  operationId: 'myRoadshows',
  tags: ['roadshows'],
  summary:
    '我的路演（企业：路演时段；基金：席位） / My roadshows (a firm: its slots; a fund officer: its seats)',
  ...access(['firm', 'officer']),
  responses: {
    200: json(
      z.object({ slots: z.array(SlotViewSchema), seats: z.array(SeatRecordSchema) }),
      'slots and seats',
    ),
  },
});

export const createRoadshowRoute = createRoute({
  method: 'post',
  path: '/api/roadshows',
  operationId: 'createRoadshow',
  tags: ['roadshows'],
  summary: '创建路演 / Create a roadshow',
  ...access(['operator']),
  request: { body: jsonBody(RoadshowDraftSchema) },
  responses: {
    201: json(RoadshowRecordSchema, 'the draft'),
    400: {
      description:
        'a session in the past, overlapping sessions, a slot under 5 minutes, capacity 0, a region outside yours…',
    },
  },
});

export const listRoadshowsRoute = createRoute({
  method: 'get',
  path: '/api/roadshows',
  operationId: 'listRoadshows',
  tags: ['roadshows'],
  summary: '本地区的路演 / Your region’s roadshows',
  ...access(['operator']),
  responses: { 200: json(z.object({ items: z.array(RoadshowRecordSchema) }), 'newest first') },
});

export const readRoadshowRoute = createRoute({
  method: 'get',
  path: '/api/roadshows/{id}',
  operationId: 'readRoadshow',
  tags: ['roadshows'],
  summary: '路演详情：排程预览、出席、意向卡 / A roadshow: plan preview, attendance, intent cards',
  ...access(['operator']),
  request: { params: IdParam },
  responses: { 200: json(RoadshowDetailSchema, 'the roadshow with its slots, seats and intent cards') },
});

export const participantsRoute = createRoute({
  method: 'put',
  path: '/api/roadshows/{id}/participants',
  operationId: 'setRoadshowParticipants',
  tags: ['roadshows'],
  summary: '候选企业与邀请基金 / The candidate pool (or let the platform propose it) and the invited funds',
  ...access(['operator']),
  request: { params: IdParam, body: jsonBody(ParticipantsSchema) },
  responses: {
    200: json(RoadshowRecordSchema, 'the roadshow'),
    400: { description: 'a request that is not a consenting equity request of your region' },
    422: { description: 'a fund that does not invest in your region' },
  },
});

export const planRoute = createRoute({
  method: 'post',
  path: '/api/roadshows/{id}/plan',
  operationId: 'planRoadshow',
  tags: ['roadshows'],
  summary:
    '排程（可带固定安排重新排程） / Plan, or re-plan around pins; the plan and its quality report are kept for preview',
  ...access(['operator']),
  request: { params: IdParam, body: jsonBody(PlanBodySchema) },
  responses: { 200: json(RoadshowRecordSchema, 'the roadshow with its plan') },
});

export const publishRoute = createRoute({
  method: 'post',
  path: '/api/roadshows/{id}/publish',
  operationId: 'publishRoadshow',
  tags: ['roadshows'],
  summary: '发布（发出邀请） / Publish: slots and seats are laid out, RoadshowScheduled is written',
  ...access(['operator']),
  request: { params: IdParam },
  responses: { 200: json(RoadshowRecordSchema, 'the published roadshow') },
});

export const cancelRoute = createRoute({
  method: 'post',
  path: '/api/roadshows/{id}/cancel',
  operationId: 'cancelRoadshow',
  tags: ['roadshows'],
  summary: '取消路演 / Cancel a roadshow (attendees get METHOD:CANCEL calendar files)',
  ...access(['operator']),
  request: { params: IdParam },
  responses: { 200: json(RoadshowRecordSchema, 'the cancelled roadshow') },
});

export const changeVenueRoute = createRoute({
  method: 'post',
  path: '/api/roadshows/{id}/venue',
  operationId: 'changeRoadshowVenue',
  tags: ['roadshows'],
  summary:
    '更改已发布路演的会场（参会方收到更新的日历文件） / Move a published roadshow to another venue (attendees get updated calendar files)',
  ...access(['operator']),
  request: { params: IdParam, body: jsonBody(z.object({ venue: VenueSchema }).strict()) },
  responses: { 200: json(RoadshowRecordSchema, 'the roadshow at its new venue, one revision higher') },
});

export const rsvpSlotRoute = createRoute({
  method: 'post',
  path: '/api/roadshows/{id}/slots/{sessionId}/{slot}/rsvp',
  operationId: 'rsvpSlot',
  tags: ['roadshows'],
  summary:
    '企业答复路演时段；谢绝后由候补名单补位 / A firm answers for its slot; a decline refills it from the waitlist',
  ...access(['firm']),
  request: {
    params: z.object({
      id: z.string().min(1).max(200),
      sessionId: z.string().min(1).max(20),
      slot: z.coerce.number().int().min(0).max(99),
    }),
    body: jsonBody(RsvpSchema),
  },
  responses: {
    200: json(SlotViewSchema, 'the slot after the answer'),
    404: { description: 'not your slot' },
    409: { description: 'the slot changed at the same time' },
  },
});

export const rsvpSeatRoute = createRoute({
  method: 'post',
  path: '/api/roadshows/{id}/seats/{sessionId}/{fundId}/rsvp',
  operationId: 'rsvpSeat',
  tags: ['roadshows'],
  summary: '基金答复席位 / A fund answers for its seat',
  ...access(['officer']),
  request: {
    params: z.object({
      id: z.string().min(1).max(200),
      sessionId: z.string().min(1).max(20),
      fundId: z.string().min(1).max(80),
    }),
    body: jsonBody(RsvpSchema),
  },
  responses: { 200: json(SeatRecordSchema, 'the seat'), 404: { description: 'not your seat' } },
});

export const calendarRoute = createRoute({
  method: 'get',
  path: '/api/roadshows/{id}/calendar.ics',
  operationId: 'roadshowCalendar',
  tags: ['roadshows'],
  summary: '日历文件（Asia/Shanghai） / The calendar file of your slot or seats (Asia/Shanghai times)',
  ...access(['firm', 'officer']),
  request: { params: IdParam },
  responses: { 200: { description: 'text/calendar', content: { 'text/calendar': { schema: z.string() } } } },
});

export const intentCardRoute = createRoute({
  method: 'post',
  path: '/api/roadshows/{id}/funds/{fundId}/intents',
  operationId: 'fileIntentCard',
  tags: ['roadshows'],
  summary:
    '路演后意向卡：感兴趣（生成股权线索）/ 不感兴趣 / After the event, a fund’s intent card on one firm',
  ...access(['officer']),
  request: {
    params: z.object({ id: z.string().min(1).max(200), fundId: z.string().min(1).max(80) }),
    body: jsonBody(IntentCardInputSchema),
  },
  responses: {
    201: json(IntentCardSchema, 'the card'),
    409: { description: 'already filed' },
    422: { description: 'the firm did not pitch to this fund, or the pitch is not over' },
  },
});

/** Roadshows: operators create, pool, plan, pin, publish; firms and funds answer; funds file intent cards. */
export function roadshowRoutes() {
  const app = apiRouter();
  app.openapi(upcomingRoadshowsRoute, async (c) =>
    c.json({ items: (await upcomingRoadshows(c.get('deps'))).map(publicRoadshow) }, 200),
  );
  app.openapi(myRoadshowsRoute, async (c) => {
    const { slots, seats } = await myRoadshows(c.get('deps'), c.get('principal'));
    return c.json({ slots: slots.map(slotView), seats }, 200);
  });
  app.openapi(createRoadshowRoute, async (c) =>
    c.json(await createRoadshow(c.get('deps'), c.get('principal'), c.req.valid('json')), 201),
  );
  app.openapi(listRoadshowsRoute, async (c) =>
    c.json({ items: await listRoadshows(c.get('deps'), c.get('principal')) }, 200),
  );
  app.openapi(readRoadshowRoute, async (c) =>
    c.json(await readRoadshow(c.get('deps'), c.get('principal'), c.req.valid('param').id), 200),
  );
  app.openapi(participantsRoute, async (c) =>
    c.json(
      await setParticipants(c.get('deps'), c.get('principal'), c.req.valid('param').id, c.req.valid('json')),
      200,
    ),
  );
  app.openapi(planRoute, async (c) =>
    c.json(
      await planRoadshowFor(
        c.get('deps'),
        c.get('principal'),
        c.req.valid('param').id,
        c.req.valid('json').pins,
      ),
      200,
    ),
  );
  app.openapi(publishRoute, async (c) =>
    c.json(await publishRoadshow(c.get('deps'), c.get('principal'), c.req.valid('param').id), 200),
  );
  app.openapi(cancelRoute, async (c) =>
    c.json(await cancelRoadshow(c.get('deps'), c.get('principal'), c.req.valid('param').id), 200),
  );
  app.openapi(changeVenueRoute, async (c) =>
    c.json(
      await changeRoadshowVenue(
        c.get('deps'),
        c.get('principal'),
        c.req.valid('param').id,
        c.req.valid('json').venue,
      ),
      200,
    ),
  );
  app.openapi(rsvpSlotRoute, async (c) => {
    const principal = requireRole(c.get('principal'), 'firm');
    const { id, sessionId, slot } = c.req.valid('param');
    const after = await rsvpSlot(c.get('deps'), principal, id, sessionId, slot, c.req.valid('json').answer);
    // A decline hands the slot on: the decliner sees it declined, never who took it.
    const view = slotView(after);
    return c.json(
      after.uscc === principal.uscc ? view : { ...view, requestId: null, status: 'declined' as const },
      200,
    );
  });
  app.openapi(rsvpSeatRoute, async (c) => {
    const { id, sessionId, fundId } = c.req.valid('param');
    return c.json(
      await rsvpSeat(c.get('deps'), c.get('principal'), id, sessionId, fundId, c.req.valid('json').answer),
      200,
    );
  });
  app.openapi(calendarRoute, async (c) => {
    const { id } = c.req.valid('param');
    const ics = await roadshowCalendar(c.get('deps'), c.get('principal'), id);
    return c.body(ics, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'content-disposition': `attachment; filename="roadshow-${id}.ics"`,
    });
  });
  app.openapi(intentCardRoute, async (c) => {
    const { id, fundId } = c.req.valid('param');
    return c.json(
      await fileIntentCard(c.get('deps'), c.get('principal'), id, fundId, c.req.valid('json')),
      201,
    );
  });
  return app;
}

export const ROADSHOW_OPERATIONS = [
  upcomingRoadshowsRoute,
  myRoadshowsRoute,
  createRoadshowRoute,
  listRoadshowsRoute,
  readRoadshowRoute,
  participantsRoute,
  planRoute,
  publishRoute,
  cancelRoute,
  changeVenueRoute,
  rsvpSlotRoute,
  rsvpSeatRoute,
  calendarRoute,
  intentCardRoute,
] as const;
