import { SEEDS } from './sources.ts';

/**
 * Measures the seeds name that the catalog does not carry as products or benefits, each
 * with the seed's words and why it is left out. Everything else the seeds name with a
 * figure or a scope is in products/ or benefits.ts.
 */
export interface Omission {
  id: string;
  source: { city: string; seedFile: string; quote: string };
  name: { zh: string; en: string };
  reason: { zh: string; en: string };
}

export const OMISSIONS: Omission[] = [
  {
    id: 'jiaxing-loan-interest-subsidy',
    source: {
      ...SEEDS.jiaxing,
      quote: '鼓励通过贷款风险补偿、贷款贴息等多种方式,加大对“专精特新”中小企业的融资支持。',
    },
    name: { zh: '嘉兴市贷款贴息', en: 'Jiaxing loan interest subsidy' },
    reason: {
      zh: '原文仅"鼓励"贴息，未载明贴息比例、年度上限或适用贷款：没有这些数字的贴息无法计算，列出只会给出虚构金额。（贷款风险补偿已作为产品收录。）',
      en: 'The seed only encourages 贴息: no share, yearly cap or eligible loans. A subsidy without them cannot be priced, and listing it would show made-up money. (The risk compensation named beside it is in the catalog.)',
    },
  },
  {
    id: 'jiaxing-headquarters-relocation-award',
    source: {
      ...SEEDS.jiaxing,
      quote:
        '对嘉兴市以外总部迁入本市的国家级“单项冠军”、专精特新“小巨人”,在用地、用能、排污等方面给予政策倾斜,并分别给予200万元、150万元的一次性扶持。',
    },
    name: { zh: '嘉兴市总部迁入一次性扶持', en: 'Jiaxing headquarters relocation support' },
    reason: {
      zh: '条件是"总部自嘉兴市以外迁入"，平台不掌握企业总部迁移的事实与日期，无法判断谁符合；待企业档案记录总部迁入后再收录（200万元/150万元）。',
      en: 'The condition is a headquarters moved into Jiaxing from elsewhere; the platform records no relocation fact or date, so it cannot tell who qualifies. To be added (CNY 2M / 1.5M) once firm records carry the relocation.',
    },
  },
];
