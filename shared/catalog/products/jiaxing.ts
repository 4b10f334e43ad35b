import type { ProductInput } from '#domain/product.ts';
import { REGION, SEEDS } from '../sources.ts';

/**
 * Jiaxing: city opinions on SRDI development, section 二(七) 17–20: exclusive credit,
 * collective notes with guarantor enhancement, risk compensation and interest subsidies,
 * receivables / inventory / warehouse-receipt financing, export credit insurance, listing.
 * Banks are named generically: demo entries with illustrative figures.
 */
const source = SEEDS.jiaxing;
const jiaxing = [REGION.jiaxing];
const supplyChainQuote =
  '鼓励通过贷款风险补偿、贷款贴息等多种方式,加大对“专精特新”中小企业的融资支持。支持“专精特新”中小企业开展应收账款、存货、仓单等形式的融资,鼓励政策性出口信用保险加大对“专精特新”中小企业市场拓展和风险防范方面的支持。';

function supplyChain(
  id: string,
  zh: string,
  en: string,
  collateral: 'receivables' | 'inventory' | 'warehouse_receipt',
  spreadBp: number,
): ProductInput {
  return {
    id,
    kind: 'supply_chain_finance',
    institutionId: 'jiaxing-demo-bank',
    name: { zh: `${zh}（示例）`, en: `${en} (demo)` },
    description: {
      zh: `示例产品：以${zh.replace('融资', '')}为担保的供应链融资；额度、期限、利率为示意。`,
      en: `Demo entry: supply-chain finance secured by ${en.toLowerCase().replace(' financing', '')}; amount, term and rate are illustrative.`,
    },
    amount: { maxYuan: 20_000_000 },
    term: { maxMonths: 12 },
    pricing: { type: 'lpr_spread', spreadBp },
    illustrativeFigures: ['amount.maxYuan', 'term.maxMonths', 'pricing.spreadBp'],
    regionScope: jiaxing,
    // The seed states no purpose for 应收账款、存货、仓单 financing: none is required.
    eligibility: [
      { rule: 'tier_at_least', tier: 'srdi_sme' },
      { rule: 'collateral', accepted: [collateral] },
    ],
    demo: true,
    source: { ...source, quote: supplyChainQuote },
  };
}

