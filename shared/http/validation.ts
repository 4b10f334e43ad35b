import type * as z from 'zod';
import { ValidationError } from '#domain/errors.ts';

type Issue = z.core.$ZodIssue;

/**
 * Turns a zod issue into a bilingual, field-level message. Our own schemas write
 * messages as "中文 / English"; zod's built-in checks are translated here by code.
 */
export function describeIssue(issue: Issue): { zh: string; en: string } {
  const own = issue.message.split(' / ');
  if (own.length === 2 && /[\u4e00-\u9fff]/.test(own[0]!)) return { zh: own[0]!, en: own[1]! };
  switch (issue.code) {
    case 'invalid_type':
      // zod leaves `input` off issues by default; its message still says what it received.
      return /received undefined/.test(issue.message)
        ? { zh: '必填', en: 'required' }
        : {
            zh: `类型应为 ${issue.expected === 'int' ? '整数' : issue.expected}`,
            en: `expected ${issue.expected}`,
          };
    case 'too_small':
      return issue.origin === 'array' || issue.origin === 'string'
        ? {
            zh: `长度至少为 ${issue.minimum}`,
            en: `must have at least ${issue.minimum} ${issue.origin === 'array' ? 'items' : 'characters'}`,
          }
        : {
            zh: `不得小于 ${issue.minimum}${issue.inclusive ? '' : '（不含）'}`,
            en: `must be ${issue.inclusive ? '≥' : '>'} ${issue.minimum}`,
          };
    case 'too_big':
      return issue.origin === 'array' || issue.origin === 'string'
        ? {
            zh: `长度不得超过 ${issue.maximum}`,
            en: `must have at most ${issue.maximum} ${issue.origin === 'array' ? 'items' : 'characters'}`,
          }
        : { zh: `不得大于 ${issue.maximum}`, en: `must be ≤ ${issue.maximum}` };
    case 'invalid_format':
      return { zh: `格式不正确（${issue.format}）`, en: `invalid format (${issue.format})` };
    case 'invalid_value':
      return { zh: `取值应为：${issue.values.join('、')}`, en: `must be one of: ${issue.values.join(', ')}` };
    case 'unrecognized_keys':
      return {
        zh: `不允许的字段：${issue.keys.join('、')}`,
        en: `unknown field(s): ${issue.keys.join(', ')}`,
      };
    case 'not_multiple_of':
      return { zh: `须为 ${issue.divisor} 的整数倍`, en: `must be a multiple of ${issue.divisor}` };
    case 'invalid_union':
      return { zh: '不符合任何允许的形式', en: 'matches none of the allowed shapes' };
    default:
      return { zh: '取值无效', en: issue.message };
  }
}

export function toValidationError(error: z.ZodError, prefix: (string | number)[] = []): ValidationError {
  return new ValidationError(
    error.issues.map((issue) => ({
      path: [...prefix, ...issue.path].map(String).join('.') || '(body)',
      ...describeIssue(issue),
    })),
  );
}
