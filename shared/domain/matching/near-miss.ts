import type { CompiledCatalog } from './compile.ts';
import { ROLE_EQUITY, ROLE_LOAN } from './compile.ts';
import { failReason, unlockHint, unlockSentence } from './explain.ts';
import { type MatchContext, opFails } from './scan.ts';
import type { NearMiss } from './schema.ts';
import type { Spec } from './specs.ts';

/**
 * The failing op indices of near miss k (one or two, in op order): as the linear scan
 * left them, or, after the bitmap selection (which records only their unlock keys),
 * found now by checking the product's soft ops.
 */
export function failedRules(cc: CompiledCatalog, ctx: MatchContext, k: number): number[] {
  const { nearFail1, nearFail2, near } = cc.scratch;
  if (nearFail1[k] === -1) {
    const i = near[k]!;
    let f1 = -1;
    let f2 = -1;
    for (let r = cc.hardEnd[i]!; r < cc.ruleEnd[i]! && f2 < 0; r++) {
      if (!opFails(cc, r, ctx.num, ctx.mask)) continue;
      if (f1 < 0) f1 = r;
      else f2 = r;
    }
    nearFail1[k] = f1;
    nearFail2[k] = f2;
  }
  const f2 = nearFail2[k]!;
  return f2 >= 0 ? [nearFail1[k]!, f2] : [nearFail1[k]!];
}

function failedRule(ctx: MatchContext, spec: Spec): NearMiss['failed'][number] {
  return {
    rule: spec.rule,
    reason: failReason(spec, ctx.facts),
    unlock: unlockSentence(unlockHint(spec, ctx.facts)),
  };
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
  const rules = failedRules(cc, ctx, k);
  const first = failedRule(ctx, c.specs[cc.ruleSpec[rules[0]!]!]!);
  const failed: NearMiss['failed'] =
    rules.length > 1 ? [first, failedRule(ctx, c.specs[cc.ruleSpec[rules[1]!]!]!)] : [first];
  const max = cc.amountMax[i]!;
  const funds = cc.role[i] === ROLE_LOAN || cc.role[i] === ROLE_EQUITY;
  const { id: productId, name, kind, institutionId, demo } = c.product;
  const score = potentialScore;
  // Key by key in the schema's order; the amount cap only when the product funds and has one.
  return funds && max !== Infinity
    ? { productId, name, kind, institutionId, demo, score, failed, upToYuan: max }
    : { productId, name, kind, institutionId, demo, score, failed };
}