export const JIAXING_PRODUCTS: ProductInput[] = [
  supplyChain('jiaxing-receivables-finance', '应收账款融资', 'Receivables financing', 'receivables', 60),
  supplyChain('jiaxing-inventory-finance', '存货融资', 'Inventory financing', 'inventory', 80),
  supplyChain(
    'jiaxing-warehouse-receipt-finance',
    '仓单融资',
    'Warehouse-receipt financing',
    'warehouse_receipt',
    70,
  ),
  {
    id: 'jiaxing-srdi-credit-loan',
    kind: 'bank_loan',
    institutionId: 'jiaxing-demo-bank',
    name: { zh: '专精特新专属信用贷（示例）', en: 'SRDI exclusive credit loan (demo)' },
    description: {
      zh: '示例产品：银行围绕"专精特新"金融服务清单量身定制的专属信用贷款；额度、期限、利率为示意。',
      en: 'Demo entry: an exclusive credit loan under the SRDI financial-service list; amount, term and rate are illustrative.',
    },
    amount: { maxYuan: 10_000_000 },
    term: { maxMonths: 36 },
    pricing: { type: 'lpr_spread', spreadBp: 50 },
    illustrativeFigures: ['amount.maxYuan', 'term.maxMonths', 'pricing.spreadBp'],
    regionScope: jiaxing,
    eligibility: [{ rule: 'tier_at_least', tier: 'srdi_sme' }],
    demo: true,
    source: {
      ...source,
      quote:
        '建立“专精特新”中小企业金融服务清单机制,鼓励和引导银行业金融机构围绕“专精特新”中小企业需求,量身定制金融服务方案,打造专属信贷产品、加大信贷力度、优化相关服务。',
    },
  },
  {
    id: 'jiaxing-equipment-loan',
    kind: 'bank_loan',
    institutionId: 'jiaxing-demo-bank',
    name: { zh: '智能化改造设备贷（示例）', en: 'Smart-upgrade equipment loan (demo)' },
    description: {
      zh: '示例产品：支持专精特新企业购置数控机床、工业机器人等设备的抵押贷款；额度、期限、利率为示意。',
      en: 'Demo entry: a secured loan for SRDI firms buying CNC machines, robots and production lines; figures are illustrative.',
    },
    amount: { maxYuan: 30_000_000 },
    term: { maxMonths: 60 },
    pricing: { type: 'lpr_spread', spreadBp: 40 },
    illustrativeFigures: ['amount.maxYuan', 'term.maxMonths', 'pricing.spreadBp'],
    regionScope: jiaxing,
    eligibility: [
      { rule: 'tier_at_least', tier: 'srdi_sme' },
      { rule: 'collateral', accepted: ['equipment', 'real_estate'] },
      { rule: 'purpose', anyOf: ['equipment_upgrade'] },
    ],
    demo: true,
    source: {
      ...source,
      quote:
        '引导“专精特新”中小企业加大智能化设备投入,鼓励企业购置数控机床、工业机器人、成套生产线、研究开发、检验检测等设备。',
    },
  },
  {
    id: 'jiaxing-risk-compensation',
    // A policy product: certificates count only when on an imported certified list ("经认定的").
    requiresVerifiedCertificates: true,
    kind: 'risk_compensation',
    institutionId: 'jiaxing-finance-office',
    name: { zh: '嘉兴市贷款风险补偿', en: 'Jiaxing loan risk compensation' },
    description: {
      zh: '政府风险补偿资金分担银行对专精特新企业信用贷款的损失，使企业无需抵押即可获得贷款；企业端费率为示意。',
      en: 'A government pool shares banks’ losses on credit loans to SRDI firms, so firms borrow without collateral; the firm-side fee is illustrative.',
    },
    pricing: { type: 'guarantee_fee', annualFeeBp: 0 },
    illustrativeFigures: ['pricing.annualFeeBp', 'replacesCollateral'],
    regionScope: jiaxing,
    eligibility: [{ rule: 'tier_at_least', tier: 'srdi_sme' }],
    stacksOnKinds: ['bank_loan'],
    replacesCollateral: true,
    source: {
      ...source,
      quote: '鼓励通过贷款风险补偿、贷款贴息等多种方式,加大对“专精特新”中小企业的融资支持。',
    },
  },
  {
    id: 'jiaxing-collective-notes',
    // A policy product: certificates count only when on an imported certified list ("经认定的").
    requiresVerifiedCertificates: true,
    kind: 'bond',
    institutionId: 'pboc-jiaxing',
    name: { zh: '专精特新中小企业集合票据', en: 'SRDI SME collective notes' },
    description: {
      zh: '支持专精特新中小企业通过银行间债券市场发行集合票据，鼓励担保机构增信；起步金额、期限、票面利率与担保费为示意。',
      en: 'Collective notes on the interbank bond market for SRDI SMEs, with guarantor credit enhancement; minimum size, term, coupon and guarantee fee are illustrative.',
    },
    amount: { minYuan: 10_000_000, maxYuan: 100_000_000 },
    term: { minMonths: 12, maxMonths: 36 },
    pricing: { type: 'lpr_spread', spreadBp: 0, annualFeeBp: 100 },
    illustrativeFigures: [
      'amount.minYuan',
      'amount.maxYuan',
      'term.minMonths',
      'term.maxMonths',
      'pricing.spreadBp',
      'pricing.annualFeeBp',
    ],
    regionScope: jiaxing,
    // "支持'专精特新'中小通过银行间债券市场发行集合票据": SRDI SMEs, no level stated.
    eligibility: [{ rule: 'tier_at_least', tier: 'srdi_sme' }],
    source: {
      ...source,
      quote: '支持“专精特新”中小通过银行间债券市场发行集合票据进行融资,鼓励担保机构提供增信。',
    },
  },
  {
    id: 'jiaxing-export-credit-insurance',
    kind: 'export_credit_insurance',
    institutionId: 'sinosure-jiaxing',
    name: { zh: '政策性出口信用保险', en: 'Policy export credit insurance' },
    description: {
      zh: '政策性出口信用保险支持专精特新中小企业拓展市场、防范风险；可配合出口项下融资。费率为示意。',
      en: 'Policy export credit insurance for SRDI SMEs expanding abroad; pairs with export financing. The premium is illustrative.',
    },
    pricing: { type: 'guarantee_fee', annualFeeBp: 30 },
    illustrativeFigures: ['pricing.annualFeeBp'],
    regionScope: jiaxing,
    eligibility: [
      { rule: 'tier_at_least', tier: 'srdi_sme' },
      { rule: 'purpose', anyOf: ['export'] },
    ],
    stacksOnKinds: ['bank_loan', 'supply_chain_finance'],
    source: { ...source, quote: supplyChainQuote },
  },
  {
    id: 'jiaxing-listing-support',
    // A policy product: certificates count only when on an imported certified list ("经认定的").
    requiresVerifiedCertificates: true,
    kind: 'listing_support',
    institutionId: 'jiaxing-finance-office',
    name: { zh: '"上市100"专项行动', en: '"Listing 100" programme' },
    description: {
      zh: '重点支持专精特新中小企业入库、指导、服务，在沪、深、北交易所上市融资，覆盖股改、挂牌、上市全过程。',
      en: 'Listing-reserve entry, coaching and services for SRDI SMEs listing in Shanghai, Shenzhen or Beijing, from restructuring to listing.',
    },
    pricing: { type: 'none' },
    regionScope: jiaxing,
    eligibility: [
      { rule: 'tier_at_least', tier: 'srdi_sme' },
      { rule: 'listing_not', listings: ['main', 'star', 'chinext', 'bse'] },
    ],
    source: {
      ...source,
      quote:
        '实施上市100专项行动,重点支持“专精特新”中小企业入库、指导、服务,支持“专精特新”中小企业在沪、深、北交易所上市、融资',
    },
  },
];
