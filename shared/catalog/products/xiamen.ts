import type { ProductInput } from '#domain/product.ts';
import { REGION, SEEDS } from '../sources.ts';

/**
 * Xiamen: 厦门市工业和信息化局 reply 厦工信提函[2023]100号 (2023-07-12), section 二(一)2 and 3:
 * "财政政策+金融工具" (tech-innovation fund, credit-enhancement fund, emergency bridge fund,
 * export credit insurance, loan interest subsidy) and the guidance sub-funds.
 */
const source = SEEDS.xiamen;
const xiamen = [REGION.xiamen];

export const XIAMEN_PRODUCTS: ProductInput[] = [
  {
    id: 'xiamen-tech-innovation-fund',
    // A policy product: certificates count only when on an imported certified list ("经认定的").
    requiresVerifiedCertificates: true,
    kind: 'policy_credit_fund',
    institutionId: 'xiamen-finance-bureau',
    name: { zh: '厦门市技术创新基金', en: 'Xiamen Technology Innovation Fund' },
    description: {
      zh: '运用"财政+银行贷款"支持企业扩大投资和研发创新：固定融资成本2%/年，单家企业融资额度最高5亿元。',
      en: 'Fiscal money plus bank loans for investment and R&D: a fixed financing cost of 2% a year, up to CNY 500M per firm.',
    },
    amount: { maxYuan: 500_000_000 },
    pricing: { type: 'fixed_rate', annualRateBp: 200 },
    regionScope: xiamen,
    eligibility: [
      // Listed under "纾解专精特新企业流动性困难": the fund serves certified SRDI firms
      // (little giants and key little giants count, single champions alone do not).
      { rule: 'tier_at_least', tier: 'srdi_sme' },
      { rule: 'purpose', anyOf: ['rnd', 'expansion', 'equipment_upgrade'] },
    ],
    // The 2% fixed cost is itself fiscally supported: further 贴息 only for little giants.
    alreadySubsidised: true,
    source: {
      ...source,
      quote:
        '一是设立技术创新基金，运用“财政+银行贷款”支持企业扩大投资和研发创新，企业享受固定融资成本2%/年的优惠利率，单家企业融资额度最高5亿元。',
    },
  },
  {
    id: 'xiamen-credit-enhancement-fund',
    kind: 'guarantee',
    institutionId: 'xiamen-finance-bureau',
    name: { zh: '厦门市中小微企业融资增信基金', en: 'Xiamen SME Credit-Enhancement Fund' },
    description: {
      zh: '面向中小微企业，运用"财政+担保"改善融资难：企业可获得免抵押信用贷款，单家企业融资额度最高3000万元。',
      en: 'For small, medium and micro firms: fiscal money plus guarantees, a collateral-free credit loan, up to CNY 30M per firm.',
    },
    amount: { maxYuan: 30_000_000 },
    // Priced like a guaranteed bank loan; the seed gives no rate or fee.
    pricing: { type: 'lpr_spread', spreadBp: 50, annualFeeBp: 50 },
    illustrativeFigures: ['pricing.spreadBp', 'pricing.annualFeeBp'],
    regionScope: xiamen,
    // "中小微企业融资增信基金": small, medium and micro firms, not SRDI firms only. The seed
    // names the scope, not the thresholds: the size line is the national SME standard's
    // industrial one (fewer than 1,000 employees), kept as an illustrative condition.
    eligibility: [{ rule: 'metric', metric: 'employees', max: 999, illustrative: true }],
    source: {
      ...source,
      quote:
        '二是设立中小微企业融资增信基金。运用“财政+担保”改善融资难，企业可获得免抵押信用贷款，单家企业融资额度最高3000万元。',
    },
  },
  {
    id: 'xiamen-emergency-bridge-fund',
    // A policy product: certificates count only when on an imported certified list ("经认定的").
    requiresVerifiedCertificates: true,
    kind: 'bridge_loan',
    institutionId: 'xiamen-finance-bureau',
    name: { zh: '厦门市应急转贷资金', en: 'Xiamen Emergency Bridge Fund' },
    description: {
      zh: '运用"财政+过桥融资"缓解企业短期流动性紧张，用于到期银行贷款的续贷过桥。',
      en: 'Fiscal bridge financing for short-term liquidity: rolls over a maturing bank loan until the renewal is paid out.',
    },
    term: { maxMonths: 3 },
    pricing: { type: 'daily_fee', dailyFeeBp: 1, maxDays: 30 },
    illustrativeFigures: ['pricing.dailyFeeBp', 'pricing.maxDays', 'term.maxMonths'],
    regionScope: xiamen,
    eligibility: [
      { rule: 'tier_at_least', tier: 'srdi_sme' },
      { rule: 'purpose', anyOf: ['bridge'] },
    ],
    source: { ...source, quote: '三是设立应急转贷资金。运用“财政+过桥融资”缓解企业短期流动性紧张。' },
  },
  {
    id: 'xiamen-export-credit-insurance',
    kind: 'export_credit_insurance',
    institutionId: 'xiamen-demo-export-insurer',
    name: { zh: '出口信用保险（财政支持）', en: 'Export credit insurance (fiscally supported)' },
    description: {
      zh: '加大出口信用保险扶持力度，运用"财政+保险"对冲外贸信用风险；可配合出口项下融资。',
      en: 'Fiscal support for export credit insurance to hedge foreign-trade credit risk; pairs with export financing.',
    },
    pricing: { type: 'guarantee_fee', annualFeeBp: 30 },
    illustrativeFigures: ['pricing.annualFeeBp'],
    regionScope: xiamen,
    eligibility: [{ rule: 'purpose', anyOf: ['export'] }],
    stacksOnKinds: ['bank_loan', 'supply_chain_finance'],
    source: { ...source, quote: '四是加大出口信用保险扶持力度，运用“财政+保险”对冲外贸信用风险。' },
  },
  {
    id: 'xiamen-loan-interest-subsidy',
    // A policy product: certificates count only when on an imported certified list ("经认定的").
    requiresVerifiedCertificates: true,
    kind: 'interest_subsidy',
    institutionId: 'xiamen-miit',
    name: { zh: '厦门市专精特新企业贷款贴息', en: 'Xiamen SRDI loan interest subsidy' },
    description: {
      zh: '对经认定的专精特新中小企业（含"小巨人"）给予银行贷款贴息：贴息金额最高可达上一自然年度实际支付利息的40%，每家企业每年最高50万元，按自然年度计；"小巨人"企业已享受其他贴息政策的贷款可重复享受。',
      en: 'For certified SRDI SMEs (little giants included): up to 40% of the interest actually paid in the previous calendar year, at most CNY 500k per firm per year, by calendar year; little giants may stack it on loans already subsidised elsewhere.',
    },
    pricing: { type: 'interest_subsidy', shareBp: 4000, capYuanPerYear: 500_000 },
    regionScope: xiamen,
    eligibility: [
      // "经认定的专精特新中小企业(含专精特新'小巨人'企业)": the tier relation counts little
      // giants (and key little giants) as SRDI SMEs; a single champion alone is not one.
      { rule: 'tier_at_least', tier: 'srdi_sme' },
      { rule: 'no_double_subsidy', exceptTier: 'little_giant' },
    ],
    // Bank loans (incl. the guaranteed loans of the credit-enhancement fund and the bank
    // loans behind the tech-innovation fund), not the fiscal bridge money.
    stacksOnKinds: ['bank_loan', 'policy_credit_fund', 'guarantee', 'supply_chain_finance', 'relending'],
    source: {
      ...source,
      quote:
        '对经认定的专精特新中小企业(含专精特新“小巨人”企业)给予银行贷款贴息,贴息金额最高可达企业上一年度(自然年度)实际支付利息的40%,每个企业每年贴息额度最高50万元,专精特新“小巨人”企业已享受其他贴息政策的银行贷款可重复享受本项贴息政策。',
    },
  },
  {
    id: 'xiamen-guidance-subfunds',
    kind: 'equity_fund',
    institutionId: 'xiamen-industry-investment-fund',
    name: { zh: '厦门市产业投资基金参股子基金', en: 'Xiamen industrial guidance sub-funds' },
    description: {
      zh: '产业投资基金参股、投向专精特新"小巨人"领域的子基金38只，总规模超过230亿元；已投国家级"小巨人"23家、省级专精特新28家、市级59家。按基金投资偏好推送融资需求。',
      en: '38 sub-funds of the city industrial fund investing in little-giant fields, over CNY 23B in all; portfolio includes 23 national little giants, 28 provincial and 59 municipal SRDI firms. Needs are pushed to funds by their investment preferences.',
    },
    pricing: { type: 'none' },
    regionScope: xiamen,
    eligibility: [
      // "根据基金投资偏好推送融资需求的'专精特新'项目": SRDI projects are what is pushed.
      { rule: 'tier_at_least', tier: 'srdi_sme' },
      // Not stated: an example of a pre-IPO fund's usual exclusion.
      { rule: 'listing_not', listings: ['main', 'star', 'chinext', 'bse'], illustrative: true },
    ],
    // The seed says needs are pushed by each fund's preference but names none: these
    // (Xiamen's pillar and emerging industries) are an illustrative example.
    preferences: { industryPrefixes: ['C39', 'C34', 'C35', 'C27', 'C26', 'C38'] },
    illustrativeFigures: ['preferences.industryPrefixes'],
    source: {
      ...source,
      quote:
        '截至2022年底,我市产业投资基金已参股且投向“专精特新”小巨人领域的子基金数量为38只,总规模超过230亿元。……根据基金投资偏好推送融资需求的“专精特新”项目,常态化举办投融资对接会',
    },
  },
  {
    id: 'national-sme-fund-xiamen-subfund',
    kind: 'equity_fund',
    institutionId: 'national-sme-fund-xiamen',
    name: { zh: '国家中小企业发展基金厦门子基金', en: 'National SME Development Fund — Xiamen sub-fund' },
    description: {
      zh: '福建省首支国家级中小企业发展基金，规模超25亿元；已推送六批共85家企业（其中专精特新46家），拟融资32.58亿元，另有1088家专精特新中小企业信息同步推送管理机构。',
      en: "Fujian's first national SME fund sub-fund, over CNY 2.5B; six batches of 85 firms (46 SRDI) pushed seeking CNY 3.258B, and 1,088 SRDI firms' data shared with the manager.",
    },
    pricing: { type: 'none' },
    regionScope: xiamen,
    // 85 firms pushed, 46 of them SRDI: the fund takes SMEs, SRDI or not. The size line
    // and the listing exclusion are not in the seed: illustrative.
    eligibility: [
      { rule: 'metric', metric: 'employees', max: 999, illustrative: true },
      { rule: 'listing_not', listings: ['main', 'star', 'chinext', 'bse'], illustrative: true },
    ],
    source: {
      ...source,
      quote:
        '2022年福建省首支国家级中小企业发展基金—国家中小企业发展基金厦门子基金成功签约,基金规模超25亿元。目前向国家中小企业发展基金厦门子基金推送六批项目合计85家企业(其中专精特新中小企业46家),拟融资金额32.58亿元',
    },
  },
  {
    id: 'xiamen-listing-support',
    kind: 'listing_support',
    institutionId: 'xiamen-finance-regulator',
    name: {
      zh: '重点上市后备企业培育（降低入库门槛）',
      en: 'Listing reserve programme (lower entry thresholds)',
    },
    description: {
      zh: '重点上市后备企业库：对专精特新企业和符合厦门市战略新兴产业等重点产业、领域的企业适当降低财务类指标入库门槛，联合沪深北证券交易所精准培育；已助力65家企业上市（专精特新19家），认定重点上市后备企业300家（专精特新179家）。',
      en: "The key listing reserve: lower financial entry thresholds for SRDI firms and for firms in Xiamen's strategic emerging and other key industries, with coaching by the Shanghai, Shenzhen and Beijing exchanges; 65 firms listed so far (19 SRDI), 300 reserve firms (179 SRDI).",
    },
    pricing: { type: 'none' },
    regionScope: xiamen,
    // SRDI firms *and* key-industry firms get the lower threshold, and the reserve itself is
    // open to every unlisted firm: no tier gate.
    eligibility: [{ rule: 'listing_not', listings: ['main', 'star', 'chinext', 'bse'] }],
    source: {
      ...source,
      quote:
        '对专精特新企业、符合厦门市战略新兴产业等重点产业、领域内的企业适当降低重点上市后备企业库财务类指标入库门槛,联合沪深北证券交易所实施精准培育服务。',
    },
  },
  {
    id: 'xiamen-demo-srdi-credit-loan',
    kind: 'bank_loan',
    institutionId: 'xiamen-demo-bank',
    name: { zh: '专精特新信用贷（示例）', en: 'SRDI credit loan (demo)' },
    description: {
      zh: '示例产品：种子文件仅笼统提及辖内银行加大对专精特新企业的信贷支持，具体产品与数字为示意。',
      en: 'Demo entry: the seed only says local banks lend more to SRDI firms; product and figures are illustrative.',
    },
    amount: { maxYuan: 10_000_000 },
    term: { maxMonths: 36 },
    pricing: { type: 'lpr_spread', spreadBp: 60 },
    illustrativeFigures: ['amount.maxYuan', 'term.maxMonths', 'pricing.spreadBp'],
    regionScope: xiamen,
    eligibility: [{ rule: 'tier_at_least', tier: 'srdi_sme' }],
    demo: true,
    source: {
      ...source,
      quote:
        '引导辖内银行业机构加大对专精特新企业的信贷支持……截至2022年12月末,辖内“专精特新”企业贷款余额及专精特新“小巨人”企业贷款余额均比年初增长超过90%。',
    },
  },
];
