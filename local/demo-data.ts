import type { FirmInput } from '#domain/firm.ts';
import { buildUscc } from '#domain/uscc.ts';
import type { UserRecord } from '#store/users.ts';

/** Password of every demo account (local mode only; README lists the accounts). */
export const DEMO_PASSWORD = 'jingrong-demo';

/** Demo firms, one or more per seed city, with realistic figures and certificates. */
export const DEMO_FIRMS: FirmInput[] = [
  {
    uscc: buildUscc('91', '350203', 'MA8DEM01'),
    name: '厦门精密传感科技有限公司',
    regionCode: '350203',
    industryCode: 'C3981',
    foundedOn: '2012-03-15',
    employees: 260,
    revenueYuan: 480_000_000,
    rndExpenseYuan: 38_000_000,
    inventionPatents: 42,
    priorYearInterestPaidYuan: 1_000_000,
    listing: 'none',
    certifications: [
      { tier: 'little_giant', level: 'national', issuedOn: '2024-07-01', authority: '工业和信息化部' },
    ],
  },
  {
    uscc: buildUscc('91', '350206', 'MA8DEM02'),
    name: '厦门海沧新材料有限公司',
    regionCode: '350205',
    industryCode: 'C2651',
    foundedOn: '2017-06-20',
    employees: 85,
    revenueYuan: 62_000_000,
    rndExpenseYuan: 4_100_000,
    inventionPatents: 6,
    priorYearInterestPaidYuan: 180_000,
    listing: 'none',
    certifications: [
      { tier: 'srdi_sme', level: 'municipal', issuedOn: '2022-09-01', authority: '厦门市工业和信息化局' },
    ],
  },
  {
    uscc: buildUscc('91', '500112', 'MA5DEM03'),
    name: '重庆智能装备有限公司',
    regionCode: '500112',
    industryCode: 'C3490',
    foundedOn: '2016-09-01',
    employees: 120,
    revenueYuan: 150_000_000,
    rndExpenseYuan: 9_000_000,
    inventionPatents: 11,
    priorYearInterestPaidYuan: 300_000,
    listing: 'none',
    certifications: [
      { tier: 'srdi_sme', level: 'municipal', issuedOn: '2025-01-10', authority: '重庆市经济和信息化委员会' },
    ],
  },
  {
    uscc: buildUscc('91', '330106', 'MA2DEM04'),
    name: '杭州云栖芯片设计有限公司',
    regionCode: '330106',
    industryCode: 'I6520',
    foundedOn: '2018-04-02',
    employees: 140,
    revenueYuan: 95_000_000,
    rndExpenseYuan: 21_000_000,
    inventionPatents: 28,
    priorYearInterestPaidYuan: 0,
    listing: 'none',
    certifications: [
      { tier: 'little_giant', level: 'national', issuedOn: '2024-08-01', authority: '工业和信息化部' },
      { label: 'high_tech', level: 'national', issuedOn: '2024-11-01', authority: '浙江省科学技术厅' },
    ],
  },
  {
    uscc: buildUscc('91', '330402', 'MA2DEM05'),
    name: '嘉兴南湖纺织机械有限公司',
    regionCode: '330402',
    industryCode: 'C3551',
    foundedOn: '2009-11-11',
    employees: 210,
    revenueYuan: 230_000_000,
    rndExpenseYuan: 9_800_000,
    inventionPatents: 9,
    priorYearInterestPaidYuan: 650_000,
    listing: 'none',
    certifications: [
      { tier: 'srdi_sme', level: 'provincial', issuedOn: '2024-03-01', authority: '浙江省经济和信息化厅' },
    ],
  },
  {
    uscc: buildUscc('91', '440703', 'MA4DEM06'),
    name: '江门蓬江电机有限公司',
    regionCode: '440703',
    industryCode: 'C3812',
    foundedOn: '2014-05-18',
    employees: 160,
    revenueYuan: 120_000_000,
    rndExpenseYuan: 6_500_000,
    inventionPatents: 7,
    priorYearInterestPaidYuan: 420_000,
    listing: 'none',
    certifications: [
      { tier: 'srdi_sme', level: 'provincial', issuedOn: '2023-12-01', authority: '广东省工业和信息化厅' },
      { label: 'golden_seed', level: 'municipal', issuedOn: '2026-07-01', authority: '江门市金融工作局' },
    ],
  },
];

type DemoUser = Omit<UserRecord, 'passwordHash'>;

const firmUser = (n: number, email: string, displayName: string): DemoUser => ({
  userId: `demo-firm-${n}`,
  email,
  displayName,
  role: 'firm',
  uscc: DEMO_FIRMS[n - 1]!.uscc,
});

export const DEMO_USERS: DemoUser[] = [
  firmUser(1, 'firm@xmsensor.demo', '厦门精密传感 财务总监'),
  firmUser(2, 'firm@xmmaterial.demo', '厦门海沧新材料 财务经理'),
  firmUser(3, 'firm@cqequip.demo', '重庆智能装备 财务总监'),
  firmUser(4, 'firm@hzchip.demo', '杭州云栖芯片 CFO'),
  firmUser(5, 'firm@jxtextile.demo', '嘉兴南湖纺机 财务部'),
  firmUser(6, 'firm@jmmotor.demo', '江门蓬江电机 财务部'),
  {
    userId: 'demo-op-xm',
    email: 'operator@xiamen.demo',
    displayName: '厦门市工信局 运营',
    role: 'operator',
    regionPrefix: '3502',
  },
  {
    userId: 'demo-op-cq',
    email: 'operator@chongqing.demo',
    displayName: '重庆市经信委 服务专员',
    role: 'operator',
    regionPrefix: '50',
  },
  {
    userId: 'demo-op-hz',
    email: 'operator@hangzhou.demo',
    displayName: '杭州市经信局 运营',
    role: 'operator',
    regionPrefix: '3301',
  },
];
