import type { ProductInput } from '#domain/product.ts';
import { REGION, SEEDS } from '../sources.ts';

/**
 * Chongqing: 重庆市经济和信息化委员会 reply on 第1152号 (2023-03-17), section 一(四) and 二(三):
 * the 渝企金服 platform's SRDI zone (10 exclusive products: credit, bonds, IP pledges),
 * "专精特新贷" / "小巨人贷", the SRDI development fund and the listing cultivation pool.
 * The seed names the bank products only generically: they are demo entries.
 */
const source = SEEDS.chongqing;
const chongqing = [REGION.chongqing];
const platformQuote =
  '在“渝企金服”平台设立专精特新融资服务专区,推动商业银行在信用贷、债券融资、知识产权抵质押贷等方面量身定制专精特新企业金融服务方案,目前已上线10项专属金融产品。';

export const CHONGQING_PRODUCTS: ProductInput[] = [
  {
    id: 'chongqing-srdi-loan',
    kind: 'bank_loan',
    institutionId: 'chongqing-demo-bank',
    name: { zh: '专精特新贷（示例）', en: 'SRDI loan (demo)' },
    description: {
      zh: '示例产品：渝企金服专精特新专区的银行专属信用贷款；额度、期限、利率为示意。',
      en: 'Demo entry: a bank-exclusive SRDI credit loan on the Yuqi Jinfu SRDI zone; amount, term and rate are illustrative.',
    },
    amount: { maxYuan: 10_000_000 },
    term: { maxMonths: 36 },
    pricing: { type: 'lpr_spread', spreadBp: 50 },
    illustrativeFigures: ['amount.maxYuan', 'term.maxMonths', 'pricing.spreadBp'],
    regionScope: chongqing,
    eligibility: [{ rule: 'tier_at_least', tier: 'srdi_sme' }],
    demo: true,
    source: { ...source, quote: '创新金融服务,量身定制“专精特新贷”“小巨人贷”等专属产品。' },
  },
  {
    id: 'chongqing-little-giant-loan',
    kind: 'bank_loan',
    institutionId: 'chongqing-demo-bank',
    name: { zh: '小巨人贷（示例）', en: 'Little-giant loan (demo)' },
    description: {
      zh: '示例产品：面向国家级专精特新"小巨人"企业的专属信用贷款；额度、期限、利率为示意。',
      en: 'Demo entry: an exclusive credit loan for national little giants; amount, term and rate are illustrative.',
    },
    amount: { maxYuan: 50_000_000 },
    term: { maxMonths: 60 },
    pricing: { type: 'lpr_spread', spreadBp: 30 },
    illustrativeFigures: ['amount.maxYuan', 'term.maxMonths', 'pricing.spreadBp'],
    regionScope: chongqing,
    eligibility: [{ rule: 'tier_at_least', tier: 'little_giant', level: 'national' }],
    demo: true,
    source: { ...source, quote: '创新金融服务,量身定制“专精特新贷”“小巨人贷”等专属产品。' },
  },
  {
    id: 'chongqing-ip-pledge-loan',
    kind: 'bank_loan',
    institutionId: 'chongqing-demo-bank',
    name: { zh: '知识产权质押贷（示例）', en: 'IP-pledge loan (demo)' },
    description: {
      zh: '示例产品：以专利、商标等知识产权质押的专精特新专属贷款；额度、期限、利率为示意。',
      en: 'Demo entry: an SRDI loan secured by patents and trademarks; amount, term and rate are illustrative.',
    },
    amount: { maxYuan: 20_000_000 },
    term: { maxMonths: 36 },
    pricing: { type: 'lpr_spread', spreadBp: 60 },
    illustrativeFigures: ['amount.maxYuan', 'term.maxMonths', 'pricing.spreadBp'],
    regionScope: chongqing,
    // "知识产权抵质押贷": patents, trademarks and other IP; no invention patent required.
    eligibility: [
      { rule: 'tier_at_least', tier: 'srdi_sme' },
      { rule: 'collateral', accepted: ['ip'] },
    ],
    demo: true,
    source: { ...source, quote: platformQuote },
  },
  {
    id: 'chongqing-srdi-bond-financing',
    kind: 'bond',
    institutionId: 'chongqing-demo-bank',
    name: { zh: '专精特新债券融资（示例）', en: 'SRDI bond financing (demo)' },
    description: {
      zh: '示例产品：渝企金服专精特新专区中商业银行量身定制的债券融资方案；起步金额、期限、票面利率与承销费为示意。',
      en: 'Demo entry: bond financing tailored by commercial banks in the Yuqi Jinfu SRDI zone; minimum size, term, coupon and underwriting fee are illustrative.',
    },
    amount: { minYuan: 10_000_000, maxYuan: 100_000_000 },
    term: { minMonths: 12, maxMonths: 36 },
    pricing: { type: 'lpr_spread', spreadBp: 20, annualFeeBp: 50 },
    illustrativeFigures: [
      'amount.minYuan',
      'amount.maxYuan',
      'term.minMonths',
      'term.maxMonths',
      'pricing.spreadBp',
      'pricing.annualFeeBp',
    ],
    regionScope: chongqing,
    eligibility: [{ rule: 'tier_at_least', tier: 'srdi_sme' }],
    demo: true,
    source: { ...source, quote: platformQuote },
  },
  {
    id: 'chongqing-srdi-development-fund',
    kind: 'equity_fund',
    institutionId: 'chongqing-srdi-fund',
    name: { zh: '重庆市专精特新企业发展基金', en: 'Chongqing SRDI Enterprise Development Fund' },
    description: {
      zh: '引导政府产业基金和社会资本、投资机构重点支持专精特新企业（优先方向，非准入门槛）；建设股权融资项目需求库和基金产品供给库，常态化开展投融资对接。',
      en: 'Government and private capital with SRDI firms as its focus (a preference, not a gate); a demand library of equity projects and a supply library of fund products, matched continuously.',
    },
    pricing: { type: 'none' },
    regionScope: chongqing,
    // "重点支持专精特新企业" is a preference, not a gate; the listing exclusion is not stated.
    eligibility: [{ rule: 'listing_not', listings: ['main', 'star', 'chinext', 'bse'], illustrative: true }],
    source: {
      ...source,
      quote:
        '推动建立重庆市专精特新企业发展基金。引导政府产业基金和社会资本、投资机构重点支持专精特新企业。……加快建设股权融资项目需求库和基金产品供给库,常态化开展投融资需求对接。',
    },
  },
  {
    id: 'chongqing-listing-support',
    // A policy product: certificates count only when on an imported certified list ("经认定的").
    requiresVerifiedCertificates: true,
    kind: 'listing_support',
    institutionId: 'chongqing-economy-commission',
    name: { zh: '工业企业上市培育库', en: 'Industrial listing cultivation pool' },
    description: {
      zh: '将有上市计划的专精特新企业纳入上市培育库辅导服务；2022年上市辅导活动20余场，服务企业400余家，累计推动19家专精特新企业上市。',
      en: 'SRDI firms planning to list join the cultivation pool for coaching; 20+ sessions and 400+ firms served in 2022, 19 SRDI firms listed so far.',
    },
    pricing: { type: 'none' },
    regionScope: chongqing,
    eligibility: [
      { rule: 'tier_at_least', tier: 'srdi_sme' },
      { rule: 'listing_not', listings: ['main', 'star', 'chinext', 'bse'] },
    ],
    source: {
      ...source,
      quote: '完善上市体系,建立工业企业上市培育库,将有上市计划的专精特新企业纳入培育库辅导服务',
    },
  },
];
