import type { BenefitInput } from '#domain/product.ts';
import { REGION, SEEDS } from './sources.ts';

/**
 * Non-financing grants and awards shown beside the financing products. Figures are the
 * seeds'; one-off certificate awards are paid on (new) certification.
 */
/**
 * One-off awards key on the title's issue date (`title_obtained`, the title reading of the
 * tier relation: only the very title counts). Where the seed says "新认定" or "评为" but
 * gives no window, "newly" is taken as issued within the last 12 months — an illustrative
 * window, flagged so on the rule.
 */
const newly = { withinMonths: 12, illustrative: true } as const;

/** Jiaxing's one sentence on its ladder awards, quoted by each of the three awards. */
const jiaxingChampionQuote =
  '对新认定的国家制造业“单项冠军”示范企业给予200万元的奖励、“单项冠军”产品给予150万元的奖励,对省级“单项冠军”培育企业给予30万元的奖励。';

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
    eligibility: [
      { rule: 'title_obtained', titles: [{ tier: 'little_giant', level: 'national' }], ...newly },
    ],
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
  // Jiaxing (001): 二(二)3 — awards for newly certified titles; 二(三)8 — key R&D, 首台套.
  {
    id: 'jiaxing-single-champion-award',
    kind: 'certificate_award',
    name: { zh: '国家制造业"单项冠军"示范企业奖励', en: 'National single-champion demonstration award' },
    description: {
      zh: '新认定的国家制造业"单项冠军"示范企业奖励200万元。',
      en: 'CNY 2M for a newly certified national single-champion demonstration firm.',
    },
    regionScope: [REGION.jiaxing],
    eligibility: [
      { rule: 'title_obtained', titles: [{ tier: 'single_champion', level: 'national' }], ...newly },
    ],
    maxYuan: 2_000_000,
    oneOff: true,
    source: { ...SEEDS.jiaxing, quote: jiaxingChampionQuote },
  },
  {
    id: 'jiaxing-single-champion-product-award',
    kind: 'certificate_award',
    name: { zh: '国家制造业"单项冠军"产品奖励', en: 'National single-champion product award' },
    description: {
      zh: '新认定的国家制造业"单项冠军"产品奖励150万元。',
      en: 'CNY 1.5M for a newly certified national single-champion product.',
    },
    regionScope: [REGION.jiaxing],
    eligibility: [
      { rule: 'title_obtained', titles: [{ tier: 'single_champion_product', level: 'national' }], ...newly },
    ],
    maxYuan: 1_500_000,
    oneOff: true,
    source: { ...SEEDS.jiaxing, quote: jiaxingChampionQuote },
  },
  {
    id: 'jiaxing-single-champion-cultivation-award',
    kind: 'certificate_award',
    name: { zh: '省级"单项冠军"培育企业奖励', en: 'Provincial single-champion cultivation award' },
    description: {
      zh: '列入省级"单项冠军"培育企业名单的企业奖励30万元（培育名单，不等同于"单项冠军"认定）。',
      en: 'CNY 300k for a firm on the provincial single-champion cultivation list (a cultivation list, not a single-champion certificate).',
    },
    regionScope: [REGION.jiaxing],
    eligibility: [
      {
        rule: 'title_obtained',
        titles: [{ tier: 'single_champion_cultivation', level: 'provincial' }],
        ...newly,
      },
    ],
    maxYuan: 300_000,
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
    eligibility: [
      { rule: 'title_obtained', titles: [{ tier: 'little_giant', level: 'national' }], ...newly },
    ],
    maxYuan: 1_500_000,
    oneOff: true,
    source: { ...SEEDS.jiaxing, quote: jiaxingLadderQuote },
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
    eligibility: [{ rule: 'title_obtained', titles: [{ tier: 'srdi_sme', level: 'provincial' }], ...newly }],
    maxYuan: 100_000,
    oneOff: true,
    source: { ...SEEDS.jiaxing, quote: jiaxingLadderQuote },
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
    eligibility: [
      { rule: 'title_obtained', titles: [{ label: 'hidden_champion', level: 'provincial' }], ...newly },
    ],
    maxYuan: 1_000_000,
    oneOff: true,
    source: { ...SEEDS.jiaxing, quote: jiaxingLadderQuote },
  },
  ...(
    [
      ['national', '国内', 'national', 1_500_000],
      ['provincial', '省内', 'provincial', 500_000],
      ['municipal', '市内', 'municipal', 200_000],
    ] as const
  ).map(
    ([level, zh, en, maxYuan]): BenefitInput => ({
      id: `jiaxing-first-set-award-${level}`,
      kind: 'certificate_award',
      name: { zh: `${zh}重大技术装备首台套奖励`, en: `First-of-its-kind major equipment award (${en})` },
      description: {
        zh: `经认定的${zh}重大技术装备首台套奖励${maxYuan / 10_000}万元。`,
        en: `CNY ${maxYuan / 1_000_000}M for equipment recognised as ${en} first-of-its-kind major equipment.`,
      },
      regionScope: [REGION.jiaxing],
      eligibility: [{ rule: 'title_obtained', titles: [{ label: 'first_set_equipment', level }], ...newly }],
      maxYuan,
      exclusiveGroup: 'jiaxing-first-set',
      oneOff: true,
      source: {
        ...SEEDS.jiaxing,
        quote: '对经认定的国内、省内、市内重大技术装备首台套分别给予150万元、50万元和20万元的奖励。',
      },
    }),
  ),
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
  // Hangzhou (003): 二(二) — 市"未来工厂" one-off grants, "不超过" (up to).
  ...(
    [
      ['chain_master_factory', '"链主工厂"', 'chain-leader factory', 5_000_000],
      ['smart_factory', '"智能工厂"', 'smart factory', 2_000_000],
      ['digital_workshop', '"数字化车间"', 'digital workshop', 800_000],
    ] as const
  ).map(
    ([label, zh, en, maxYuan]): BenefitInput => ({
      id: `hangzhou-future-factory-${label.replaceAll('_', '-')}`,
      kind: 'certificate_award',
      name: { zh: `市"未来工厂"${zh}一次性补助`, en: `Future-factory grant: ${en}` },
      description: {
        zh: `对评定为${zh}的企业，给予不超过${maxYuan / 10_000}万元的一次性补助。`,
        en: `A one-off grant of up to CNY ${maxYuan / 1_000_000}M for a firm rated a ${en}.`,
      },
      regionScope: [REGION.hangzhou],
      eligibility: [{ rule: 'title_obtained', titles: [{ label, level: 'municipal' }], ...newly }],
      maxYuan,
      exclusiveGroup: 'hangzhou-future-factory',
      oneOff: true,
      purposes: ['equipment_upgrade'],
      source: {
        ...SEEDS.hangzhou,
        quote:
          '落实好市“未来工厂”奖补政策,对评定为“链主工厂”“智能工厂”和“数字化车间”的企业,分别给予不超过500万元、200万元、80万元的一次性补助。',
      },
    }),
  ),
  // Jiangmen (004): 二(一) — awards for titles obtained in 2022–2023 (amount not stated),
  // paid while the plan is in force (2022-08-05, three years).
  {
    id: 'jiangmen-certificate-award',
    kind: 'certificate_award',
    name: {
      zh: '"小巨人"、广东省专精特新称号资金奖励',
      en: 'Little-giant / Guangdong SRDI certificate award',
    },
    description: {
      zh: '对2022—2023年期间获得"专精特新小巨人"或"广东省专精特新中小企业"称号的企业给予资金奖励（金额未载明）。',
      en: 'A cash award for firms that obtained the little-giant or Guangdong provincial SRDI SME title in 2022–2023 (amount not stated).',
    },
    regionScope: [REGION.jiangmen],
    eligibility: [
      {
        rule: 'title_obtained',
        titles: [
          { tier: 'little_giant', level: 'national' },
          { tier: 'srdi_sme', level: 'provincial' },
        ],
        issuedFrom: '2022-01-01',
        issuedTo: '2023-12-31',
      },
    ],
    oneOff: true,
    validFrom: '2022-08-05',
    validTo: '2025-08-04',
    source: {
      ...SEEDS.jiangmen,
      quote: '在2022—2023年期间,对获得“专精特新‘小巨人’企业”“广东省专精特新中小企业”称号的企业给予资金奖励。',
    },
  },
];
