import { type Principal, requireRole } from '#domain/principal.ts';
import type { Specialist, SpecialistInput } from '#domain/specialist.ts';
import type { Store } from '#store/index.ts';
import { loadFirmFor } from './access.ts';
import { type Clock, newEvent } from './events.ts';

/**
 * An operator assigns a service specialist (服务专员) to a firm of its region.
 * 1. only operators (403); the firm must be in the operator's region (else 404, as if absent)
 * 2. specialist row + SpecialistAssigned in one transaction.
 */
export async function assignSpecialist(
  deps: { store: Store } & Clock,
  principal: Principal | undefined,
  uscc: string,
  specialist: SpecialistInput,
): Promise<Specialist> {
  const operator = requireRole(principal, 'operator');
  await loadFirmFor(deps.store, operator, uscc);
  const record: Specialist = {
    ...specialist,
    assignedAt: deps.now().toISOString(),
    assignedBy: operator.userId,
  };
  await deps.store.firms.assignSpecialist(
    uscc,
    record,
    newEvent(
      deps,
      'SpecialistAssigned',
      uscc,
      { uscc, specialistUserId: specialist.userId },
      operator.userId,
    ),
  );
  return record;
}

/** The firm's specialist (or undefined), for the firm's users and its region's operators (404 for others). */
export async function readSpecialist(
  deps: { store: Store },
  principal: Principal | undefined,
  uscc: string,
): Promise<Specialist | undefined> {
  await loadFirmFor(deps.store, requireRole(principal), uscc);
  return deps.store.firms.specialist(uscc);
}
