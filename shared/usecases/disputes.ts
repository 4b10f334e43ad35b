import { shanghaiDate } from '#domain/dates.ts';
import { type Dispute, type DisputeInput, type DisputeRuling, disputeProblem } from '#domain/dispute.ts';
import { ConflictError, NotFoundError, UnprocessableError } from '#domain/errors.ts';
import { type Principal, requireRole } from '#domain/principal.ts';
import type { Store } from '#store/index.ts';
import { loadFirmFor } from './access.ts';
import { certificatesOf } from './certified-lists.ts';
import { type Clock, newEvent } from './events.ts';

const disputeNotFound = (id: string) => new NotFoundError(`未找到异议 ${id}`, `dispute ${id} not found`);

/**
 * A firm disputes the outcome the certified lists gave one of its certificates.
 * 1. only the firm's own users (403 for other roles; 404 for another firm's USCC)
 * 2. the certificate must be one the firm holds, with a list outcome (verified, contradicted,
 *    revoked or expired) and no open dispute about it (422 / 409)
 * 3. the dispute and CertificateDisputed are written together.
 */
export async function raiseDispute(
  deps: { store: Store } & Clock,
  principal: Principal | undefined,
  uscc: string,
  input: DisputeInput,
): Promise<Dispute> {
  const firmUser = requireRole(principal, 'firm');
  const firm = await loadFirmFor(deps.store, firmUser, uscc);
  const [stated, existing] = await Promise.all([
    certificatesOf(deps.store, firm, shanghaiDate(deps.now())),
    deps.store.disputes.ofFirm(uscc),
  ]);
  const checked = disputeProblem(stated, input.certificate, existing);
  if ('problem' in checked) {
    const { zh, en } = checked.problem;
    throw checked.problem.code === 'already_open'
      ? new ConflictError(zh, en)
      : new UnprocessableError(zh, en);
  }
  const dispute: Dispute = {
    id: `d-${deps.newId()}`,
    uscc,
    regionCode: firm.regionCode,
    certificate: input.certificate,
    outcome: checked.certificate.state as Dispute['outcome'],
    ...(checked.certificate.listId ? { listId: checked.certificate.listId } : {}),
    reason: input.reason,
    status: 'open',
    raisedBy: firmUser.userId,
    raisedAt: deps.now().toISOString(),
  };
  const event = newEvent(
    deps,
    'CertificateDisputed',
    uscc,
    {
      uscc,
      disputeId: dispute.id,
      regionCode: firm.regionCode,
      designation: input.certificate.designation,
      level: input.certificate.level,
      outcome: dispute.outcome,
    },
    firmUser.userId,
  );
  await deps.store.disputes.raise(dispute, event);
  return dispute;
}

/** A firm's disputes: for its own users and its region's operators (404 for anyone else). */
export async function firmDisputes(
  deps: { store: Store },
  principal: Principal | undefined,
  uscc: string,
): Promise<Dispute[]> {
  const actor = requireRole(principal, 'firm', 'operator');
  await loadFirmFor(deps.store, actor, uscc);
  return deps.store.disputes.ofFirm(uscc);
}

/** The disputes of the operator's region, newest first (403 for other roles). */
export async function regionDisputes(deps: { store: Store }, principal: Principal | undefined) {
  const operator = requireRole(principal, 'operator');
  return deps.store.disputes.ofRegion(operator.regionPrefix);
}

/**
 * An operator of the firm's region rules on an open dispute.
 * 1. operators only (403); the firm must be in the operator's region and the dispute its own (404)
 * 2. an expiry date only with an upheld ruling, after the certificate's issue date (422)
 * 3. the ruling and CertificateDisputeRuled are written together, only while the dispute is
 *    open: a second ruling is a 409 and changes nothing.
 */
export async function ruleOnDispute(
  deps: { store: Store } & Clock,
  principal: Principal | undefined,
  uscc: string,
  id: string,
  ruling: DisputeRuling,
): Promise<Dispute> {
  const operator = requireRole(principal, 'operator');
  await loadFirmFor(deps.store, operator, uscc);
  const dispute = await deps.store.disputes.get(uscc, id);
  if (!dispute) throw disputeNotFound(id);
  if (dispute.status !== 'open') throw new ConflictError('该异议已处理', 'the dispute was already ruled on');
  if (ruling.expiresOn !== undefined && ruling.expiresOn <= dispute.certificate.issuedOn)
    throw new UnprocessableError(
      `有效期须晚于认定日 ${dispute.certificate.issuedOn}`,
      `the expiry date must be after the issue date ${dispute.certificate.issuedOn}`,
    );
  const ruled: Dispute = {
    ...dispute,
    status: ruling.decision,
    ruling: {
      decision: ruling.decision,
      note: ruling.note,
      ...(ruling.expiresOn ? { expiresOn: ruling.expiresOn } : {}),
      by: operator.userId,
      at: deps.now().toISOString(),
    },
  };
  const event = newEvent(
    deps,
    'CertificateDisputeRuled',
    uscc,
    { uscc, disputeId: id, decision: ruling.decision },
    operator.userId,
  );
  await deps.store.disputes.rule(ruled, event);
  return ruled;
}
