/**
 * Every key of every entity is built here and nowhere else. docs/data-model.md lists
 * the access patterns these keys serve.
 */
export const keys = {
  firm: (uscc: string) => ({ PK: `FIRM#${uscc}`, SK: 'PROFILE' }),
  /** GSI1: firms by region, for operators ("all firms in Xiamen", prefix on the sort key). */
  firmByRegion: (regionCode: string, uscc: string) => ({ GSI1PK: 'FIRMS', GSI1SK: `${regionCode}#${uscc}` }),

  /** The firm's service specialist (服务专员), beside its profile. */
  firmSpecialist: (uscc: string) => ({ PK: `FIRM#${uscc}`, SK: 'SPECIALIST' }),

  institution: (id: string) => ({ PK: `INST#${id}`, SK: 'PROFILE' }),
  /** GSI1: all institutions, ordered by type then id. */
  institutionListing: (type: string, id: string) => ({ GSI1PK: 'INSTITUTIONS', GSI1SK: `${type}#${id}` }),

  product: (id: string) => ({ PK: `PRODUCT#${id}`, SK: 'PROFILE' }),
  /** GSI1: the catalog, ordered by id. GSI2: one institution's products. */
  productListing: (id: string) => ({ GSI1PK: 'PRODUCTS', GSI1SK: id }),
  productByInstitution: (institutionId: string, id: string) => ({
    GSI2PK: `INST#${institutionId}#PRODUCTS`,
    GSI2SK: id,
  }),

  user: (userId: string) => ({ PK: `USER#${userId}`, SK: 'PROFILE' }),

  request: (requestId: string) => ({ PK: `REQUEST#${requestId}`, SK: 'REQUEST' }),
  requestMatches: (requestId: string) => ({ PK: `REQUEST#${requestId}`, SK: 'MATCHES' }),
  /** GSI1: a firm's requests by time. GSI2: requests of a province, for operators. */
  requestByFirm: (uscc: string, createdAt: string, requestId: string) => ({
    GSI1PK: `FIRM#${uscc}#REQUESTS`,
    GSI1SK: `${createdAt}#${requestId}`,
  }),
  requestByRegion: (regionCode: string, createdAt: string, requestId: string) => ({
    GSI2PK: `REQUESTS#${provinceOf(regionCode)}`,
    GSI2SK: `${createdAt}#${requestId}`,
  }),

  lead: (leadId: string) => ({ PK: `LEAD#${leadId}`, SK: 'LEAD' }),
  leadAudit: (leadId: string, at: string, seq: number) => ({
    PK: `LEAD#${leadId}`,
    SK: `AUDIT#${at}#${String(seq).padStart(4, '0')}`,
  }),
  /**
   * One message of a lead's question/answer thread, beside the lead: the thread is one Query
   * of the lead's partition, and the lead item stays small however long the thread grows.
   */
  leadMessage: (leadId: string, at: string, seq: number) => ({
    PK: `LEAD#${leadId}`,
    SK: `MSG#${at}#${String(seq).padStart(6, '0')}`,
  }),
  /** One consent row per (request, institution): the firm allowed this institution to see it. */
  consent: (requestId: string, institutionId: string) => ({
    PK: `REQUEST#${requestId}`,
    SK: `CONSENT#${institutionId}`,
  }),
  /** GSI1: an institution's leads by time. GSI3: leads of a province, for operators. */
  leadByInstitution: (institutionId: string, createdAt: string, leadId: string) => ({
    GSI1PK: `INST#${institutionId}#LEADS`,
    GSI1SK: `${createdAt}#${leadId}`,
  }),
  leadByRegion: (regionCode: string, createdAt: string, leadId: string) => ({
    GSI3PK: `LEADS#${provinceOf(regionCode)}`,
    GSI3SK: `${createdAt}#${leadId}`,
  }),

  /** A firm's USCC division code disagrees with its claimed region: flagged for the operator. */
  firmRegionFlag: (uscc: string) => ({ PK: `FIRM#${uscc}`, SK: 'FLAG#REGION' }),
  /** GSI2: open flags of a province, for operators. */
  firmFlagByRegion: (regionCode: string, uscc: string) => ({
    GSI2PK: `FIRMFLAGS#${provinceOf(regionCode)}`,
    GSI2SK: `${regionCode}#${uscc}`,
  }),
  /** Who claimed the firm: the account bound to its USCC (first user; operators reassign). */
  firmClaim: (uscc: string) => ({ PK: `FIRM#${uscc}`, SK: 'CLAIM' }),

  /** A certified list (认定名单): its meta, active version and import progress. */
  certifiedList: (listId: string) => ({ PK: `CERTLIST#${listId}`, SK: 'META' }),
  /** GSI1: lists by the issuing authority's area, then date ("Fujian's provincial lists"). */
  certifiedListByRegion: (authorityRegion: string, listedOn: string, listId: string) => ({
    GSI1PK: 'CERTLISTS',
    GSI1SK: `${authorityRegion}#${listedOn}#${listId}`,
  }),
  /** One row per (firm, list) beside the firm's profile: "which lists name this firm" is one query. */
  certifiedListEntry: (uscc: string, listId: string) => ({ PK: `FIRM#${uscc}`, SK: `CERTLIST#${listId}` }),
  /** Funds (子基金) and their investment preferences. GSI1: a manager's funds. GSI2: all funds. */
  fund: (fundId: string) => ({ PK: `FUND#${fundId}`, SK: 'PROFILE' }),
  fundByInstitution: (institutionId: string, fundId: string) => ({
    GSI1PK: `INST#${institutionId}#FUNDS`,
    GSI1SK: fundId,
  }),
  fundListing: (fundId: string) => ({ GSI2PK: 'FUNDS', GSI2SK: fundId }),
  /** A firm's consent to push one equity request to funds, beside the request. GSI1: the equity pool of a province. */
  poolEntry: (requestId: string) => ({ PK: `REQUEST#${requestId}`, SK: 'PUSH_CONSENT' }),
  poolByRegion: (regionCode: string, postedOn: string, requestId: string) => ({
    GSI1PK: `EQUITY_POOL#${provinceOf(regionCode)}`,
    GSI1SK: `${postedOn}#${requestId}`,
  }),
  /** Batches live under their fund, numbered; a batch's key is its number, so two cannot take one. */
  batch: (fundId: string, number: number) => ({
    PK: `FUND#${fundId}`,
    SK: `BATCH#${String(number).padStart(4, '0')}`,
  }),
  batchByInstitution: (institutionId: string, createdAt: string, batchId: string) => ({
    GSI1PK: `INST#${institutionId}#BATCHES`,
    GSI1SK: `${createdAt}#${batchId}`,
  }),
  batchByRegion: (regionPrefix: string, createdAt: string, batchId: string) => ({
    GSI2PK: `BATCHES#${provinceOf(regionPrefix)}`,
    GSI2SK: `${createdAt}#${batchId}`,
  }),
  /** Marks a request as pushed to a fund: a request reaches a fund once. */
  pushed: (fundId: string, requestId: string) => ({ PK: `FUND#${fundId}`, SK: `PUSHED#${requestId}` }),

  equityLead: (leadId: string) => ({ PK: `EQUITY_LEAD#${leadId}`, SK: 'LEAD' }),
  equityLeadByInstitution: (institutionId: string, createdAt: string, leadId: string) => ({
    GSI1PK: `INST#${institutionId}#EQUITY_LEADS`,
    GSI1SK: `${createdAt}#${leadId}`,
  }),
  equityLeadByFirm: (uscc: string, createdAt: string, leadId: string) => ({
    GSI2PK: `FIRM#${uscc}#EQUITY_LEADS`,
    GSI2SK: `${createdAt}#${leadId}`,
  }),
  equityLeadByRegion: (regionCode: string, createdAt: string, leadId: string) => ({
    GSI3PK: `EQUITY_LEADS#${provinceOf(regionCode)}`,
    GSI3SK: `${createdAt}#${leadId}`,
  }),

  /** Roadshows. GSI1: published ones by start (the public list). GSI2: a province's, for operators. */
  roadshow: (roadshowId: string) => ({ PK: `ROADSHOW#${roadshowId}`, SK: 'ROADSHOW' }),
  roadshowListing: (startsAt: string, roadshowId: string) => ({
    GSI1PK: 'ROADSHOWS',
    GSI1SK: `${startsAt}#${roadshowId}`,
  }),
  roadshowByRegion: (regionPrefix: string, createdAt: string, roadshowId: string) => ({
    GSI2PK: `ROADSHOWS#${provinceOf(regionPrefix)}`,
    GSI2SK: `${createdAt}#${roadshowId}`,
  }),
  /** A pitch slot of a published roadshow. GSI1: the slots a firm holds. */
  roadshowSlot: (roadshowId: string, sessionId: string, slot: number) => ({
    PK: `ROADSHOW#${roadshowId}`,
    SK: `SLOT#${sessionId}#${String(slot).padStart(2, '0')}`,
  }),
  slotByFirm: (uscc: string, startsAt: string, roadshowId: string) => ({
    GSI1PK: `FIRM#${uscc}#ROADSHOW_SLOTS`,
    GSI1SK: `${startsAt}#${roadshowId}`,
  }),
  /** A request placed in a roadshow: at most one slot per request. */
  roadshowPlaced: (roadshowId: string, requestId: string) => ({
    PK: `ROADSHOW#${roadshowId}`,
    SK: `PLACED#${requestId}`,
  }),
  /** A fund's seat in a session. GSI1: an institution's seats. */
  roadshowSeat: (roadshowId: string, sessionId: string, fundId: string) => ({
    PK: `ROADSHOW#${roadshowId}`,
    SK: `SEAT#${sessionId}#${fundId}`,
  }),
  seatByInstitution: (institutionId: string, startsAt: string, roadshowId: string, sessionId: string) => ({
    GSI1PK: `INST#${institutionId}#ROADSHOW_SEATS`,
    GSI1SK: `${startsAt}#${roadshowId}#${sessionId}`,
  }),
  /** A fund's intent card on one firm after the event: one per (fund, request). */
  intentCard: (roadshowId: string, fundId: string, requestId: string) => ({
    PK: `ROADSHOW#${roadshowId}`,
    SK: `INTENT#${fundId}#${requestId}`,
  }),

  /** Transactional outbox: one row per domain event, written in the same transaction as the change. */
  event: (eventId: string) => ({ PK: `EVENT#${eventId}`, SK: 'EVENT' }),
  idempotency: (scope: string, key: string) => ({ PK: `IDEMPOTENCY#${scope}#${key}`, SK: 'IDEMPOTENCY' }),

  // ── Event backbone (docs/events.md) ──
  /** A consumer handled an event: written in the same transaction as the consumer's effect. */
  processed: (consumer: string, eventId: string) => ({
    PK: `PROCESSED#${consumer}#${eventId}`,
    SK: 'PROCESSED',
  }),
  /** An event a consumer could not handle (malformed, or failed every retry), with the reason. */
  deadLetter: (consumer: string, eventId: string) => ({ PK: `DEADLETTER#${consumer}`, SK: eventId }),
  /** The local relay's position in one stream shard. */
  relayCheckpoint: (shardId: string) => ({ PK: 'RELAY#local', SK: `SHARD#${shardId}` }),
  /** A timer; GSI1 holds the pending ones by due time (sparse: a fired timer leaves the index). */
  timer: (timerId: string) => ({ PK: `TIMER#${timerId}`, SK: 'TIMER' }),
  timerDue: (dueAt: string, timerId: string) => ({ GSI1PK: 'TIMERS', GSI1SK: `${dueAt}#${timerId}` }),
  /** An in-app notification in an inbox (a firm, an institution, a user, a region's operators). */
  notification: (inbox: string, at: string, id: string) => ({ PK: `INBOX#${inbox}`, SK: `N#${at}#${id}` }),
  /** GSI2, sparse: an inbox's unread notifications (the header's count); removed when read. */
  notificationUnread: (inbox: string, at: string, id: string) => ({
    GSI2PK: `INBOX#${inbox}#UNREAD`,
    GSI2SK: `${at}#${id}`,
  }),
  /** A missed-deadline escalation, beside its lead; GSI3 lists a province's escalations for operators. */
  escalation: (leadId: string, level: number) => ({ PK: `LEAD#${leadId}`, SK: `ESCALATION#${level}` }),
  escalationByRegion: (regionCode: string, at: string, leadId: string) => ({
    GSI3PK: `ESCALATIONS#${provinceOf(regionCode)}`,
    GSI3SK: `${at}#${leadId}`,
  }),
  /** The default service specialist of a region (GB/T 2260 prefix), for firms without their own. */
  regionSpecialist: (regionPrefix: string) => ({ PK: `REGION#${regionPrefix}`, SK: 'SPECIALIST' }),
  /** An institution's webhook registration (URL + secret). */
  webhook: (institutionId: string) => ({ PK: `INST#${institutionId}`, SK: 'WEBHOOK' }),
  /** One delivery of one event to an institution's webhook, with its attempts (the institution's log). */
  webhookDelivery: (institutionId: string, at: string, eventId: string) => ({
    PK: `INST#${institutionId}`,
    SK: `DELIVERY#${at}#${eventId}`,
  }),
  /** An open request normalised for re-matching; GSI1 partitions them by province. */
  openRequest: (requestId: string) => ({ PK: `REQUEST#${requestId}`, SK: 'OPEN' }),
  openRequestByProvince: (regionCode: string, requestId: string) => ({
    GSI1PK: `OPEN_REQUESTS#${provinceOf(regionCode)}`,
    GSI1SK: requestId,
  }),
  /** A signed-out token (by its jti), kept until the token would have expired anyway (TTL). */
  revokedSession: (jti: string) => ({ PK: `SESSION#${jti}`, SK: 'REVOKED' }),
  /** Sign-in failures of one e-mail address (by its hash, known account or not). */
  signInThrottle: (emailHash: string) => ({ PK: `SIGNIN#${emailHash}`, SK: 'THROTTLE' }),
} as const;

/** Prefix of PK/SK when listing a partition's rows of one kind. */
export const SK_PREFIX = {
  leadAudit: 'AUDIT#',
  leadMessage: 'MSG#',
  consent: 'CONSENT#',
  escalation: 'ESCALATION#',
  notification: 'N#',
  webhookDelivery: 'DELIVERY#',
  certifiedListEntry: 'CERTLIST#',
  batch: 'BATCH#',
  pushed: 'PUSHED#',
  slot: 'SLOT#',
  placed: 'PLACED#',
  seat: 'SEAT#',
  intent: 'INTENT#',
} as const;

/**
 * Operators' lists are partitioned by province (first 2 digits of GB/T 2260) and filtered
 * to the operator's own prefix: a province is small enough for one partition per day of
 * traffic, and Chongqing (a municipality) is a "province" here too.
 */
export function provinceOf(regionCode: string): string {
  return regionCode.slice(0, 2);
}
