import * as z from 'zod';
import { lazySchema } from './lazy-schema.ts';

/**
 * Tiers, labels and levels, and the one relation that says which certificate counts as
 * what ("X counts as Y for rule R"). There is no linear order: what a firm qualifies for
 * follows the certificates it holds (DOMAIN.md, issue 10).
 *
 * - MIIT's SME ladder: 创新型中小企业 → 专精特新中小企业 → 专精特新"小巨人" → 重点"小巨人"
 *   (a subset of little giants). A higher certificate of this ladder counts for the rungs
 *   below it (Xiamen 贴息: "专精特新中小企业(含专精特新'小巨人'企业)").
 * - Parallel programmes, rungs of no ladder: 科技型中小企业 (MOST), 制造业单项冠军
 *   (MIIT, 示范企业 and 产品 — often not SMEs; a single champion is not by that alone a
 *   little giant or an SRDI SME), 省级隐形冠军 (Jiaxing, its own title).
 * - Cultivation lists (省级单项冠军培育企业) are not certificates of the tier they grow
 *   firms towards: they count only as themselves.
 * - 直辖市 (Beijing, Tianjin, Shanghai, Chongqing): a 市级 list is provincial-level.
 *
 * Rules read the relation in one of two ways:
 * - **eligibility** (`tier_at_least`, `label`, `tier_or_label`: products, benefit gates,
 *   cap overrides, the 贴息 stacking exception): a certificate counts as its own designation
 *   and, on the SME ladder, as every rung below, at its effective level and every level
 *   below it;
 * - **title** (`title_obtained`: one-off awards for a title obtained or newly certified):
 *   only a certificate of that very title counts, at that very (effective) level, and its
 *   issue date decides.
 */

/** Tiers: programmes that certify firms (and one cultivation list). Names are stored in data; never reorder meaningfully. */
export const TIERS = [
  'tech_sme',
  'innovative_sme',
  'srdi_sme',
  'little_giant',
  'key_little_giant',
  'single_champion',
  'single_champion_product',
  'single_champion_cultivation',
] as const;
export const TierSchema = lazySchema(() => z.enum(TIERS));
export type Tier = z.infer<typeof TierSchema>;

/** Labels: titles and lists beside the tiers (hidden champion, high-tech, pipelines, factory ratings). */
export const LABELS = [
  'hidden_champion',
  'high_tech',
  'golden_seed',
  'listing_reserve',
  'first_set_equipment',
  'chain_master_factory',
  'smart_factory',
  'digital_workshop',
] as const;
export const LabelSchema = lazySchema(() => z.enum(LABELS));
export type Label = z.infer<typeof LabelSchema>;

/** Certification level, lowest first. */
export const LEVELS = ['municipal', 'provincial', 'national'] as const;
export const LevelSchema = lazySchema(() => z.enum(LEVELS));
export type Level = z.infer<typeof LevelSchema>;

export type Designation = Tier | Label;

export const LEVEL_NAMES: Record<Level, { zh: string; en: string }> = {
  municipal: { zh: '市级', en: 'municipal' },
  provincial: { zh: '省级', en: 'provincial' },
  national: { zh: '国家级', en: 'national' },
};

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export interface DesignationInfo {
  name: { zh: string; en: string };
  /** The programme that issues it; designations of one programme never count for another's. */
  programme: string;
  /** Levels at which this designation is issued (a little giant is always national). */
  levels: readonly Level[];
  /** Default validity when a certificate states no expiry. */
  validityMonths: number;
  /** False for cultivation lists: being grown towards a tier is not holding it. */
  certificate: boolean;
  /** Rungs of the same ladder this one counts as for eligibility (direct and indirect). */
  countsAs: readonly Tier[];
  /** Where the seeds or the programme say so. */
  note: string;
}

const THREE_YEARS = 36;

