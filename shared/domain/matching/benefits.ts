import type { CompiledCatalog } from './compile.ts';
import { passReason } from './explain.ts';
import type { Facts } from './facts.ts';
import { tierBit } from './facts.ts';
import type { BenefitMatch } from './schema.ts';
import { specHolds } from './specs.ts';

/**
 * Non-financing benefits (grants, awards) the firm qualifies for, shown beside the
 * financing products. Few, so evaluated directly from their specs (cold path).
 * Alternatives in one exclusive group collapse to the largest that applies; the cap is
 * the highest tier override the firm's valid certificates reach.
 */
export function matchBenefits(cc: CompiledCatalog, facts: Facts): BenefitMatch[] {
  const eligible: BenefitMatch[] = [];
  const eligibleGroups: (string | undefined)[] = [];
  for (const { benefit, specs } of cc.benefits) {
    if (!specs.every((s) => specHolds(s, facts))) continue;
    let maxYuan = benefit.maxYuan;
    for (const o of benefit.capOverrides)
      if ((facts.certBits & tierBit(o.tier, o.level)) !== 0 && (maxYuan === undefined || o.maxYuan > maxYuan))
        maxYuan = o.maxYuan;
    const reasons = specs.map((s) => passReason(s, facts)).filter((r) => r !== undefined);
    eligibleGroups.push(benefit.exclusiveGroup);
    eligible.push({
      benefitId: benefit.id,
      kind: benefit.kind,
      name: benefit.name,
      description: benefit.description,
      ...(maxYuan !== undefined ? { maxYuan } : {}),
      ...(benefit.shareBp !== undefined ? { shareBp: benefit.shareBp } : {}),
      oneOff: benefit.oneOff,
      relevant: benefit.purposes.includes(facts.request.purpose),
      reasons,
      source: benefit.source,
    });
  }
  const byGroup = new Map<string, BenefitMatch>();
  const out: BenefitMatch[] = [];
  for (const [k, m] of eligible.entries()) {
    const group = eligibleGroups[k];
    if (!group) {
      out.push(m);
      continue;
    }
    const held = byGroup.get(group);
    if (!held || (m.maxYuan ?? 0) > (held.maxYuan ?? 0)) byGroup.set(group, m);
  }
  out.push(...byGroup.values());
  return out.sort(
    (a, b) =>
      Number(b.relevant) - Number(a.relevant) ||
      (b.maxYuan ?? 0) - (a.maxYuan ?? 0) ||
      (a.benefitId < b.benefitId ? -1 : 1),
  );
}
