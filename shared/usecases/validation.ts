import { ValidationError } from '#domain/errors.ts';
import type { FieldProblem } from '#domain/text.ts';

/** Field problems found by a domain check (e.g. dates against today) become one 400. */
export function rejectProblems(problems: FieldProblem[]): void {
  if (problems.length) throw new ValidationError(problems);
}
