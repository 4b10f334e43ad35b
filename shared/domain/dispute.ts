import * as z from 'zod';
import type { StatedCertification } from './certificate-state.ts';
import type { CertificateState } from './firm.ts';
import { lazySchema } from './lazy-schema.ts';
import { freeTextSchema, type IsoDate, IsoDateSchema } from './text.ts';
import {
  DESIGNATIONS,
  type Designation,
  LabelSchema,
  LEVEL_NAMES,
  LevelSchema,
  TierSchema,
} from './tiers.ts';

/**
 * A firm disputes what the certified lists made of one of its certificates: verified at the
 * wrong level, contradicted by a list it says it is on, revoked or expired too early. The
 * operator of the firm's region hears it and rules: upheld (the operator checked the
 * certificate and confirms it, optionally with the right expiry date) or rejected (the
 * lists stand). A ruling never edits a list; it is applied over the reconciled states.
 */

/** States a firm may dispute: what a list decided. Self-declared has no list behind it. */
export const DISPUTABLE_STATES = [
  'verified',
  'contradicted',
  'revoked',
] as const satisfies readonly CertificateState[];

export const DISPUTE_STATUSES = ['open', 'upheld', 'rejected'] as const;
export const DisputeStatusSchema = lazySchema(() => z.enum(DISPUTE_STATUSES));
export type DisputeStatus = z.infer<typeof DisputeStatusSchema>;

export const DISPUTE_STATUS_NAMES: Record<DisputeStatus, { zh: string; en: string }> = {
  open: { zh: '待处理', en: 'open' },
  upheld: { zh: '异议成立', en: 'upheld' },
  rejected: { zh: '异议不成立', en: 'rejected' },
};

/** Which certificate: its tier or label, level and issue date (as the firm's certificate list shows them). */
export const CertificateRefSchema = lazySchema(() =>
  z
    .object({
      designation: z.union([TierSchema, LabelSchema]),
      level: LevelSchema,
      issuedOn: IsoDateSchema,
    })
    .strict(),
);
export type CertificateRef = z.infer<typeof CertificateRefSchema>;

export const DisputeInputSchema = lazySchema(() =>
  z
    .object({
      certificate: CertificateRefSchema,
      reason: freeTextSchema(10, 2000).describe(
        '异议理由（至少10个字）/ why the outcome is wrong (10 characters or more)',
      ),
    })
    .strict(),
);
export type DisputeInput = z.infer<typeof DisputeInputSchema>;

export const DisputeRulingSchema = lazySchema(() =>
  z
    .object({
      decision: z.enum(['upheld', 'rejected']),
      note: freeTextSchema(2, 2000).describe('处理意见 / the operator’s note to the firm'),
      /** Upheld only: the certificate's right expiry date, when the dispute was about its expiry. */
      expiresOn: IsoDateSchema.optional(),
    })
    .strict()
    .refine((r) => r.decision === 'upheld' || r.expiresOn === undefined, {
      message: '仅在异议成立时可更正有效期 / an expiry date is given only when the dispute is upheld',
      path: ['expiresOn'],
    }),
);
export type DisputeRuling = z.infer<typeof DisputeRulingSchema>;

export const DisputeSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    uscc: z.string(),
    regionCode: z.string(),
    certificate: CertificateRefSchema,
    /** The state the firm disputes, and the list behind it, as they were when it disputed. */
    outcome: z.enum(DISPUTABLE_STATES),
    listId: z.string().optional(),
    reason: z.string(),
    status: DisputeStatusSchema,
    raisedBy: z.string(),
    raisedAt: z.string(),
    ruling: z
      .object({
        decision: z.enum(['upheld', 'rejected']),
        note: z.string(),
        expiresOn: z.string().optional(),
        by: z.string(),
        at: z.string(),
      })
      .optional(),
  }),
);
export type Dispute = z.infer<typeof DisputeSchema>;

function designationOf(c: StatedCertification): Designation {
  return 'tier' in c ? c.tier : c.label;
}

export function refersTo(ref: CertificateRef, c: StatedCertification): boolean {
  return designationOf(c) === ref.designation && c.level === ref.level && c.issuedOn === ref.issuedOn;
}

/** The bilingual name of the certificate a dispute is about. */
export function certificateName(ref: CertificateRef): { zh: string; en: string } {
  const d = DESIGNATIONS[ref.designation].name;
  const l = LEVEL_NAMES[ref.level];
  return { zh: `${l.zh}${d.zh}（${ref.issuedOn}）`, en: `${d.en}, ${l.en} (${ref.issuedOn})` };
}

export type DisputeProblem = {
  code: 'no_such_certificate' | 'not_disputable' | 'already_open';
  zh: string;
  en: string;
};

/**
 * Whether the firm may dispute this certificate now: it must hold it (as reconciled), its
 * state must come from a list or an expiry, and no dispute about it may be open already.
 */
export function disputeProblem(
  stated: readonly StatedCertification[],
  ref: CertificateRef,
  open: readonly Dispute[],
): { problem: DisputeProblem } | { certificate: StatedCertification } {
  const certificate = stated.find((c) => refersTo(ref, c));
  const name = certificateName(ref);
  if (!certificate)
    return {
      problem: {
        code: 'no_such_certificate',
        zh: `没有证书：${name.zh}`,
        en: `no such certificate: ${name.en}`,
      },
    };
  if (!(DISPUTABLE_STATES as readonly string[]).includes(certificate.state))
    return {
      problem: {
        code: 'not_disputable',
        zh: `${name.zh}为企业自报，没有名单结论可提出异议`,
        en: `${name.en} is self-declared: no list outcome to dispute`,
      },
    };
  if (open.some((d) => d.status === 'open' && refersTo(d.certificate, certificate)))
    return {
      problem: {
        code: 'already_open',
        zh: `${name.zh}已有待处理的异议`,
        en: `a dispute about ${name.en} is already open`,
      },
    };
  return { certificate };
}

/**
 * The reconciled states with the operators' rulings applied: an upheld dispute makes the
 * certificate verified (by the operator) until its expiry — the corrected one when the ruling
 * gives it — and revoked after. Rejected and open disputes change nothing.
 */
export function applyRulings(
  stated: readonly StatedCertification[],
  disputes: readonly Dispute[],
  asOf: IsoDate,
): StatedCertification[] {
  const upheld = disputes.filter((d) => d.status === 'upheld');
  if (upheld.length === 0) return [...stated];
  return stated.map((c) => {
    const ruling = upheld.filter((d) => refersTo(d.certificate, c)).at(-1);
    if (!ruling) return c;
    const expiresOn = ruling.ruling?.expiresOn ?? c.expiresOn;
    const { listId: _list, ...rest } = c;
    return { ...rest, expiresOn, state: expiresOn > asOf ? 'verified' : 'revoked' };
  });
}