/** The relation, as data: one entry per tier and label. */
export const DESIGNATIONS: Record<Designation, DesignationInfo> = {
  tech_sme: {
    name: { zh: '科技型中小企业', en: 'Tech-based SME' },
    programme: 'most_tech_sme',
    levels: ['provincial', 'national'],
    validityMonths: THREE_YEARS,
    certificate: true,
    countsAs: [],
    note: "MOST's list, parallel to 创新型中小企业, not below it (Jiaxing 001 names it as the ladder's entry).",
  },
  innovative_sme: {
    name: { zh: '创新型中小企业', en: 'Innovative SME' },
    programme: 'miit_sme_ladder',
    levels: ['municipal', 'provincial'],
    validityMonths: THREE_YEARS,
    certificate: true,
    countsAs: [],
    note: "First rung of MIIT's ladder (Xiamen 000: \"创新型中小企业-专精特新中小企业-专精特新'小巨人'企业\").",
  },
  srdi_sme: {
    name: { zh: '专精特新中小企业', en: 'SRDI SME' },
    programme: 'miit_sme_ladder',
    levels: ['municipal', 'provincial'],
    validityMonths: THREE_YEARS,
    certificate: true,
    countsAs: ['innovative_sme'],
    note: 'Municipal or provincial (Jiangmen 004: 市级/省级; Chongqing 002: 市级 = provincial level).',
  },
  little_giant: {
    name: { zh: '专精特新"小巨人"', en: 'SRDI "little giant"' },
    programme: 'miit_sme_ladder',
    levels: ['national'],
    validityMonths: THREE_YEARS,
    certificate: true,
    countsAs: ['srdi_sme', 'innovative_sme'],
    note: 'National (MIIT). Counts as an SRDI SME: Xiamen 000 "专精特新中小企业(含专精特新\'小巨人\'企业)".',
  },
  key_little_giant: {
    name: { zh: '专精特新重点"小巨人"', en: 'Key little giant' },
    programme: 'miit_sme_ladder',
    levels: ['national'],
    validityMonths: THREE_YEARS,
    certificate: true,
    countsAs: ['little_giant', 'srdi_sme', 'innovative_sme'],
    note: 'A subset of national little giants (Xiamen 000: 31 key among 174).',
  },
  single_champion: {
    name: { zh: '制造业单项冠军示范企业', en: 'Manufacturing single champion (demonstration firm)' },
    programme: 'miit_single_champion',
    levels: ['provincial', 'national'],
    validityMonths: THREE_YEARS,
    certificate: true,
    countsAs: [],
    note: 'A separate MIIT programme for manufacturers, often not SMEs: not by itself a little giant or SRDI SME.',
  },
  single_champion_product: {
    name: { zh: '制造业单项冠军产品', en: 'Manufacturing single-champion product' },
    programme: 'miit_single_champion',
    levels: ['provincial', 'national'],
    validityMonths: THREE_YEARS,
    certificate: true,
    countsAs: [],
    note: 'Jiaxing 001 awards "单项冠军"产品 apart from 示范企业 (CNY 1.5M vs 2M).',
  },
  single_champion_cultivation: {
    name: { zh: '单项冠军培育企业', en: 'Single-champion cultivation firm' },
    programme: 'miit_single_champion',
    levels: ['provincial'],
    validityMonths: THREE_YEARS,
    certificate: false,
    countsAs: [],
    note: 'A cultivation list (Jiaxing 001: 省级"单项冠军"培育企业), not a single-champion certificate.',
  },
  hidden_champion: {
    name: { zh: '隐形冠军', en: 'Hidden champion' },
    programme: 'zhejiang_hidden_champion',
    levels: ['municipal', 'provincial'],
    validityMonths: THREE_YEARS,
    certificate: true,
    countsAs: [],
    note: 'Jiaxing 001: 省级"隐形冠军", at the little-giant step of its ladder but its own title.',
  },
  high_tech: {
    name: { zh: '高新技术企业', en: 'National high-tech enterprise' },
    programme: 'most_high_tech',
    levels: ['national'],
    validityMonths: THREE_YEARS,
    certificate: true,
    countsAs: [],
    note: 'Orthogonal label (Hangzhou 003: 国高企化).',
  },
  golden_seed: {
    name: { zh: '"金种子"企业', en: '"Golden seed" pre-IPO firm' },
    programme: 'jiangmen_golden_seed',
    levels: ['municipal'],
    validityMonths: 6,
    certificate: true,
    countsAs: [],
    note: 'Jiangmen 004: "每半年组织一次认定\'金种子\'企业,并进行动态管理" — valid half a year unless the list says otherwise.',
  },
  listing_reserve: {
    name: { zh: '上市后备企业', en: 'Listing reserve firm' },
    programme: 'listing_reserve',
    levels: ['municipal', 'provincial'],
    validityMonths: THREE_YEARS,
    certificate: true,
    countsAs: [],
    note: 'Xiamen 000: 重点上市后备企业库.',
  },
  first_set_equipment: {
    name: { zh: '重大技术装备首台套', en: 'First-of-its-kind major equipment' },
    programme: 'first_set_equipment',
    levels: ['municipal', 'provincial', 'national'],
    validityMonths: THREE_YEARS,
    certificate: true,
    countsAs: [],
    note: 'Jiaxing 001: 国内、省内、市内重大技术装备首台套 (CNY 1.5M / 500k / 200k).',
  },
  chain_master_factory: {
    name: { zh: '"链主工厂"', en: '"Chain-leader factory"' },
    programme: 'hangzhou_future_factory',
    levels: ['municipal'],
    validityMonths: THREE_YEARS,
    certificate: true,
    countsAs: [],
    note: 'Hangzhou 003: 市"未来工厂" rating, one-off grant ≤ CNY 5M.',
  },
  smart_factory: {
    name: { zh: '"智能工厂"', en: '"Smart factory"' },
    programme: 'hangzhou_future_factory',
    levels: ['municipal'],
    validityMonths: THREE_YEARS,
    certificate: true,
    countsAs: [],
    note: 'Hangzhou 003: 市"未来工厂" rating, one-off grant ≤ CNY 2M.',
  },
  digital_workshop: {
    name: { zh: '"数字化车间"', en: '"Digital workshop"' },
    programme: 'hangzhou_future_factory',
    levels: ['municipal'],
    validityMonths: THREE_YEARS,
    certificate: true,
    countsAs: [],
    note: 'Hangzhou 003: 市"未来工厂" rating, one-off grant ≤ CNY 800k.',
  },
};

