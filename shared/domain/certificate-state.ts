import { addMonths } from './dates.ts';
import type { CertificateState, Certification } from './firm.ts';
import type { IsoDate } from './text.ts';
import { DESIGNATIONS, type Designation, effectiveLevel, type Level, TIERS, type Tier } from './tiers.ts';

/**
 * What a firm's certificate is worth, judged against the certified lists operators import:
 * - verified: the firm is on a published list of that tier/label and level;
 * - self_declared: no imported list speaks to it (the firm's word, shown as such);
 * - contradicted: a list of that tier/label and level for the firm's area and the declared
 *   year was imported and the firm is not on it;
 * - revoked: a later revocation list names the firm, or the certificate has expired.
 * A declared state is never trusted: states are recomputed from the lists every time.
 * Products can require verified certificates (policy products: "经认定的").
 */
export { CERTIFICATE_STATES, type CertificateState } from './firm.ts';

export const CERTIFICATE_STATE_NAMES: Record<CertificateState, { zh: string; en: string }> = {
  verified: { zh: '已核验（在认定名单中）', en: 'verified (on a certified list)' },
  self_declared: { zh: '企业自报', en: 'self-declared' },
  contradicted: { zh: '与认定名单不符', en: 'contradicted by a certified list' },
  revoked: { zh: '已撤销或过期', en: 'revoked or expired' },
};

/** What the reconciliation needs to know about an imported list. */
export interface ListFacts {
  listId: string;
  authority: string;
  authorityRegion: string;
  designation: Designation;
  level: Level;
  batch: string;
  listedOn: IsoDate;
  kind: 'certified' | 'revoked';
}

export type StatedCertification = Certification & {
  state: CertificateState;
  /** The list that verified, revoked or contradicted it. */
  listId?: string;
};

function designationOf(c: Certification): Designation {
  return 'tier' in c ? c.tier : c.label;
}

function sameQualification(c: Certification, l: ListFacts, regionCode: string): boolean {
  return (
    designationOf(c) === l.designation &&
    effectiveLevel(c.level, regionCode) === effectiveLevel(l.level, regionCode)
  );
}

function fromList(l: ListFacts): Certification {
  const common = {
    level: l.level,
    issuedOn: l.listedOn,
    expiresOn: addMonths(l.listedOn, DESIGNATIONS[l.designation].validityMonths),
    authority: l.authority,
  };
  const d = l.designation;
  return isTier(d) ? { tier: d, ...common } : { label: d, ...common };
}

function isTier(d: Designation): d is Tier {
  return (TIERS as readonly string[]).includes(d);
}

/**
 * The firm's certificates with their states on `asOf`.
 * 1. each certified list naming the firm is a verified certificate (its dates and
 *    authority are the list's; the firm's own matching declaration is absorbed);
 * 2. a later revocation list naming the firm for the same qualification revokes it;
 * 3. a declaration no list names is contradicted when a certified list of that
 *    qualification, covering the firm's region, for the declared year was imported;
 *    otherwise it stays self-declared;
 * 4. anything past its expiry is revoked.
 */
export function reconcileCertificates(input: {
  regionCode: string;
  declared: readonly Certification[];
  /** Lists naming this firm (certified or revoked). */
  naming: readonly ListFacts[];
  /** Certified lists covering the firm's region (named or not), for contradictions. */
  covering: readonly ListFacts[];
  asOf: IsoDate;
}): StatedCertification[] {
  const { regionCode, asOf } = input;
  const out: StatedCertification[] = [];
  const certified = input.naming.filter((l) => l.kind === 'certified' && l.listedOn <= asOf);
  const revocations = input.naming.filter((l) => l.kind === 'revoked' && l.listedOn <= asOf);
  for (const l of certified) {
    const cert = fromList(l);
    const revokedBy = revocations.find(
      (r) => r.designation === l.designation && r.level === l.level && r.listedOn > l.listedOn,
    );
    if (revokedBy)
      out.push({ ...cert, expiresOn: revokedBy.listedOn, state: 'revoked', listId: revokedBy.listId });
    else out.push({ ...cert, state: cert.expiresOn <= asOf ? 'revoked' : 'verified', listId: l.listId });
  }
  for (const c of input.declared) {
    if (
      certified.some(
        (l) => sameQualification(c, l, regionCode) && l.listedOn.slice(0, 4) === c.issuedOn.slice(0, 4),
      )
    )
      continue; // the list's own certificate stands in for it
    const revokedBy = revocations.find(
      (r) => sameQualification(c, r, regionCode) && r.listedOn >= c.issuedOn,
    );
    if (revokedBy) {
      out.push({ ...c, expiresOn: revokedBy.listedOn, state: 'revoked', listId: revokedBy.listId });
      continue;
    }
    const contradicting = input.covering.find(
      (l) =>
        l.kind === 'certified' &&
        sameQualification(c, l, regionCode) &&
        regionCode.startsWith(l.authorityRegion) &&
        l.listedOn.slice(0, 4) === c.issuedOn.slice(0, 4) &&
        !certified.some((n) => n.listId === l.listId),
    );
    if (contradicting) {
      out.push({ ...c, state: 'contradicted', listId: contradicting.listId });
      continue;
    }
    out.push({ ...c, state: c.expiresOn <= asOf ? 'revoked' : 'self_declared' });
  }
  return out;
}

/** Certificates that count for matching: verified or self-declared (a product may ask for verified only). */
export function countsForMatching(state: CertificateState | undefined, verifiedOnly: boolean): boolean {
  const s = state ?? 'self_declared';
  return verifiedOnly ? s === 'verified' : s === 'verified' || s === 'self_declared';
}
