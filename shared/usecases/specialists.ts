import { ForbiddenError, NotFoundError } from '#domain/errors.ts';
import type { Principal } from '#domain/principal.ts';
import type { Specialist } from '#domain/specialist.ts';
import type { Store } from '#store/index.ts';
import { type Clock, newEvent } from './events.ts';

/**
 * An operator assigns a service specialist (服务专员) to a firm of its region.
 * 1. only operators; the firm must be in the operator's region (else 404, as if absent)
 * 2. specialist row + SpecialistAssigned in one transaction.
 */
export async function assignSpecialist(
  deps: { store: Store } & Clock,
  principal: Principal,
  uscc: string,
  specialist: { userId: string; name: string; phone?: string },
): Promise<Specialist> {
  if (principal.role !== 'operator')
    throw new ForbiddenError('只有运营方可以指派服务专员', 'only operators assign service specialists');
  const firm = await deps.store.firms.get(uscc);
  if (!firm?.regionCode.startsWith(principal.regionPrefix)) {
    throw new NotFoundError(`未找到企业 ${uscc}`, `firm ${uscc} not found`);
  }
  const record: Specialist = {
    ...specialist,
    assignedAt: deps.now().toISOString(),
    assignedBy: principal.userId,
  };
  await deps.store.firms.assignSpecialist(
    uscc,
    record,
    newEvent(
      deps,
      'SpecialistAssigned',
      uscc,
      { uscc, specialistUserId: specialist.userId },
      principal.userId,
    ),
  );
  return record;
}
