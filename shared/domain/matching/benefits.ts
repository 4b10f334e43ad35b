import type { CompiledCatalog } from './compile.ts';
import { passReason } from './explain.ts';
import type { Facts } from './facts.ts';
import { tierBit } from './facts.ts';
import type { BenefitMatch } from './schema.ts';
import { type Spec, specHolds } from './specs.ts';

/**
 * Non-financing benefits (grants, awards) the firm qualifies for, shown beside the
 * financing products. Few, so evaluated directly from their specs (cold path).
 * Alternatives in one exclusive group collapse to the largest that applies; the cap is
 * the highest tier override the firm's valid certificates reach.
 */
export function matchBenefits(cc: CompiledCatalog, facts: Facts): BenefitMatch[] {
  const out: BenefitMatch[] = [];
  // Per exclusive group, the position in `out` of its largest (first on a tie) so far.
  let held: Map<string, number> | undefined;
  for (const { benefit, specs } of cc.benefits) {
    if (!holdsAll(specs, facts)) continue;
    let maxYuan = benefit.maxYuan;
    for (const o of benefit.capOverrides)
      if ((facts.certBits & tierBit(o.tier, o.level)) !== 0 && (maxYuan === undefined || o.maxYuan > maxYuan))
        maxYuan = o.maxYuan;
    const group = benefit.exclusiveGroup;
    let at = out.length;
    if (group) {
      held ??= new Map();
      const k = held.get(group);
      if (k !== undefined) {
        if ((maxYuan ?? 0) <= (out[k]!.maxYuan ?? 0)) continue;
        at = k;
      } else held.set(group, at);
    }
    const reasons = [];
    for (const s of specs) {
      const r = passReason(s, facts);
      if (r !== undefined) reasons.push(r);
    }
    const relevant = benefit.purposes.includes(facts.request.purpose);
    const { id: benefitId, kind, name, description, shareBp, oneOff, source } = benefit;
    // Written key by key in the schema's order (the optional caps only when set).
    out[at] =
      maxYuan !== undefined
        ? shareBp !== undefined
          ? { benefitId, kind, name, description, maxYuan, shareBp, oneOff, relevant, reasons, source }
          : { benefitId, kind, name, description, maxYuan, oneOff, relevant, reasons, source }
        : shareBp !== undefined
          ? { benefitId, kind, name, description, shareBp, oneOff, relevant, reasons, source }
          : { benefitId, kind, name, description, oneOff, relevant, reasons, source };
  }
  // Ids are unique, so this order is total: where each was placed above does not matter.
  // A handful at most: sorted by insertion, in place (no comparator closure, no work array).
  for (let k = 1; k < out.length; k++) {
    const b = out[k]!;
    let j = k;
    while (j > 0 && benefitBefore(b, out[j - 1]!)) {
      out[j] = out[j - 1]!;
      j--;
    }
    out[j] = b;
  }
  return out;
}

/** The answer's order of benefits: relevant ones first, then the larger cap, then by id. */
function benefitBefore(a: BenefitMatch, b: BenefitMatch): boolean {
  if (a.relevant !== b.relevant) return a.relevant;
  const ma = a.maxYuan ?? 0;
  const mb = b.maxYuan ?? 0;
  if (ma !== mb) return ma > mb;
  return a.benefitId < b.benefitId;
}

function holdsAll(specs: readonly Spec[], facts: Facts): boolean {
  for (let k = 0; k < specs.length; k++) if (!specHolds(specs[k]!, facts)) return false;
  return true;
}
