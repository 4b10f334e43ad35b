import * as z from 'zod';
import { addMonths } from './dates.ts';
import { lazySchema } from './lazy-schema.ts';
import { type FieldProblem, IsoDateSchema, nameSchema, YuanSchema } from './text.ts';
import { DESIGNATIONS, LabelSchema, LEVEL_NAMES, LevelSchema, levelAllowed, TierSchema } from './tiers.ts';
import { usccProblem } from './uscc.ts';

/**
 * A certificate is valid for three years unless the authority says otherwise (Jiangmen:
 * "认定有效期为三年"); 金种子 is re-assessed every half year. Defaults per designation live
 * in tiers.ts (`validityMonths`).
 */
export const CERTIFICATE_VALIDITY_YEARS = 3;

export const UsccSchema = lazySchema(() =>
  z.string().superRefine((code, ctx) => {
    const problem = usccProblem(code);
    if (problem)
      ctx.addIssue({
        code: 'custom',
        message: `${problem.zh} / ${problem.en}`,
        params: { reason: problem.code },
      });
  }),
);

/** GB/T 2260 administrative division code, e.g. 350203 (厦门市思明区). */
export const RegionCodeSchema = lazySchema(() =>
  z.string().regex(/^[1-8]\d{5}$/, '行政区划代码应为6位数字 / region code must be 6 digits (GB/T 2260)'),
);

/** GB/T 4754 industry code: a section letter, optionally followed by 2–4 digits (e.g. C, C39, C3981). */
export const IndustryCodeSchema = lazySchema(() =>
  z
    .string()
    .regex(/^[A-T](\d{2,4})?$/, '行业代码格式应如 C3981 / industry code must look like C3981 (GB/T 4754)'),
);

export const LISTINGS = ['none', 'regional_equity', 'neeq', 'bse', 'star', 'chinext', 'main'] as const;
export const ListingSchema = lazySchema(() => z.enum(LISTINGS));
export type Listing = z.infer<typeof ListingSchema>;

/** A certificate's standing against the certified lists (certificate-state.ts); never taken from the firm. */
export const CERTIFICATE_STATES = ['verified', 'self_declared', 'contradicted', 'revoked'] as const;
export const CertificateStateSchema = lazySchema(() => z.enum(CERTIFICATE_STATES));
export type CertificateState = z.infer<typeof CertificateStateSchema>;

const CertificationFields = {
  level: LevelSchema,
  issuedOn: IsoDateSchema,
  expiresOn: IsoDateSchema.optional(),
  authority: nameSchema(1, 200),
  /** Set by reconciliation with the certified lists; absent = self-declared. */
  state: CertificateStateSchema.optional(),
  listId: z.string().max(200).optional(),
};

/**
 * A tier or a label (tiers.ts), at a level it is issued at; expiresOn defaults to issuedOn +
 * the designation's validity (3 years; 金种子 half a year).
 */
export const CertificationSchema = lazySchema(() =>
  z
    .union([
      z.object({ tier: TierSchema, ...CertificationFields }).strict(),
      z.object({ label: LabelSchema, ...CertificationFields }).strict(),
    ])
    .superRefine((c, ctx) => {
      const d = 'tier' in c ? c.tier : c.label;
      if (!levelAllowed(d, c.level)) {
        const levels = DESIGNATIONS[d].levels.map((l) => LEVEL_NAMES[l]);
        ctx.addIssue({
          code: 'custom',
          path: ['level'],
          message: `${DESIGNATIONS[d].name.zh}仅有${levels.map((l) => l.zh).join('、')}认定 / ${DESIGNATIONS[d].name.en} is issued only at ${levels.map((l) => l.en).join(', ')} level`,
        });
      }
    })
    .transform((c) => ({
      ...c,
      expiresOn:
        c.expiresOn ?? addMonths(c.issuedOn, DESIGNATIONS['tier' in c ? c.tier : c.label].validityMonths),
    }))
    .refine((c) => c.expiresOn > c.issuedOn, {
      message: '有效期截止日须晚于认定日 / expiresOn must be after issuedOn',
      path: ['expiresOn'],
    }),
);
export type CertificationInput = z.input<typeof CertificationSchema>;
export type Certification = z.output<typeof CertificationSchema>;

export const FirmSchema = lazySchema(() =>
  z
    .object({
      uscc: UsccSchema,
      name: nameSchema(2, 100),
      regionCode: RegionCodeSchema,
      industryCode: IndustryCodeSchema,
      foundedOn: IsoDateSchema,
      employees: z.number().int().nonnegative().max(10_000_000),
      revenueYuan: YuanSchema,
      rndExpenseYuan: YuanSchema,
      inventionPatents: z.number().int().nonnegative().max(1_000_000),
      priorYearInterestPaidYuan: YuanSchema.default(0),
      listing: ListingSchema.default('none'),
      certifications: z.array(CertificationSchema).max(50).default([]),
    })
    .strict(),
);
export type FirmInput = z.input<typeof FirmSchema>;
export type Firm = z.output<typeof FirmSchema>;

/**
 * The figures a firm declares about itself and keeps up to date (self-declared, shown as such):
 * what eligibility rules on headcount, revenue, R&D and interest paid read.
 */
export const FirmFiguresSchema = lazySchema(() =>
  z
    .object({
      employees: FirmSchema.shape.employees,
      revenueYuan: YuanSchema,
      rndExpenseYuan: YuanSchema,
      inventionPatents: FirmSchema.shape.inventionPatents,
      priorYearInterestPaidYuan: YuanSchema,
    })
    .strict(),
);
export type FirmFigures = z.infer<typeof FirmFiguresSchema>;
export const FIRM_FIGURES = Object.keys(FirmFiguresSchema.shape) as (keyof FirmFigures)[];

/** Which figures differ between the firm and what it now says (empty: nothing to write). */
export function changedFigures(firm: Firm, figures: FirmFigures): (keyof FirmFigures)[] {
  return FIRM_FIGURES.filter((name) => firm[name] !== figures[name]);
}

export const CertificationListSchema = lazySchema(() =>
  z.object({ certifications: z.array(CertificationSchema).max(50) }).strict(),
);

/** R&D intensity in basis points of revenue (integer maths; 0 when there is no revenue). */
export function rndIntensityBp(firm: Pick<Firm, 'revenueYuan' | 'rndExpenseYuan'>): number {
  return firm.revenueYuan === 0 ? 0 : Math.floor((firm.rndExpenseYuan * 10_000) / firm.revenueYuan);
}

/** Dates of a firm that only make sense against today: founded and certified in the past. */
export function firmDateProblems(
  firm: { foundedOn: string; certifications: { issuedOn: string }[] },
  today: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (firm.foundedOn > today)
    problems.push({
      path: 'foundedOn',
      zh: '成立日期不得晚于今天',
      en: 'foundedOn must not be in the future',
    });
  firm.certifications.forEach((c, i) => {
    if (c.issuedOn > today)
      problems.push({
        path: `certifications.${i}.issuedOn`,
        zh: '认定日期不得晚于今天',
        en: 'issuedOn must not be in the future',
      });
    if (c.issuedOn < firm.foundedOn)
      problems.push({
        path: `certifications.${i}.issuedOn`,
        zh: '认定日期不得早于成立日期',
        en: 'issuedOn must not be before foundedOn',
      });
  });
  return problems;
}
