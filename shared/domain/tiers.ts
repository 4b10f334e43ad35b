import * as z from 'zod';

/**
 * The tier ladder (梯度培育), lowest first. Rank order is what "tier at or above X"
 * compares. 省级隐形冠军 (Jiaxing) sits at little-giant level but is a label, not a tier.
 */
export const TIERS = [
  'tech_sme',
  'innovative_sme',
  'srdi_sme',
  'little_giant',
  'key_little_giant',
  'single_champion',
] as const;
export const TierSchema = z.enum(TIERS);
export type Tier = z.infer<typeof TierSchema>;

export const TIER_NAMES: Record<Tier, { zh: string; en: string }> = {
  tech_sme: { zh: '科技型中小企业', en: 'Tech-based SME' },
  innovative_sme: { zh: '创新型中小企业', en: 'Innovative SME' },
  srdi_sme: { zh: '专精特新中小企业', en: 'SRDI SME' },
  little_giant: { zh: '专精特新"小巨人"', en: 'SRDI "little giant"' },
  key_little_giant: { zh: '重点"小巨人"', en: 'Key little giant' },
  single_champion: { zh: '制造业单项冠军', en: 'Manufacturing single champion' },
};

export function tierRank(tier: Tier): number {
  return TIERS.indexOf(tier);
}

/** Orthogonal labels a firm may hold beside its tier. */
export const LABELS = ['hidden_champion', 'high_tech', 'golden_seed', 'listing_reserve'] as const;
export const LabelSchema = z.enum(LABELS);
export type Label = z.infer<typeof LabelSchema>;

export const LABEL_NAMES: Record<Label, { zh: string; en: string }> = {
  hidden_champion: { zh: '隐形冠军', en: 'Hidden champion' },
  high_tech: { zh: '高新技术企业', en: 'National high-tech enterprise' },
  golden_seed: { zh: '"金种子"企业', en: '"Golden seed" pre-IPO firm' },
  listing_reserve: { zh: '上市后备企业', en: 'Listing reserve firm' },
};

/** Certification level, lowest first. */
export const LEVELS = ['municipal', 'provincial', 'national'] as const;
export const LevelSchema = z.enum(LEVELS);
export type Level = z.infer<typeof LevelSchema>;

export const LEVEL_NAMES: Record<Level, { zh: string; en: string }> = {
  municipal: { zh: '市级', en: 'municipal' },
  provincial: { zh: '省级', en: 'provincial' },
  national: { zh: '国家级', en: 'national' },
};

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}
