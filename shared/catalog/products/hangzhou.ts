import type { ProductInput } from '#domain/product.ts';
import { REGION, SEEDS } from '../sources.ts';

/**
 * Hangzhou: 杭州市经信局 reply 杭经信提〔2023〕097号, section 三: 专精特新贷, IP-pledge
 * financing, 投贷联动/股债联动, 专精特新保 (lower comprehensive guarantee fee),
 * 专精特新险 (credit-guarantee insurance), the Beijing Stock Exchange Zhejiang base.
 * Institutions are named generically: demo entries with illustrative figures.
 */
const source = SEEDS.hangzhou;
const hangzhou = [REGION.hangzhou];
const channelsQuote =
  '引导银行机构创新专精特新企业服务体系,深化“知识产权质押融资”“投贷联动”“股债联动”模式,推出“专精特新贷”,满足企业不同阶段的资金需求。';

export const HANGZHOU_PRODUCTS: ProductInput[] = [
  {
    id: 'hangzhou-srdi-loan',
    kind: 'bank_loan',
    institutionId: 'hangzhou-demo-bank',
    name: { zh: '专精特新贷（示例）', en: 'SRDI loan (demo)' },
    description: {
      zh: '示例产品：银行机构推出的"专精特新贷"；额度、期限、利率为示意。',
      en: 'Demo entry: a bank "SRDI loan"; amount, term and rate are illustrative.',
    },
    amount: { maxYuan: 10_000_000 },
    term: { maxMonths: 36 },
    pricing: { type: 'lpr_spread', spreadBp: 40 },
    illustrativeFigures: ['amount.maxYuan', 'term.maxMonths', 'pricing.spreadBp'],
    regionScope: hangzhou,
    eligibility: [{ rule: 'tier_at_least', tier: 'srdi_sme' }],
    demo: true,
    source: { ...source, quote: channelsQuote },
  },
  {
    id: 'hangzhou-ip-pledge-loan',
    kind: 'bank_loan',
    institutionId: 'hangzhou-demo-bank',
    name: { zh: '知识产权质押融资（示例）', en: 'IP-pledge financing (demo)' },
    description: {
      zh: '示例产品：以专利、商标质押的贷款；额度、期限、利率为示意。',
      en: 'Demo entry: a loan secured by patents and trademarks; amount, term and rate are illustrative.',
    },
    amount: { maxYuan: 20_000_000 },
    term: { maxMonths: 36 },
    pricing: { type: 'lpr_spread', spreadBp: 50 },
    illustrativeFigures: ['amount.maxYuan', 'term.maxMonths', 'pricing.spreadBp'],
    regionScope: hangzhou,
    // "知识产权质押融资": patents and trademarks; no invention patent required.
    eligibility: [
      { rule: 'tier_at_least', tier: 'srdi_sme' },
      { rule: 'collateral', accepted: ['ip'] },
    ],
    demo: true,
    source: { ...source, quote: channelsQuote },
  },
  {
    id: 'hangzhou-investment-loan-linkage',
    kind: 'bank_loan',
    institutionId: 'hangzhou-demo-bank',
    name: { zh: '投贷联动贷款（示例）', en: 'Investment-linked loan (demo)' },
    description: {
      zh: '示例产品："投贷联动/股债联动"模式下与股权投资配套的贷款；研发强度门槛、用途与数字为示意。',
      en: 'Demo entry: a loan paired with an equity investment ("投贷联动"); the R&D threshold, purposes and figures are illustrative.',
    },
    amount: { maxYuan: 30_000_000 },
    term: { maxMonths: 36 },
    pricing: { type: 'lpr_spread', spreadBp: 30 },
    illustrativeFigures: ['amount.maxYuan', 'term.maxMonths', 'pricing.spreadBp'],
    regionScope: hangzhou,
    // The seed states no level, R&D threshold or purpose for 投贷联动: examples only.
    eligibility: [
      { rule: 'tier_at_least', tier: 'srdi_sme' },
      { rule: 'metric', metric: 'rndIntensityBp', min: 500, illustrative: true },
      { rule: 'purpose', anyOf: ['rnd', 'expansion'], illustrative: true },
    ],
    demo: true,
    source: { ...source, quote: channelsQuote },
  },
  {
    id: 'hangzhou-expansion-mortgage-loan',
    kind: 'bank_loan',
    institutionId: 'hangzhou-demo-bank',
    name: { zh: '扩产技改抵押贷（示例）', en: 'Expansion and upgrade mortgage loan (demo)' },
    description: {
      zh: '示例产品：以厂房、设备抵押的扩产技改贷款；无抵押物的企业可搭配"专精特新保"或"专精特新险"。数字为示意。',
      en: 'Demo entry: an expansion/upgrade loan secured by premises or equipment; firms without collateral can pair it with the SRDI guarantee or insurance. Figures are illustrative.',
    },
    amount: { maxYuan: 50_000_000 },
    term: { maxMonths: 60 },
    pricing: { type: 'lpr_spread', spreadBp: 30 },
    illustrativeFigures: ['amount.maxYuan', 'term.maxMonths', 'pricing.spreadBp'],
    regionScope: hangzhou,
    eligibility: [
      { rule: 'tier_at_least', tier: 'srdi_sme' },
      { rule: 'collateral', accepted: ['real_estate', 'equipment'] },
      { rule: 'purpose', anyOf: ['expansion', 'equipment_upgrade'] },
    ],
    demo: true,
    source: {
      ...source,
      quote: '帮助制造业企业降低融资成本、延长融资期限、扩大融资额度,推动金融活水更多流向制造业。',
    },
  },
  {
    id: 'hangzhou-srdi-guarantee',
    kind: 'guarantee',
    institutionId: 'hangzhou-demo-guarantor',
    name: { zh: '专精特新保', en: 'SRDI guarantee (专精特新保)' },
    description: {
      zh: '政府性融资担保机构开发的"专精特新保"，降低担保综合费率；为银行贷款提供担保，可替代抵押物。费率为示意。',
      en: 'A government guarantee for SRDI firms at a lower comprehensive fee; guarantees a bank loan in place of collateral. The fee is illustrative.',
    },
    pricing: { type: 'guarantee_fee', annualFeeBp: 50 },
    illustrativeFigures: ['pricing.annualFeeBp'],
    regionScope: hangzhou,
    eligibility: [{ rule: 'tier_at_least', tier: 'srdi_sme' }],
    stacksOnKinds: ['bank_loan'],
    replacesCollateral: true,
    source: { ...source, quote: '引导政府性融资担保机构开发“专精特新保”,降低担保综合费率。' },
  },
  {
    id: 'hangzhou-srdi-insurance',
    kind: 'credit_insurance',
    institutionId: 'hangzhou-demo-insurer',
    name: { zh: '专精特新险', en: 'SRDI credit-guarantee insurance (专精特新险)' },
    description: {
      zh: '保险机构推出的信用保证保险，为企业贷款提供保证，可替代抵押物。费率为示意。',
      en: "Credit-guarantee insurance: the insurer guarantees the firm's loan in place of collateral. The premium is illustrative.",
    },
    pricing: { type: 'guarantee_fee', annualFeeBp: 150 },
    illustrativeFigures: ['pricing.annualFeeBp'],
    regionScope: hangzhou,
    eligibility: [{ rule: 'tier_at_least', tier: 'srdi_sme' }],
    stacksOnKinds: ['bank_loan'],
    replacesCollateral: true,
    source: { ...source, quote: '鼓励保险机构推出“专精特新险”,为企业提供信用保证保险产品。' },
  },
  {
    id: 'hangzhou-listing-support',
    // A policy product: certificates count only when on an imported certified list ("经认定的").
    requiresVerifiedCertificates: true,
    kind: 'listing_support',
    institutionId: 'hangzhou-finance-regulator',
    name: { zh: '北交所浙江基地上市服务', en: 'Beijing Stock Exchange Zhejiang base listing services' },
    description: {
      zh: '依托北交所浙江基地和筹建中的"浙江专精特新板"，为专精特新企业提供挂牌上市培育服务。',
      en: 'Listing coaching through the Beijing Stock Exchange Zhejiang base and the planned Zhejiang SRDI board.',
    },
    pricing: { type: 'none' },
    regionScope: hangzhou,
    eligibility: [
      { rule: 'tier_at_least', tier: 'srdi_sme' },
      { rule: 'listing_not', listings: ['main', 'star', 'chinext', 'bse'] },
    ],
    source: {
      ...source,
      quote: '合作建设北交所浙江基地,推进创设“浙江专精特新板”。',
    },
  },
];
