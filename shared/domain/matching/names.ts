import type { Listing } from '../firm.ts';
import { type Collateral, PURPOSE_NAMES, type Purpose } from '../funding-request.ts';
import type { ProductKind } from '../product.ts';
import type { FirmMetric } from '../rules.ts';
import type { BilingualText } from '../text.ts';

/** Display names used in reasons and hints (zh first, en second). */

export const COLLATERAL_NAMES: Record<Collateral, BilingualText> = {
  none: { zh: '信用（无抵押）', en: 'none (credit)' },
  ip: { zh: '知识产权（专利、商标）', en: 'IP (patents, trademarks)' },
  receivables: { zh: '应收账款', en: 'receivables' },
  inventory: { zh: '存货', en: 'inventory' },
  warehouse_receipt: { zh: '仓单', en: 'warehouse receipts' },
  real_estate: { zh: '不动产', en: 'real estate' },
  equipment: { zh: '机器设备', en: 'equipment' },
};

export const LISTING_NAMES: Record<Listing, BilingualText> = {
  none: { zh: '未上市', en: 'unlisted' },
  regional_equity: { zh: '区域性股权市场', en: 'a regional equity market' },
  neeq: { zh: '新三板', en: 'the NEEQ' },
  bse: { zh: '北交所', en: 'the Beijing Stock Exchange' },
  star: { zh: '科创板', en: 'the STAR Market' },
  chinext: { zh: '创业板', en: 'ChiNext' },
  main: { zh: '主板', en: 'the main board' },
};

export const METRIC_NAMES: Record<FirmMetric, BilingualText> = {
  revenueYuan: { zh: '营业收入', en: 'revenue' },
  rndIntensityBp: { zh: '研发投入强度', en: 'R&D intensity' },
  employees: { zh: '从业人数', en: 'employees' },
  yearsSinceFounding: { zh: '成立年限', en: 'years since founding' },
  inventionPatents: { zh: '有效发明专利', en: 'invention patents' },
  rndExpenseYuan: { zh: '研发费用', en: 'R&D expense' },
};

export const PRODUCT_KIND_NAMES: Record<ProductKind, BilingualText> = {
  policy_credit_fund: { zh: '政策性信贷基金', en: 'policy credit fund' },
  bank_loan: { zh: '银行贷款', en: 'bank loan' },
  guarantee: { zh: '融资担保/增信', en: 'guarantee / credit enhancement' },
  credit_insurance: { zh: '信用保证保险', en: 'credit-guarantee insurance' },
  bridge_loan: { zh: '应急转贷', en: 'bridge loan' },
  interest_subsidy: { zh: '贷款贴息', en: 'interest subsidy' },
  export_credit_insurance: { zh: '出口信用保险', en: 'export credit insurance' },
  supply_chain_finance: { zh: '供应链金融', en: 'supply-chain finance' },
  risk_compensation: { zh: '贷款风险补偿', en: 'risk compensation' },
  rate_cap: { zh: '利率上限政策', en: 'rate cap' },
  relending: { zh: '再贷款支持贷款', en: 'relending-backed loan' },
  equity_fund: { zh: '股权投资基金', en: 'equity fund' },
  bond: { zh: '债券融资', en: 'bond' },
  listing_support: { zh: '上市培育', en: 'listing support' },
};

/** GB/T 2260 names for the prefixes the seed cities use; other codes are shown as codes. */
export const REGION_NAMES: Record<string, BilingualText> = {
  '35': { zh: '福建省', en: 'Fujian' },
  '3502': { zh: '厦门市', en: 'Xiamen' },
  '50': { zh: '重庆市', en: 'Chongqing' },
  '33': { zh: '浙江省', en: 'Zhejiang' },
  '3301': { zh: '杭州市', en: 'Hangzhou' },
  '3304': { zh: '嘉兴市', en: 'Jiaxing' },
  '44': { zh: '广东省', en: 'Guangdong' },
  '4407': { zh: '江门市', en: 'Jiangmen' },
};

/** GB/T 4754-2017 names for the industry prefixes the catalog uses. */
export const INDUSTRY_NAMES: Record<string, BilingualText> = {
  C: { zh: '制造业', en: 'manufacturing' },
  C26: { zh: '化学原料和化学制品制造业', en: 'chemicals' },
  C27: { zh: '医药制造业', en: 'pharmaceuticals' },
  C34: { zh: '通用设备制造业', en: 'general equipment' },
  C35: { zh: '专用设备制造业', en: 'special equipment' },
  C38: { zh: '电气机械和器材制造业', en: 'electrical machinery' },
  C39: { zh: '计算机、通信和其他电子设备制造业', en: 'computers, communications and electronics' },
  C40: { zh: '仪器仪表制造业', en: 'instruments' },
  I: { zh: '信息传输、软件和信息技术服务业', en: 'information and software services' },
  I65: { zh: '软件和信息技术服务业', en: 'software and IT services' },
  J: { zh: '金融业', en: 'finance' },
  K: { zh: '房地产业', en: 'real estate' },
  M: { zh: '科学研究和技术服务业', en: 'scientific research and technical services' },
};

export function regionName(prefix: string): BilingualText {
  if (prefix === '') return { zh: '全国', en: 'nationwide' };
  return REGION_NAMES[prefix] ?? { zh: `行政区划${prefix}`, en: `region ${prefix}` };
}

export function industryName(prefix: string): BilingualText {
  const n = INDUSTRY_NAMES[prefix];
  return n ? { zh: `${n.zh}（${prefix}）`, en: `${n.en} (${prefix})` } : { zh: prefix, en: prefix };
}

/** Joins bilingual items: 甲、乙或丙 / a, b or c. */
export function joinOr(items: readonly BilingualText[]): BilingualText {
  if (items.length <= 1) return items[0] ?? { zh: '', en: '' };
  const head = items.slice(0, -1);
  const last = items[items.length - 1]!;
  return {
    zh: `${head.map((i) => i.zh).join('、')}或${last.zh}`,
    en: `${head.map((i) => i.en).join(', ')} or ${last.en}`,
  };
}

/** A purpose name for use inside a sentence ("working capital", "R&D"). */
export function purposeName(p: Purpose): BilingualText {
  const n = PURPOSE_NAMES[p];
  const en = /^[A-Z][a-z]/.test(n.en) ? n.en.charAt(0).toLowerCase() + n.en.slice(1) : n.en;
  return { zh: n.zh, en };
}
