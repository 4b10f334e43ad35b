import type { BenefitInput } from '#domain/product.ts';
import { REGION, SEEDS } from './sources.ts';

/**
 * Non-financing grants and awards shown beside the financing products. Figures are the
 * seeds'; one-off certificate awards are paid on (new) certification.
 */
/** Jiaxing's one sentence on its ladder awards, quoted by each of the three awards. */
const jiaxingLadderQuote =
  '对获得国家级专精特新“小巨人”企业、省级“隐形冠军”企业、省级“专精特新”中小企业分别给予150万元、100万元、10万元的奖励。';

export const BENEFITS: BenefitInput[] = [
  // Xiamen (000): 二(一)1 — 小巨人奖励, 技改补助, 研发费用补助.
  {
    id: 'xiamen-little-giant-award',
    kind: 'certificate_award',
    name: { zh: '国家级专精特新"小巨人"一次性奖励', en: 'National little-giant one-off award' },
    description: {
      zh: '对评为国家级专精特新"小巨人"的企业，一次性给予50万元奖励。',
      en: 'CNY 500k, once, for a firm rated a national SRDI little giant.',
    },
    regionScope: [REGION.xiamen],
    eligibility: [{ rule: 'tier_at_least', tier: 'little_giant', level: 'national' }],
    maxYuan: 500_000,
    oneOff: true,
    source: {
      ...SEEDS.xiamen,
      quote: '二是实施专精特新“小巨人”奖励,对评为国家级专精特新“小巨人”的企业,一次性给予50万元奖励。',
    },
  },
  {
    id: 'xiamen-tech-upgrade-subsidy',
    kind: 'equipment_upgrade_subsidy',
    name: { zh: '技术改造补助', en: 'Technology-upgrade subsidy' },
    description: {
      zh: '企业实施技术改造项目（含数字化转型），按设备投入最高10%给予补助，每家企业最高2000万元，重点"小巨人"企业最高5000万元。',
      en: 'Up to 10% of equipment (incl. digital) spend on an upgrade project, at most CNY 20M per firm, CNY 50M for key little giants.',
    },
    regionScope: [REGION.xiamen],
    eligibility: [{ rule: 'tier_at_least', tier: 'srdi_sme' }],
    shareBp: 1000,
    maxYuan: 20_000_000,
    capOverrides: [{ tier: 'key_little_giant', maxYuan: 50_000_000 }],
    purposes: ['equipment_upgrade'],
    source: {
      ...SEEDS.xiamen,
      quote:
        '企业实施技术改造项目(含数字化转型),可按照设备投入(含数字化投入)最高10%给予补助,每家企业最高补助2000万元,其中,专精特新重点“小巨人”企业每家最高补助5000万元。',
    },
  },
  {
    id: 'xiamen-rnd-subsidy',
    kind: 'rnd_subsidy',
    name: { zh: '研发费用补助', en: 'R&D expense subsidy' },
    description: {
      zh: '研发费用达到一定条件的分档给予奖励，每家企业最高500万元，重点"小巨人"企业最高1000万元。',
      en: 'Tiered awards on qualifying R&D spend, at most CNY 5M per firm, CNY 10M for key little giants.',
    },
    regionScope: [REGION.xiamen],
    eligibility: [{ rule: 'tier_at_least', tier: 'srdi_sme' }],
    maxYuan: 5_000_000,
    capOverrides: [{ tier: 'key_little_giant', maxYuan: 10_000_000 }],
    purposes: ['rnd'],
    source: {
      ...SEEDS.xiamen,
      quote:
        '对企业研发费用达到一定条件的分档给予奖励,每家企业最高补助500万元,其中专精特新重点“小巨人”企业每家最高补助1000万元。',
    },
  },
  // Jiaxing (001): 二(二)3 — certificate awards; 二(三)8 — key R&D projects.
  {
    id: 'jiaxing-single-champion-award',
    kind: 'certificate_award',
    name: { zh: '国家制造业"单项冠军"示范企业奖励', en: 'National single-champion demonstration award' },
    description: {
      zh: '新认定的国家制造业"单项冠军"示范企业奖励200万元（"单项冠军"产品150万元）。',
      en: 'CNY 2M for a newly certified national single-champion demonstration firm (CNY 1.5M for a single-champion product).',
    },
    regionScope: [REGION.jiaxing],
    eligibility: [{ rule: 'tier_at_least', tier: 'single_champion', level: 'national' }],
    maxYuan: 2_000_000,
    exclusiveGroup: 'jiaxing-single-champion',
    oneOff: true,
    source: {
      ...SEEDS.jiaxing,
      quote:
        '对新认定的国家制造业“单项冠军”示范企业给予200万元的奖励、“单项冠军”产品给予150万元的奖励,对省级“单项冠军”培育企业给予30万元的奖励。',
    },
  },
  {
    id: 'jiaxing-single-champion-cultivation-award',
    kind: 'certificate_award',
    name: { zh: '省级"单项冠军"培育企业奖励', en: 'Provincial single-champion cultivation award' },
    description: {
      zh: '省级"单项冠军"培育企业奖励30万元。',
      en: 'CNY 300k for a provincial single-champion cultivation firm.',
    },
    regionScope: [REGION.jiaxing],
    eligibility: [{ rule: 'tier_at_least', tier: 'single_champion', level: 'provincial' }],
    maxYuan: 300_000,
    exclusiveGroup: 'jiaxing-single-champion',
    oneOff: true,
    source: { ...SEEDS.jiaxing, quote: '对省级“单项冠军”培育企业给予30万元的奖励。' },
  },
  {
    id: 'jiaxing-little-giant-award',
    kind: 'certificate_award',
    name: { zh: '国家级专精特新"小巨人"奖励', en: 'National little-giant award' },
    description: {
      zh: '获得国家级专精特新"小巨人"称号的企业奖励150万元。',
      en: 'CNY 1.5M for a firm rated a national little giant.',
    },
    regionScope: [REGION.jiaxing],
    eligibility: [{ rule: 'tier_at_least', tier: 'little_giant', level: 'national' }],
    maxYuan: 1_500_000,
    exclusiveGroup: 'jiaxing-ladder',
    oneOff: true,
    source: {
      ...SEEDS.jiaxing,
      quote: jiaxingLadderQuote,
    },
  },
  {
    id: 'jiaxing-provincial-srdi-award',
    kind: 'certificate_award',
    name: { zh: '省级"专精特新"中小企业奖励', en: 'Provincial SRDI SME award' },
    description: {
      zh: '获得省级"专精特新"中小企业称号的企业奖励10万元。',
      en: 'CNY 100k for a firm certified a provincial SRDI SME.',
    },
    regionScope: [REGION.jiaxing],
    eligibility: [{ rule: 'tier_at_least', tier: 'srdi_sme', level: 'provincial' }],
    maxYuan: 100_000,
    exclusiveGroup: 'jiaxing-ladder',
    oneOff: true,
    source: {
      ...SEEDS.jiaxing,
      quote: jiaxingLadderQuote,
    },
  },
  {
    id: 'jiaxing-hidden-champion-award',
    kind: 'certificate_award',
    name: { zh: '省级"隐形冠军"企业奖励', en: 'Provincial hidden-champion award' },
    description: {
      zh: '获得省级"隐形冠军"称号的企业奖励100万元。',
      en: 'CNY 1M for a firm named a provincial hidden champion.',
    },
    regionScope: [REGION.jiaxing],
    eligibility: [{ rule: 'label', anyOf: ['hidden_champion'], level: 'provincial' }],
    maxYuan: 1_000_000,
    oneOff: true,
    source: {
      ...SEEDS.jiaxing,
      quote: jiaxingLadderQuote,
    },
  },
  {
    id: 'jiaxing-key-rnd-programme',
    kind: 'rnd_subsidy',
    name: { zh: '市重点研发计划项目资金支持', en: 'City key R&D programme funding' },
    description: {
      zh: '专精特新中小企业牵头科技攻关，申报市重点研发计划项目给予最高100万元支持；列入国家、省重点研发专项的最高1:1配套。',
      en: 'Up to CNY 1M for SRDI SMEs leading a city key R&D project; national or provincial key projects can be matched up to 1:1.',
    },
    regionScope: [REGION.jiaxing],
    eligibility: [{ rule: 'tier_at_least', tier: 'srdi_sme' }],
    maxYuan: 1_000_000,
    purposes: ['rnd'],
    source: {
      ...SEEDS.jiaxing,
      quote:
        '申报我市重点研发计划项目,给予最高100万元资金支持;对列入国家、省重点研发专项的,根据情况最高可给予1:1配套补助。',
    },
  },
  // Jiangmen (004): 二(一) — awards in 2022–2023, amounts not stated.
  {
    id: 'jiangmen-certificate-award',
    kind: 'certificate_award',
    name: {
      zh: '"小巨人"、广东省专精特新称号资金奖励',
      en: 'Little-giant / Guangdong SRDI certificate award',
    },
    description: {
      zh: '2022—2023年期间，对获得"专精特新小巨人"和"广东省专精特新中小企业"称号的企业给予资金奖励（金额未载明）。',
      en: 'In 2022–2023, a cash award for firms certified little giants or Guangdong provincial SRDI SMEs (amount not stated).',
    },
    regionScope: [REGION.jiangmen],
    eligibility: [{ rule: 'tier_at_least', tier: 'srdi_sme', level: 'provincial' }],
    oneOff: true,
    validFrom: '2022-01-01',
    validTo: '2023-12-31',
    source: {
      ...SEEDS.jiangmen,
      quote: '在2022—2023年期间,对获得“专精特新‘小巨人’企业”“广东省专精特新中小企业”称号的企业给予资金奖励。',
    },
  },
];
