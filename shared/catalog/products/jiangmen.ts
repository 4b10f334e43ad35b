import type { ProductInput } from '#domain/product.ts';
import { REGION, SEEDS } from '../sources.ts';

/**
 * Jiangmen: 江府办函〔2022〕125号, 江门市促进专精特新和"金种子"企业增量提质实施方案
 * (2022—2024), in force from 2022-08-05 for three years. Section 二(六) financing and
 * 二(八) the LPR cap for provincial-or-above SRDI and 金种子 firms "在有效期内".
 */
const source = SEEDS.jiangmen;
const jiangmen = [REGION.jiangmen];
const planValidity = { validFrom: '2022-08-05', validTo: '2025-08-04' } as const;
const financingQuote =
  '引导金融机构为专精特新和“金种子”企业提供专属融资产品,特别是纯信用融资产品。充分运用人民银行科技创新再贷款货币政策工具,支持金融机构向“专精特新”中小企业发放优惠贷款;运用风险补偿资金“政银保”项目,推广专精特新和“金种子”企业批量融资服务';

export const JIANGMEN_PRODUCTS: ProductInput[] = [
  {
    id: 'jiangmen-lpr-cap',
    // A policy product: certificates count only when on an imported certified list ("经认定的").
    requiresVerifiedCertificates: true,
    kind: 'rate_cap',
    institutionId: 'jiangmen-finance-bureau',
    name: { zh: '一年期贷款利率不高于LPR', en: '1-year loans at or below the LPR' },
    description: {
      zh: '省级及以上专精特新中小企业和"金种子"企业在有效期内，辖区内银行机构新发放的一年期贷款利率最高不超过最近一次公布的同期同档次LPR。',
      en: 'For provincial-or-above SRDI SMEs and 金种子 firms, new 1-year loans from local banks are priced at or below the latest published LPR of that tenor.',
    },
    term: { maxMonths: 12 },
    pricing: { type: 'rate_cap', capSpreadBp: 0 },
    regionScope: jiangmen,
    eligibility: [{ rule: 'tier_or_label', tier: 'srdi_sme', level: 'provincial', labels: ['golden_seed'] }],
    stacksOnKinds: ['bank_loan', 'relending'],
    ...planValidity,
    source: {
      ...source,
      quote:
        '省级及以上专精特新中小企业和“金种子”企业在有效期内可享受以下方面的专项保障:……在贷款方面,推动辖区内银行机构对相关主体新发放的一年期贷款利率最高不超过最近1次公布的同期同档次贷款市场报价利率(LPR)。',
    },
  },
  {
    id: 'jiangmen-srdi-credit-loan',
    kind: 'bank_loan',
    institutionId: 'jiangmen-demo-bank',
    name: { zh: '专精特新"金种子"纯信用贷（示例）', en: 'SRDI / golden-seed pure credit loan (demo)' },
    description: {
      zh: '示例产品：为专精特新和"金种子"企业提供的专属纯信用融资产品；额度、期限、利率为示意（一年期内可适用LPR上限）。',
      en: 'Demo entry: an exclusive pure-credit loan for SRDI and golden-seed firms; figures are illustrative (the LPR cap can apply up to 1 year).',
    },
    amount: { maxYuan: 10_000_000 },
    term: { maxMonths: 36 },
    pricing: { type: 'lpr_spread', spreadBp: 60 },
    illustrativeFigures: ['amount.maxYuan', 'term.maxMonths', 'pricing.spreadBp'],
    regionScope: jiangmen,
    eligibility: [{ rule: 'tier_or_label', tier: 'srdi_sme', labels: ['golden_seed'] }],
    demo: true,
    source: { ...source, quote: financingQuote },
  },
  {
    id: 'jiangmen-relending-loan',
    kind: 'relending',
    institutionId: 'jiangmen-demo-bank',
    name: { zh: '科技创新再贷款支持的优惠贷款（示例）', en: 'Tech-innovation relending loan (demo)' },
    description: {
      zh: '示例产品：金融机构运用人民银行科技创新再贷款向专精特新中小企业发放的优惠贷款；额度、期限、利率为示意。',
      en: "Demo entry: a preferential loan banks fund with the PBoC's tech-innovation relending; figures are illustrative.",
    },
    amount: { maxYuan: 10_000_000 },
    term: { maxMonths: 36 },
    pricing: { type: 'lpr_spread', spreadBp: -10 },
    illustrativeFigures: ['amount.maxYuan', 'term.maxMonths', 'pricing.spreadBp'],
    regionScope: jiangmen,
    // "支持金融机构向'专精特新'中小企业发放优惠贷款": no purpose stated, none required.
    eligibility: [{ rule: 'tier_at_least', tier: 'srdi_sme' }],
    demo: true,
    source: { ...source, quote: financingQuote },
  },
  {
    id: 'jiangmen-zhengyinbao',
    // A policy product: certificates count only when on an imported certified list ("经认定的").
    requiresVerifiedCertificates: true,
    kind: 'risk_compensation',
    institutionId: 'jiangmen-finance-bureau',
    name: {
      zh: '风险补偿资金"政银保"批量融资',
      en: '"Government-bank-insurer" risk-compensation batch financing',
    },
    description: {
      zh: '运用风险补偿资金"政银保"项目，为专精特新和"金种子"企业提供批量融资：政府风险补偿+保险保证，替代抵押物。保费为示意。',
      en: 'A government risk pool plus insurer guarantee for batch lending to SRDI and golden-seed firms, in place of collateral. The premium is illustrative.',
    },
    pricing: { type: 'guarantee_fee', annualFeeBp: 100 },
    illustrativeFigures: ['pricing.annualFeeBp'],
    regionScope: jiangmen,
    eligibility: [{ rule: 'tier_or_label', tier: 'srdi_sme', labels: ['golden_seed'] }],
    stacksOnKinds: ['bank_loan'],
    replacesCollateral: true,
    ...planValidity,
    source: { ...source, quote: financingQuote },
  },
  {
    id: 'jiangmen-demo-equipment-loan',
    kind: 'bank_loan',
    institutionId: 'jiangmen-demo-bank',
    name: { zh: '设备购置抵押贷（示例）', en: 'Equipment purchase loan (demo)' },
    description: {
      zh: '示例产品：支持购置研发设备、智能化改造的抵押贷款；可与"政银保"组合，以保证保险替代抵押。数字为示意。',
      en: 'Demo entry: a secured loan for R&D equipment and smart upgrades; with the 政银保 pool the insurer guarantee replaces the collateral. Figures are illustrative.',
    },
    amount: { maxYuan: 20_000_000 },
    term: { maxMonths: 60 },
    pricing: { type: 'lpr_spread', spreadBp: 40 },
    illustrativeFigures: ['amount.maxYuan', 'term.maxMonths', 'pricing.spreadBp'],
    regionScope: jiangmen,
    eligibility: [
      { rule: 'tier_or_label', tier: 'srdi_sme', labels: ['golden_seed'] },
      { rule: 'collateral', accepted: ['equipment', 'real_estate'] },
    ],
    demo: true,
    source: {
      ...source,
      quote:
        '支持专精特新和“金种子”企业购置研发设备、软件……鼓励银行、保险或融资担保机构为专精特新和“金种子”企业量身定制金融服务方案,打造专属信贷产品',
    },
  },
  {
    id: 'jiangmen-guidance-fund',
    kind: 'equity_fund',
    institutionId: 'jiangmen-guidance-fund',
    name: { zh: '江门市产业引导基金', en: 'Jiangmen industrial guidance fund' },
    description: {
      zh: '充分发挥产业引导基金作用，促进社会资本加大对专精特新和"金种子"企业股权投资力度；基金规模未载明。',
      en: "The city's industrial guidance fund, drawing private capital into equity in SRDI and golden-seed firms; its size is not stated.",
    },
    pricing: { type: 'none' },
    regionScope: jiangmen,
    eligibility: [{ rule: 'tier_or_label', tier: 'srdi_sme', labels: ['golden_seed'] }],
    ...planValidity,
    source: {
      ...source,
      quote:
        '充分发挥产业引导基金作用,鼓励落户江门人才岛的各类投资基金投资我市专精特新和“金种子”企业,促进社会资本加大对专精特新和“金种子”企业股权投资力度',
    },
  },
  {
    id: 'jiangmen-talent-island-funds',
    kind: 'equity_fund',
    institutionId: 'jiangmen-demo-talent-island-fund',
    name: { zh: '江门人才岛投资基金（示例）', en: 'Jiangmen Talent Island investment funds (demo)' },
    description: {
      zh: '示例条目：鼓励落户江门人才岛的各类投资基金投资江门专精特新和"金种子"企业；种子文件未点名具体基金。',
      en: 'Demo entry: investment funds based on Jiangmen Talent Island are encouraged to invest in local SRDI and golden-seed firms; the seed names no fund.',
    },
    pricing: { type: 'none' },
    regionScope: jiangmen,
    eligibility: [{ rule: 'tier_or_label', tier: 'srdi_sme', labels: ['golden_seed'] }],
    demo: true,
    ...planValidity,
    source: {
      ...source,
      quote: '鼓励落户江门人才岛的各类投资基金投资我市专精特新和“金种子”企业',
    },
  },
  {
    id: 'jiangmen-listing-support',
    // A policy product: certificates count only when on an imported certified list ("经认定的").
    requiresVerifiedCertificates: true,
    kind: 'listing_support',
    institutionId: 'jiangmen-finance-bureau',
    name: { zh: '"金种子"企业上市培育', en: 'Golden-seed listing cultivation' },
    description: {
      zh: '发动专精特新企业进入"金种子"企业库培育，重点支持新三板挂牌和北交所上市，组织投资对接与项目路演。',
      en: 'SRDI firms join the golden-seed pool; NEEQ quotation and Beijing Stock Exchange listing are the focus, with investor matching and roadshows.',
    },
    pricing: { type: 'none' },
    regionScope: jiangmen,
    eligibility: [
      { rule: 'tier_or_label', tier: 'srdi_sme', labels: ['golden_seed'] },
      { rule: 'listing_not', listings: ['main', 'star', 'chinext', 'bse'] },
    ],
    ...planValidity,
    source: {
      ...source,
      quote: '积极发动辖内专精特新企业进入“金种子”企业库培育……重点支持专精特新企业在新三板挂牌和北交所上市。',
    },
  },
];
