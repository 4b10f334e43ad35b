import { PRODUCT_KINDS } from '../product.ts';
import type { BilingualText } from '../text.ts';
import { type CompiledCatalog, inPlay, ROLE_ENHANCER, stacksOn } from './compile.ts';
import { annualFeeYuan, effectiveAnnualRateBp } from './cost.ts';
import { blockedSubsidyNote } from './explain.ts';
import { bpPercent } from './money.ts';
import { BASIS_NAMES, type Entitlements, newPriced, type Priced, price, withoutCaps } from './price.ts';
import type { MatchContext } from './scan.ts';
import type { Package } from './schema.ts';

const EXPORT_INSURANCE = PRODUCT_KINDS.indexOf('export_credit_insurance');

/**
 * The cheapest enhancer of each kind that stacks on a loan, precomputed per stacking
 * signature (the loan kinds an enhancer attaches to): thousands of matched guarantees
 * collapse to a handful of candidates per loan.
 */
class Cheapest {
  private readonly byKinds = new Map<number, number>();
  private readonly byId: number[] = [];
  constructor(private readonly cc: CompiledCatalog) {}
  add(e: number): void {
    const cc = this.cc;
    if (cc.stacksById[e] === 1) {
      this.byId.push(e);
      return;
    }
    const held = this.byKinds.get(cc.stackKinds[e]!);
    if (held === undefined || this.cheaper(e, held)) this.byKinds.set(cc.stackKinds[e]!, e);
  }
  /** Adds the matched ones (their bit set in `matched`) of `lists`: per signature only its first, the cheapest. */
  addMatched(lists: SignatureLists, matched: Int32Array): void {
    const cc = this.cc;
    for (const list of lists.bySignature)
      for (let j = 0; j < list.length; j++) {
        const e = list[j]!;
        if (inPlay(matched, e)) {
          this.byKinds.set(cc.stackKinds[e]!, e);
          break;
        }
      }
    for (const e of lists.byId) if (inPlay(matched, e)) this.byId.push(e);
  }
  private cheaper(e: number, than: number): boolean {
    const { p2 } = this.cc;
    return p2[e]! < p2[than]! || (p2[e] === p2[than] && e < than);
  }
  for(loan: number): number {
    let best = -1;
    for (const e of [...this.byKinds.values(), ...this.byId])
      if (stacksOn(this.cc, e, loan) && (best < 0 || this.cheaper(e, best))) best = e;
    return best;
  }
}

/**
 * The live enhancers Cheapest may be asked for (those standing in for collateral, or the
 * export credit insurers), per compiled catalog version: those stacking by loan kind in one
 * list per stacking signature, cheapest first in Cheapest's order (annual fee, then
 * storage index), and those stacking by id apart. The cheapest matched one of a signature
 * is then the first of its list the selection marked as matched: on a nationwide catalog
 * (~1,200 matched enhancers per request, one in five of them) a few per signature are read
 * instead of every matched one. Undefined when a fee is not a finite number (the order
 * would not be total).
 */
interface SignatureLists {
  bySignature: Int32Array[];
  byId: Int32Array;
  /** How many enhancers the lists hold. */
  size: number;
}

const signatureListsOf = new WeakMap<
  CompiledCatalog,
  [SignatureLists | undefined, SignatureLists | undefined]
>();

/** [guarantees, export cover] for the catalog version. */
function enhancerLists(cc: CompiledCatalog): [SignatureLists | undefined, SignatureLists | undefined] {
  let lists = signatureListsOf.get(cc);
  if (!lists) {
    lists = [
      signatureLists(cc, (e) => cc.replacesCollateral[e] === 1),
      signatureLists(cc, (e) => cc.kindCode[e] === EXPORT_INSURANCE),
    ];
    signatureListsOf.set(cc, lists);
  }
  return lists;
}

function signatureLists(cc: CompiledCatalog, accepts: (e: number) => boolean): SignatureLists | undefined {
  const { live, role, p2, stacksById, stackKinds } = cc;
  const bySignature = new Map<number, number[]>();
  const byId: number[] = [];
  let size = 0;
  for (let e = 0; e < cc.compiled.length; e++) {
    if (!live[e] || role[e] !== ROLE_ENHANCER || !accepts(e)) continue;
    if (!Number.isFinite(p2[e]!)) return undefined;
    size++;
    if (stacksById[e] === 1) byId.push(e);
    else {
      const list = bySignature.get(stackKinds[e]!);
      if (list) list.push(e);
      else bySignature.set(stackKinds[e]!, [e]);
    }
  }
  return {
    bySignature: [...bySignature.values()].map((list) =>
      Int32Array.from(list.sort((a, b) => p2[a]! - p2[b]! || a - b)),
    ),
    byId: Int32Array.from(byId),
    size,
  };
}

