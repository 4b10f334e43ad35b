import * as z from 'zod';
import { lazySchema } from './lazy-schema.ts';
import { nameSchema } from './text.ts';

/** 服务专员: the operator's person who looks after a firm (Chongqing's 一企一策一人), as an operator assigns one. */
export const SpecialistSchema = lazySchema(() =>
  z
    .object({
      userId: z.string().regex(/^[\w.@-]{1,80}$/, '用户标识格式不正确 / invalid user id'),
      name: nameSchema(1, 40),
      phone: z
        .string()
        .regex(/^[0-9+\- ]{7,20}$/, '电话号码格式不正确 / invalid phone number')
        .optional(),
    })
    .strict(),
);
export type SpecialistInput = z.infer<typeof SpecialistSchema>;

/** The assignment as stored and shown: who, and when and by whom it was made. */
export const SpecialistRecordSchema = lazySchema(() =>
  SpecialistSchema.extend({
    assignedAt: z.iso.datetime(),
    assignedBy: z.string(),
  }),
);
export type Specialist = z.infer<typeof SpecialistRecordSchema>;
