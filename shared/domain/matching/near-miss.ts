import type { CompiledCatalog } from './compile.ts';
import { ROLE_EQUITY, ROLE_LOAN } from './compile.ts';
import { failReason, unlockHint, unlockSentence } from './explain.ts';
import type { MatchContext } from './scan.ts';
import type { NearMiss } from './schema.ts';

/** The failing op indices of near miss k (one or two). */
export function failedRules(cc: CompiledCatalog, k: number): number[] {
  const out = [cc.scratch.nearFail1[k]!];
  const f2 = cc.scratch.nearFail2[k]!;
  if (f2 >= 0) out.push(f2);
  return out;
}

/** Explains near miss k: each failed rule with why it fails and what would unlock it. */
export function explainNearMiss(
  cc: CompiledCatalog,
  ctx: MatchContext,
  k: number,
  potentialScore: number,
): NearMiss {
  const i = cc.scratch.near[k]!;
  const c = cc.compiled[i]!;
  const failed = failedRules(cc, k).map((r) => {
    const spec = c.specs[cc.ruleSpec[r]!]!;
    return {
      rule: spec.rule,
      reason: failReason(spec, ctx.facts),
      unlock: unlockSentence(unlockHint(spec, ctx.facts)),
    };
  });
  const max = cc.amountMax[i]!;
  const funds = cc.role[i] === ROLE_LOAN || cc.role[i] === ROLE_EQUITY;
  return {
    productId: c.product.id,
    name: c.product.name,
    kind: c.product.kind,
    institutionId: c.product.institutionId,
    demo: c.product.demo,
    score: potentialScore,
    failed,
    ...(funds && max !== Infinity ? { upToYuan: max } : {}),
  };
}