/** Walk the signature lists when at least one enhancer in this many of them is matched. */
const LIST_DENSITY = 8;

/**
 * Packages: a loan with what stacks on it.
 * - entitlements apply by themselves (the best 贴息 the no-double-subsidy rule allows, an LPR cap);
 * - a guarantee/credit insurance/risk pool that stands in for collateral turns a loan that
 *   failed only on collateral into a package (the firm offers none of what it accepts);
 * - an export request adds export credit insurance when one stacks on the loan.
 * Only combinations of two or more products are packages; cheapest effective rate first.
 * Every candidate is ranked on its numbers; only the packages shown are written out.
 */
export function buildPackages(
  cc: CompiledCatalog,
  ctx: MatchContext,
  ents: Entitlements,
  input: {
    loans: number[];
    collateralOnly: number[];
    /** The matched enhancers: the first enhancerCount of `enhancers`, in scan order. */
    enhancers: Int32Array;
    enhancerCount: number;
    /** The selection's matches, a bit per storage index (cc.scratch.matched). */
    matched: Int32Array;
    limit: number;
  },
): Package[] {
  // Every package has a loan: without one (matched, or failing only on collateral) there are none.
  if (input.loans.length === 0 && input.collateralOnly.length === 0) return [];
  const amount = ctx.facts.request.amountYuan;
  const months = ctx.facts.request.termMonths;
  const exporting = ctx.facts.request.purpose === 'export';
  // Guarantees are looked up only for loans failing on collateral, export cover only for
  // an export request: each is collected only when it can be asked for.
  const guarantees = new Cheapest(cc);
  const exportCover = new Cheapest(cc);
  const needGuarantees = input.collateralOnly.length > 0;
  const { enhancers, enhancerCount, matched } = input;
  const [guaranteeLists, exportLists] = needGuarantees || exporting ? enhancerLists(cc) : [];
  const walk = (lists: SignatureLists | undefined): lists is SignatureLists =>
    lists !== undefined && enhancerCount * LIST_DENSITY >= lists.size;
  // Each wanted kind is read from its lists when they pay, else from the matched enhancers.
  let scanGuarantees = needGuarantees;
  let scanExport = exporting;
  if (needGuarantees && walk(guaranteeLists)) {
    guarantees.addMatched(guaranteeLists, matched);
    scanGuarantees = false;
  }
  if (exporting && walk(exportLists)) {
    exportCover.addMatched(exportLists, matched);
    scanExport = false;
  }
  if (scanGuarantees || scanExport)
    for (let j = 0; j < enhancerCount; j++) {
      const e = enhancers[j]!;
      if (scanGuarantees && cc.replacesCollateral[e] === 1) guarantees.add(e);
      if (scanExport && cc.kindCode[e] === EXPORT_INSURANCE) exportCover.add(e);
    }
  // First the numbers of every candidate package (what ranks them), then text for the
  // ones shown: cheapest effective rate first, then loan id.
  const candidates: { i: number; needsGuarantee: boolean; p: Priced; g: number; x: number; eff: number }[] =
    [];
  const bases = [
    ...input.loans.map((i) => ({ i, needsGuarantee: false })),
    ...input.collateralOnly.map((i) => ({ i, needsGuarantee: true })),
  ];
  for (const { i, needsGuarantee } of bases) {
    const p = price(cc, i, ctx, ents, newPriced());
    const g = needsGuarantee ? guarantees.for(i) : -1;
    if (needsGuarantee && g < 0) continue;
    const x = exporting ? exportCover.for(i) : -1;
    const parts =
      1 + (p.capFrom >= 0 ? 1 : 0) + (p.subsidyFrom >= 0 ? 1 : 0) + (g >= 0 ? 1 : 0) + (x >= 0 ? 1 : 0);
    if (parts < 2) continue;
    let fees = p.feesYuan;
    if (g >= 0) fees += annualFeeYuan(amount, cc.p2[g]!, months);
    if (x >= 0) fees += annualFeeYuan(amount, cc.p2[x]!, months);
    const eff = effectiveAnnualRateBp(p.interestYuan + fees - p.subsidyYuan, amount, months);
    candidates.push({ i, needsGuarantee, p, g, x, eff });
  }
  const ids = (i: number) => cc.compiled[i]!.product.id;
  candidates.sort((a, b) => a.eff - b.eff || (ids(a.i) < ids(b.i) ? -1 : ids(a.i) > ids(b.i) ? 1 : 0));
  return candidates.slice(0, input.limit).map(({ i, needsGuarantee, p, g, x }) => {
    const loan = cc.compiled[i]!.product;
    const components: Package['components'] = [
      { productId: loan.id, name: loan.name, effect: 'loan', yuan: p.interestYuan + p.feesYuan },
    ];
    const notes: BilingualText[] = [];
    const lines: Package['cost']['lines'] = [
      {
        item: 'interest',
        yuan: p.interestYuan,
        label: {
          zh: `${loan.name.zh}利息（${bpPercent(p.annualRateBp)}/年）`,
          en: `${loan.name.en} interest (${bpPercent(p.annualRateBp)} a year)`,
        },
      },
    ];
    if (p.feesYuan > 0)
      lines.push({
        item: 'fee',
        yuan: p.feesYuan,
        label: { zh: `${loan.name.zh}费用`, en: `${loan.name.en} fees` },
      });
    let fees = p.feesYuan;
    if (p.capFrom >= 0) {
      const uncapped = price(cc, i, ctx, withoutCaps(ents), newPriced());
      const cap = cc.compiled[p.capFrom]!.product;
      components.push({
        productId: cap.id,
        name: cap.name,
        effect: 'rate_cap',
        yuan: uncapped.interestYuan - p.interestYuan,
      });
    }
    if (p.subsidyFrom >= 0) {
      const sub = cc.compiled[p.subsidyFrom]!.product;
      components.push({ productId: sub.id, name: sub.name, effect: 'interest_subsidy', yuan: p.subsidyYuan });
      lines.push({
        item: 'subsidy',
        yuan: p.subsidyYuan,
        label: { zh: `${sub.name.zh}（预计）`, en: `${sub.name.en} (projected)` },
      });
    } else if (p.blockedSubsidy >= 0) notes.push(blockedSubsidyNote(cc, p.blockedSubsidy));
    if (g >= 0) {
      const product = cc.compiled[g]!.product;
      const fee = annualFeeYuan(amount, cc.p2[g]!, months);
      fees += fee;
      components.push({ productId: product.id, name: product.name, effect: 'guarantee', yuan: fee });
      lines.push({
        item: 'fee',
        yuan: fee,
        label: {
          zh: `${product.name.zh}（年费率${bpPercent(cc.p2[g]!)}）`,
          en: `${product.name.en} (${bpPercent(cc.p2[g]!)} a year)`,
        },
      });
      notes.push({
        zh: `${product.name.zh}替代抵押物，使无抵押企业也可申请${loan.name.zh}`,
        en: `${product.name.en} stands in for the collateral ${loan.name.en} asks for`,
      });
    }
    if (x >= 0) {
      const product = cc.compiled[x]!.product;
      const fee = annualFeeYuan(amount, cc.p2[x]!, months);
      fees += fee;
      components.push({ productId: product.id, name: product.name, effect: 'export_insurance', yuan: fee });
      lines.push({ item: 'fee', yuan: fee, label: { zh: product.name.zh, en: product.name.en } });
    }
    const net = p.interestYuan + fees - p.subsidyYuan;
    const eff = effectiveAnnualRateBp(net, amount, months);
    if (components.some((c) => cc.illustrative[cc.indexById.get(c.productId)!]))
      notes.push({
        zh: '部分费率为示意数字，以机构报价为准',
        en: 'some rates are illustrative; the institution quotes the real ones',
      });
    return {
      loanProductId: loan.id,
      productIds: components.map((c) => c.productId),
      components,
      guaranteeReplacesCollateral: needsGuarantee,
      cost: {
        basis: BASIS_NAMES[p.basis]!,
        amountYuan: amount,
        termMonths: months,
        annualRateBp: p.annualRateBp,
        lprBp: p.lprBp > 0 ? p.lprBp : null,
        interestYuan: p.interestYuan,
        feesYuan: fees,
        subsidyYuan: p.subsidyYuan,
        netCostYuan: net,
        effectiveAnnualRateBp: eff,
        lines,
      },
      notes,
    };
  });
}
