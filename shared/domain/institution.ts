import * as z from 'zod';
import { MAX_FIRST_ANSWER_BUSINESS_DAYS, MIN_FIRST_ANSWER_BUSINESS_DAYS } from './deadlines.ts';
import { lazySchema } from './lazy-schema.ts';
import { BilingualNameSchema, freeTextSchema } from './text.ts';

export const INSTITUTION_TYPES = ['bank', 'guarantor', 'insurer', 'fund_manager', 'government'] as const;
export const InstitutionTypeSchema = lazySchema(() => z.enum(INSTITUTION_TYPES));
export type InstitutionType = z.infer<typeof InstitutionTypeSchema>;

/** Ids are short slugs so they read well in keys, URLs and logs. */
export const SlugSchema = lazySchema(() =>
  z
    .string()
    .regex(
      /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
      'id须为小写字母、数字和连字符 / id must be lowercase letters, digits and hyphens',
    )
    .max(80),
);

export const InstitutionSchema = lazySchema(() =>
  z
    .object({
      id: SlugSchema,
      type: InstitutionTypeSchema,
      name: BilingualNameSchema,
      /** GB/T 2260 prefixes of where it operates (e.g. "3502" Xiamen); empty = nationwide. */
      regionCodes: z
        .array(z.string().regex(/^\d{2,6}$/))
        .max(100)
        .default([]),
      /** True for institutions the seeds only name generically: shown as demo data. */
      demo: z.boolean().default(false),
      /** Business days within which it answers a new lead (default FIRST_ANSWER_BUSINESS_DAYS). */
      firstAnswerBusinessDays: z
        .number()
        .int()
        .min(MIN_FIRST_ANSWER_BUSINESS_DAYS)
        .max(MAX_FIRST_ANSWER_BUSINESS_DAYS)
        .optional(),
      source: freeTextSchema(1, 300).optional(),
    })
    .strict(),
);
export type InstitutionInput = z.input<typeof InstitutionSchema>;
export type Institution = z.output<typeof InstitutionSchema>;
