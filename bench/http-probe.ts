import { FirmSchema } from '#domain/firm.ts';
import { FundingRequestSchema } from '#domain/funding-request.ts';
import { DEMO_FIRMS } from '#local/demo-data.ts';

/** The request both servers of the HTTP bench answer: the Xiamen demo little giant asking CNY 200M for R&D. */
export const PROBE_BODY = {
  firm: DEMO_FIRMS[0]!,
  request: { amountYuan: 200_000_000, purpose: 'rnd', termMonths: 12 },
  asOf: '2025-06-30',
} as const;

export const PROBE = {
  firm: FirmSchema.parse(PROBE_BODY.firm),
  request: FundingRequestSchema.parse(PROBE_BODY.request),
  asOf: PROBE_BODY.asOf,
};
