import type { InstitutionInput } from '#domain/institution.ts';
import { REGION } from './sources.ts';

/**
 * Institutions behind the catalog's products. Government bodies, funds and insurers the
 * seeds name are real entries; banks, guarantors and insurers the seeds only name
 * generically ("银行业金融机构", "政府性融资担保机构", "保险机构") are demo entries,
 * marked `demo: true` and named 示例… / "(demo)".
 */
export const INSTITUTIONS: InstitutionInput[] = [
  // Xiamen (000_49b5be6c3e6efe59.txt)
  {
    id: 'xiamen-miit',
    type: 'government',
    name: {
      zh: '厦门市工业和信息化局',
      en: 'Xiamen Municipal Bureau of Industry and Information Technology',
    },
    regionCodes: [REGION.xiamen],
    source: 'xiamen 000_49b5be6c3e6efe59.txt',
  },
  {
    id: 'xiamen-finance-bureau',
    type: 'government',
    name: {
      zh: '厦门市财政局（会同合作银行、担保机构）',
      en: 'Xiamen Municipal Finance Bureau (with partner banks and guarantors)',
    },
    regionCodes: [REGION.xiamen],
    source: 'xiamen 000_49b5be6c3e6efe59.txt',
  },
  {
    id: 'xiamen-finance-regulator',
    type: 'government',
    name: { zh: '厦门市地方金融监督管理局', en: 'Xiamen Local Financial Supervision and Administration' },
    regionCodes: [REGION.xiamen],
    source: 'xiamen 000_49b5be6c3e6efe59.txt',
  },
  {
    id: 'xiamen-industry-investment-fund',
    type: 'fund_manager',
    name: { zh: '厦门市产业投资基金（参股子基金）', en: 'Xiamen Industrial Investment Fund (sub-funds)' },
    regionCodes: [REGION.xiamen],
    source: 'xiamen 000_49b5be6c3e6efe59.txt',
  },
  {
    id: 'national-sme-fund-xiamen',
    type: 'fund_manager',
    name: { zh: '国家中小企业发展基金厦门子基金', en: 'National SME Development Fund — Xiamen sub-fund' },
    regionCodes: [REGION.xiamen],
    source: 'xiamen 000_49b5be6c3e6efe59.txt',
  },
  {
    id: 'xiamen-demo-export-insurer',
    type: 'insurer',
    name: { zh: '示例出口信用保险机构（厦门）', en: 'Demo export credit insurer (Xiamen)' },
    regionCodes: [REGION.xiamen],
    demo: true,
    source: 'xiamen 000_49b5be6c3e6efe59.txt: names the measure (财政+保险), not the insurer',
  },
  {
    id: 'xiamen-demo-bank',
    type: 'bank',
    name: { zh: '示例银行厦门分行', en: 'Demo Bank, Xiamen branch' },
    regionCodes: [REGION.xiamen],
    demo: true,
    source: 'xiamen 000_49b5be6c3e6efe59.txt: 辖内银行业机构 (named generically)',
  },
  // Jiaxing (001_e0f0abb7661f9e9b.txt)
  {
    id: 'jiaxing-finance-office',
    type: 'government',
    name: { zh: '嘉兴市金融工作办公室', en: 'Jiaxing Municipal Finance Office' },
    regionCodes: [REGION.jiaxing],
    source: 'jiaxing 001_e0f0abb7661f9e9b.txt',
  },
  {
    id: 'pboc-jiaxing',
    type: 'government',
    name: { zh: '中国人民银行嘉兴市中心支行', en: "People's Bank of China, Jiaxing central sub-branch" },
    regionCodes: [REGION.jiaxing],
    source: 'jiaxing 001_e0f0abb7661f9e9b.txt',
  },
  {
    id: 'sinosure-jiaxing',
    type: 'insurer',
    name: { zh: '中国出口信用保险公司嘉兴办事处', en: 'Sinosure Jiaxing office' },
    regionCodes: [REGION.jiaxing],
    source: 'jiaxing 001_e0f0abb7661f9e9b.txt (出口信保嘉兴办事处)',
  },
  {
    id: 'jiaxing-demo-bank',
    type: 'bank',
    name: { zh: '示例银行嘉兴分行', en: 'Demo Bank, Jiaxing branch' },
    regionCodes: [REGION.jiaxing],
    demo: true,
    source: 'jiaxing 001_e0f0abb7661f9e9b.txt: 银行业金融机构 (named generically)',
  },
  // Chongqing (002_c5f9ca10f9e33068.txt)
  {
    id: 'chongqing-economy-commission',
    type: 'government',
    name: {
      zh: '重庆市经济和信息化委员会',
      en: 'Chongqing Municipal Commission of Economy and Information Technology',
    },
    regionCodes: [REGION.chongqing],
    source: 'chongqing 002_c5f9ca10f9e33068.txt',
  },
  {
    id: 'chongqing-srdi-fund',
    type: 'fund_manager',
    name: { zh: '重庆市专精特新企业发展基金', en: 'Chongqing SRDI Enterprise Development Fund' },
    regionCodes: [REGION.chongqing],
    source: 'chongqing 002_c5f9ca10f9e33068.txt',
  },
  {
    id: 'chongqing-demo-bank',
    type: 'bank',
    name: {
      zh: '示例银行重庆分行（渝企金服专精特新专区）',
      en: 'Demo Bank, Chongqing branch (Yuqi Jinfu SRDI zone)',
    },
    regionCodes: [REGION.chongqing],
    demo: true,
    source: 'chongqing 002_c5f9ca10f9e33068.txt: 商业银行 (named generically)',
  },
  // Hangzhou (003_b2bb0396e6eed1d0.txt)
  {
    id: 'hangzhou-finance-regulator',
    type: 'government',
    name: { zh: '杭州市地方金融监督管理局', en: 'Hangzhou Local Financial Supervision and Administration' },
    regionCodes: [REGION.hangzhou],
    source: 'hangzhou 003_b2bb0396e6eed1d0.txt',
  },
  {
    id: 'hangzhou-demo-bank',
    type: 'bank',
    name: { zh: '示例银行杭州分行', en: 'Demo Bank, Hangzhou branch' },
    regionCodes: [REGION.hangzhou],
    demo: true,
    source: 'hangzhou 003_b2bb0396e6eed1d0.txt: 银行机构 (named generically)',
  },
  {
    id: 'hangzhou-demo-guarantor',
    type: 'guarantor',
    name: { zh: '示例政府性融资担保机构（杭州）', en: 'Demo government financing guarantor (Hangzhou)' },
    regionCodes: [REGION.hangzhou],
    demo: true,
    source: 'hangzhou 003_b2bb0396e6eed1d0.txt: 政府性融资担保机构 (named generically)',
  },
  {
    id: 'hangzhou-demo-insurer',
    type: 'insurer',
    name: { zh: '示例保险公司杭州分公司', en: 'Demo Insurance, Hangzhou branch' },
    regionCodes: [REGION.hangzhou],
    demo: true,
    source: 'hangzhou 003_b2bb0396e6eed1d0.txt: 保险机构 (named generically)',
  },
  // Jiangmen (004_fc76d77e321d683c.txt)
  {
    id: 'jiangmen-finance-bureau',
    type: 'government',
    name: { zh: '江门市金融工作局', en: 'Jiangmen Municipal Finance Bureau' },
    regionCodes: [REGION.jiangmen],
    source: 'jiangmen 004_fc76d77e321d683c.txt',
  },
  {
    id: 'jiangmen-demo-bank',
    type: 'bank',
    name: { zh: '示例银行江门分行', en: 'Demo Bank, Jiangmen branch' },
    regionCodes: [REGION.jiangmen],
    demo: true,
    source: 'jiangmen 004_fc76d77e321d683c.txt: 辖区内银行机构 (named generically)',
  },
  {
    id: 'jiangmen-guidance-fund',
    type: 'fund_manager',
    name: { zh: '江门市产业引导基金', en: 'Jiangmen Industrial Guidance Fund' },
    regionCodes: [REGION.jiangmen],
    source: 'jiangmen 004_fc76d77e321d683c.txt: 产业引导基金',
  },
  {
    id: 'jiangmen-demo-talent-island-fund',
    type: 'fund_manager',
    name: { zh: '示例人才岛投资基金（江门）', en: 'Demo Talent Island investment fund (Jiangmen)' },
    regionCodes: [REGION.jiangmen],
    demo: true,
    source: 'jiangmen 004_fc76d77e321d683c.txt: 落户江门人才岛的各类投资基金 (named generically)',
  },
];
