import * as z from 'zod';
import { AnonymousProfileSchema, anonymousProfile } from '#domain/anonymous-profile.ts';
import { shanghaiDate } from '#domain/dates.ts';
import { lazySchema } from '#domain/lazy-schema.ts';
import { ApprovalSchema, DeclineSchema, DisbursementSchema, LeadStatusSchema } from '#domain/lead.ts';
import {
  LeadMessageSchema,
  LeadProfileSchema,
  type LeadRecord,
  NextBestSchema,
  type RequestRecord,
  RequestRecordSchema,
} from '#domain/request.ts';

/**
 * Mappers from stored records to what leaves the API: a whitelist per audience.
 * Leads carry firm data, so the institution's view is built field by field: the firm's
 * profile only ever generalised (`anonymousProfile`: bands, city, industry division), and
 * its identity only after the firm revealed itself to that institution.
 */
export const OfficerLeadViewSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    institutionId: z.string(),
    productIds: z.array(z.string()),
    status: LeadStatusSchema,
    /** Optimistic-concurrency token: send it back as If-Match when moving the lead. */
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    respondBy: z.string(),
    profile: AnonymousProfileSchema,
    firm: z.object({ uscc: z.string(), name: z.string() }).nullable(),
    approval: ApprovalSchema.optional(),
    decline: DeclineSchema.optional(),
    disbursement: DisbursementSchema.optional(),
    /** The question/answer thread, oldest first (lists leave it out: `withoutThread`). */
    messages: z.array(LeadMessageSchema),
  }),
);
export type OfficerLeadView = z.infer<typeof OfficerLeadViewSchema>;

export function officerLeadView(lead: LeadRecord): OfficerLeadView {
  return {
    id: lead.id,
    institutionId: lead.institutionId,
    productIds: lead.productIds,
    status: lead.status,
    version: lead.version,
    createdAt: lead.createdAt,
    updatedAt: lead.updatedAt,
    respondBy: lead.respondBy,
    profile: anonymousProfile(lead.profile, shanghaiDate(new Date(lead.createdAt))),
    firm: lead.revealedAt ? { uscc: lead.uscc, name: lead.firmName } : null,
    approval: lead.approval,
    decline: lead.decline,
    disbursement: lead.disbursement,
    messages: lead.messages,
  };
}

/** The firm (and its operators) see their own leads whole, plus which institution holds them. */
export const FirmLeadViewSchema = lazySchema(() =>
  OfficerLeadViewSchema.extend({
    /** The lead's profile as recorded; what the institution sees of it is `anonymousProfile` of it. */
    profile: LeadProfileSchema,
    requestId: z.string(),
    revealedAt: z.string().optional(),
    /** After a decline: the best matches not yet sent, so the firm has somewhere to go next. */
    nextBest: z.array(NextBestSchema).optional(),
  }),
);
export type FirmLeadView = z.infer<typeof FirmLeadViewSchema>;

/** A lead in a list: without its thread (read the lead for that). */
export function withoutThread<V extends { messages?: unknown }>({
  messages: _m,
  ...rest
}: V): Omit<V, 'messages'> {
  return rest;
}

export function firmLeadView(lead: LeadRecord, nextBest?: FirmLeadView['nextBest']): FirmLeadView {
  return {
    ...officerLeadView(lead),
    profile: lead.profile,
    firm: { uscc: lead.uscc, name: lead.firmName },
    requestId: lead.requestId,
    revealedAt: lead.revealedAt,
    ...(nextBest ? { nextBest } : {}),
  };
}

export const RequestViewSchema = lazySchema(() => RequestRecordSchema);
export function requestView(record: RequestRecord): RequestRecord {
  return RequestRecordSchema.parse(record);
}