export const TIER_NAMES: Record<Tier, { zh: string; en: string }> = Object.fromEntries(
  TIERS.map((t) => [t, DESIGNATIONS[t].name]),
) as Record<Tier, { zh: string; en: string }>;

export const LABEL_NAMES: Record<Label, { zh: string; en: string }> = Object.fromEntries(
  LABELS.map((l) => [l, DESIGNATIONS[l].name]),
) as Record<Label, { zh: string; en: string }>;

/** GB/T 2260 province codes of the 直辖市, whose 市级 lists are provincial-level. */
export const DIRECT_MUNICIPALITIES: ReadonlySet<string> = new Set(['11', '12', '31', '50']);

/** The level a certificate counts at: a 直辖市's 市级 certificate is provincial-level (Chongqing 002). */
export function effectiveLevel(level: Level, firmRegionCode: string): Level {
  return level === 'municipal' && DIRECT_MUNICIPALITIES.has(firmRegionCode.slice(0, 2))
    ? 'provincial'
    : level;
}

/** Is `level` one this designation is issued at? (A municipal little giant does not exist.) */
export function levelAllowed(designation: Designation, level: Level): boolean {
  return DESIGNATIONS[designation].levels.includes(level);
}

/** The lowest level of `designation` at or above `level`, or undefined when it is never issued that high. */
export function lowestLevelAtLeast(designation: Designation, level: Level = 'municipal'): Level | undefined {
  return DESIGNATIONS[designation].levels.find((l) => levelRank(l) >= levelRank(level));
}

export interface Qualification {
  designation: Designation;
  level: Level;
}

/**
 * Eligibility reading of the relation: every (designation, level) a certificate counts as.
 * Its own designation and, on the SME ladder, every rung below; at each of those, every
 * level it is issued at up to the certificate's effective level (a national little giant
 * counts as a provincial — and municipal — SRDI SME: "省级及以上专精特新中小企业").
 */
export function countsAs(designation: Designation, level: Level, firmRegionCode: string): Qualification[] {
  const eff = levelRank(effectiveLevel(level, firmRegionCode));
  const out: Qualification[] = [];
  for (const d of [designation, ...DESIGNATIONS[designation].countsAs])
    for (const l of DESIGNATIONS[d].levels) if (levelRank(l) <= eff) out.push({ designation: d, level: l });
  return out;
}

/** Does a certificate count as `target` at `level` or above, for eligibility? */
export function certificateCountsAs(
  cert: { designation: Designation; level: Level },
  target: Designation,
  level: Level | undefined,
  firmRegionCode: string,
): boolean {
  const need = lowestLevelAtLeast(target, level);
  if (need === undefined) return false;
  return countsAs(cert.designation, cert.level, firmRegionCode).some(
    (q) => q.designation === target && q.level === need,
  );
}

/**
 * Title reading of the relation (awards for a title obtained): only this very designation,
 * at exactly `level` when one is given (effective level: a Chongqing 市级 title is provincial).
 */
export function isTitle(
  cert: { designation: Designation; level: Level },
  target: Designation,
  level: Level | undefined,
  firmRegionCode: string,
): boolean {
  return (
    cert.designation === target &&
    (level === undefined || effectiveLevel(cert.level, firmRegionCode) === level)
  );
}

/**
 * Display order only (a lead's headline certificate), never eligibility: the SME ladder
 * top-down, then the parallel programmes.
 */
export const HEADLINE_ORDER: readonly Tier[] = [
  'key_little_giant',
  'little_giant',
  'single_champion',
  'single_champion_product',
  'srdi_sme',
  'innovative_sme',
  'tech_sme',
  'single_champion_cultivation',
];

/** Index of a tier in HEADLINE_ORDER reversed: higher = shown first. Display only. */
export function headlineRank(tier: Tier): number {
  return HEADLINE_ORDER.length - HEADLINE_ORDER.indexOf(tier);
}

/** The designations whose certificates count as `tier` for eligibility, other than itself (reverse relation). */
export function countedBy(tier: Tier): Tier[] {
  return TIERS.filter((t) => t !== tier && DESIGNATIONS[t].countsAs.includes(tier));
}
