import { Hono } from 'hono';
import { NotFoundError } from '#domain/errors.ts';
import { PURPOSE_NAMES } from '#domain/funding-request.ts';
import type { Institution } from '#domain/institution.ts';
import { yuanZh } from '#domain/matching/money.ts';
import {
  COLLATERAL_NAMES,
  industryName,
  LISTING_NAMES,
  METRIC_NAMES,
  PRODUCT_KIND_NAMES,
  regionName,
} from '#domain/matching/names.ts';
import type { Product } from '#domain/product.ts';
import type { Rule } from '#domain/rules.ts';
import type { BilingualText } from '#domain/text.ts';
import { countedBy, LABEL_NAMES, LEVEL_NAMES, type Level, TIER_NAMES, type Tier } from '#domain/tiers.ts';
import { findInstitution, findProduct, listInstitutions, listProducts } from '#usecases/catalog.ts';
import type { AppEnv } from '../context.ts';
import { whoOf } from './common.ts';
import {
  BackLink,
  Bi,
  BiLink,
  COLUMNS,
  DataTable,
  Empty,
  Fact,
  Money,
  Num,
  ProductLink,
  Text,
  Zh,
} from './components.tsx';
import { illustrativeText, monthsText, percent, pricingText, yuanEn } from './format.ts';
import { useLang } from './lang.ts';
import { Layout, page } from './layout.tsx';

type City = Product['source']['city'];

const CITY_NAMES: Record<City, BilingualText> = {
  xiamen: { zh: '厦门', en: 'Xiamen' },
  hangzhou: { zh: '杭州', en: 'Hangzhou' },
  jiaxing: { zh: '嘉兴', en: 'Jiaxing' },
  chongqing: { zh: '重庆', en: 'Chongqing' },
  jiangmen: { zh: '江门', en: 'Jiangmen' },
  national: { zh: '全国', en: 'Nationwide' },
};
const CITY_ORDER = Object.keys(CITY_NAMES) as City[];

function ProductBadges(props: { product: Product }) {
  const p = props.product;
  return (
    <>
      {p.demo && (
        <span class="badge demo">
          <Bi zh="演示" en="demo" />
        </span>
      )}{' '}
      {p.illustrativeFigures.length > 0 && (
        <span class="badge demo">
          <Bi zh="示例数据" en="illustrative figures" />
        </span>
      )}{' '}
      {p.status === 'suspended' && (
        <span class="badge withdrawn">
          <Bi zh="暂停" en="suspended" />
        </span>
      )}
    </>
  );
}

/** The Chinese paragraph and its English version, as the page's language asks. */
function Paragraphs(props: { zh: string; en: string }) {
  const lang = useLang();
  return (
    <>
      {lang !== 'en' && <p class="lead-text">{props.zh}</p>}
      {lang !== 'zh' && (
        <p class={lang === 'en' ? 'lead-text' : 'lead-text small'} lang="en">
          {props.en}
        </p>
      )}
    </>
  );
}

function Home(props: { products: Product[]; institutions: Map<string, Institution> }) {
  const byCity = new Map<City, Product[]>();
  for (const p of props.products) byCity.set(p.source.city, [...(byCity.get(p.source.city) ?? []), p]);
  return (
    <>
      <h1>
        <Bi zh="精融：专精特新企业融资对接" en="Jingrong: funding for SRDI firms, matched" />
      </h1>
      <Paragraphs
        zh="精融把专精特新中小企业的融资需求，与银行、担保、保险、基金和政府的政策性金融产品逐条比对：算出每个产品的资格、年化成本（含贴息与担保费）和差一点就能满足的条件，再由企业自己选择发给哪几家机构——最多五家，企业身份在企业同意前对机构保持匿名。"
        en="Jingrong checks a little giant’s or SRDI firm’s funding request against every policy and bank product in its city: eligibility, the full cost after subsidies and fees, and what would unlock the near misses. The firm then picks at most five institutions to send it to, and stays anonymous until it chooses otherwise."
      />
      <ol class="steps">
        <li>
          <Bi zh="企业提交融资需求" en="The firm states its need" />
        </li>
        <li>
          <Bi zh="查看匹配、成本与组合方案" en="It sees matches, costs and packages" />
        </li>
        <li>
          <Bi zh="选择机构发送，跟踪审批与放款" en="It sends to chosen institutions and follows each lead" />
        </li>
      </ol>
      <p class="actions">
        <BiLink class="button" href="/sign-in" zh="登录" en="Sign in" />
        <span class="muted small">
          <Bi zh="企业、金融机构与运营方使用同一入口" en="firms, institutions and operators alike" />
        </span>
      </p>

      <h2 id="catalog">
        <Bi zh="产品目录" en="Catalog" />
      </h2>
      <p class="muted">
        <Bi
          zh={`共 ${props.products.length} 个产品，${props.institutions.size} 家机构`}
          en={`${props.products.length} products from ${props.institutions.size} institutions`}
        />
      </p>
      {CITY_ORDER.filter((city) => byCity.has(city)).map((city) => {
        const products = byCity.get(city)!;
        // Grouped by kind, in the order kinds first appear; a kind is named on its first row.
        const kinds = [...new Set(products.map((p) => p.kind))];
        const rows = kinds.flatMap((kind) => products.filter((p) => p.kind === kind));
        return (
          <section>
            <h3>
              <Text text={CITY_NAMES[city]} />
              <span class="muted small"> · {products.length}</span>
            </h3>
            <DataTable
              columns={[
                { zh: '类别', en: 'Kind' },
                COLUMNS.product,
                COLUMNS.institution,
                { zh: '最高额度', en: 'Up to', num: true },
                { zh: '价格', en: 'Price' },
              ]}
              rows={rows}
              row={(p, i) => (
                <tr>
                  <td>
                    {i === 0 || rows[i - 1]!.kind !== p.kind ? (
                      <Text text={PRODUCT_KIND_NAMES[p.kind]} />
                    ) : (
                      ''
                    )}
                  </td>
                  <td>
                    <ProductLink id={p.id} name={p.name} /> <ProductBadges product={p} />
                  </td>
                  <td>
                    {props.institutions.get(p.institutionId) ? (
                      <Text text={props.institutions.get(p.institutionId)!.name} />
                    ) : (
                      p.institutionId
                    )}
                  </td>
                  <Num>{p.amount.maxYuan === undefined ? '—' : <Money yuan={p.amount.maxYuan} short />}</Num>
                  <td>
                    <Text text={pricingText(p.pricing)} />
                  </td>
                </tr>
              )}
            />
          </section>
        );
      })}
    </>
  );
}

/** Both languages of one string-building step at once. */
const both = (zh: string, en: string): BilingualText => ({ zh, en });
const list = (items: readonly BilingualText[], zhSep: string, enSep: string): BilingualText =>
  both(items.map((t) => t.zh).join(zhSep), items.map((t) => t.en).join(enSep));

function levelText(level: Level | undefined): BilingualText {
  return level ? LEVEL_NAMES[level] : both('', '');
}

/** "国家级专精特新"小巨人"" / "national little giant". */
function titleText(level: Level | undefined, name: BilingualText): BilingualText {
  const l = levelText(level);
  return both(`${l.zh}${name.zh}`, l.en ? `${l.en} ${name.en}` : name.en);
}

function metricValue(metric: string, value: number): BilingualText {
  if (metric === 'revenueYuan' || metric === 'rndExpenseYuan') return both(yuanZh(value), yuanEn(value));
  if (metric === 'rndIntensityBp') return both(percent(value), percent(value));
  if (metric === 'yearsSinceFounding') return both(`${value} 年`, `${value} year${value === 1 ? '' : 's'}`);
  if (metric === 'employees') return both(`${value} 人`, `${value} people`);
  return both(String(value), String(value));
}

function between(min: BilingualText | undefined, max: BilingualText | undefined): BilingualText {
  if (min && max) return both(`${min.zh} 至 ${max.zh}`, `${min.en} to ${max.en}`);
  return max
    ? both(`不超过 ${max.zh}`, `at most ${max.en}`)
    : both(`不低于 ${min?.zh}`, `at least ${min?.en}`);
}

/** "专精特新中小企业（专精特新"小巨人"、重点"小巨人"亦可）": a tier and the certificates that count as it. */
function countsAsText(tier: Tier, level: Level | undefined): BilingualText {
  const above = level && level !== 'municipal';
  const by = countedBy(tier).map((t) => TIER_NAMES[t]);
  const name = titleText(level, TIER_NAMES[tier]);
  return both(
    `${levelText(level).zh}${above ? '及以上' : ''}${TIER_NAMES[tier].zh}${by.length ? `（${by.map((t) => t.zh).join('、')}亦可）` : ''}`,
    `${name.en}${above ? ' or above' : ''}${by.length ? ` (${by.map((t) => t.en).join(', ')} also count)` : ''}`,
  );
}

const ILLUSTRATIVE = both(
  '（示意条件，政策原文未载明）',
  ' (illustrative condition: the policy text does not state it)',
);

/** One eligibility rule of the catalog, as a line a person can read. */
function ruleText(rule: Rule): BilingualText {
  const text = ruleTextOf(rule);
  return 'illustrative' in rule && rule.illustrative
    ? both(`${text.zh}${ILLUSTRATIVE.zh}`, `${text.en}${ILLUSTRATIVE.en}`)
    : text;
}

function ruleTextOf(rule: Rule): BilingualText {
  switch (rule.rule) {
    case 'tier_at_least': {
      const t = countsAsText(rule.tier, rule.level);
      return both(`${t.zh}资质（在有效期内）`, `a valid ${t.en} certificate`);
    }
    case 'label': {
      const names = list(
        rule.anyOf.map((l) => titleText(rule.level, LABEL_NAMES[l])),
        '或',
        ' or ',
      );
      return both(
        `持有${levelText(rule.level).zh}${rule.anyOf.map((l) => LABEL_NAMES[l].zh).join('或')}`,
        `holds ${names.en}`,
      );
    }
    case 'tier_or_label': {
      const t = countsAsText(rule.tier, rule.level);
      const labels = list(
        rule.labels.map((l) => LABEL_NAMES[l]),
        '或',
        ' or ',
      );
      return both(`${t.zh}，或${labels.zh}`, `${t.en}, or ${labels.en}`);
    }
    case 'region': {
      const names = list(rule.prefixes.map(regionName), '、', ', ');
      return both(`注册地：${names.zh}`, `registered in ${names.en}`);
    }
    case 'industry': {
      const names = list(rule.prefixes.map(industryName), '、', ', ');
      return both(`行业：${names.zh}`, `industry: ${names.en}`);
    }
    case 'industry_not': {
      const names = list(rule.prefixes.map(industryName), '、', ', ');
      return both(`不属于：${names.zh}`, `not in: ${names.en}`);
    }
    case 'amount': {
      const range = between(
        rule.minYuan === undefined ? undefined : both(yuanZh(rule.minYuan), yuanEn(rule.minYuan)),
        rule.maxYuan === undefined ? undefined : both(yuanZh(rule.maxYuan), yuanEn(rule.maxYuan)),
      );
      return both(`申请金额${range.zh}`, `amount asked ${range.en}`);
    }
    case 'term': {
      const range = between(
        rule.minMonths === undefined ? undefined : monthsText(rule.minMonths),
        rule.maxMonths === undefined ? undefined : monthsText(rule.maxMonths),
      );
      return both(`期限${range.zh}`, `term ${range.en}`);
    }
    case 'collateral': {
      const names = list(
        rule.accepted.map((c) => COLLATERAL_NAMES[c]),
        '、',
        ', ',
      );
      return both(`担保方式：${names.zh}`, `security: ${names.en}`);
    }
    case 'purpose': {
      const names = list(
        rule.anyOf.map((p) => PURPOSE_NAMES[p]),
        '、',
        ', ',
      );
      return both(`资金用途：${names.zh}`, `use of funds: ${names.en}`);
    }
    case 'kind':
      return rule.kind === 'equity'
        ? both('股权融资', 'equity financing')
        : both('债权融资', 'debt financing');
    case 'metric': {
      const name = METRIC_NAMES[rule.metric];
      const range = between(
        rule.min === undefined ? undefined : metricValue(rule.metric, rule.min),
        rule.max === undefined ? undefined : metricValue(rule.metric, rule.max),
      );
      return both(`${name.zh}${range.zh}`, `${name.en} ${range.en}`);
    }
    case 'listing_not': {
      const names = list(
        rule.listings.map((l) => LISTING_NAMES[l]),
        '、',
        ' or ',
      );
      return both(`未在${names.zh}上市`, `not listed on ${names.en}`);
    }
    case 'paid_interest_last_year':
      return both('上一年度有实际支付的贷款利息', 'paid loan interest in the previous year');
    case 'no_double_subsidy': {
      if (!rule.exceptTier) return both('不与其他贴息叠加', 'not combined with another interest subsidy');
      const except = countsAsText(rule.exceptTier, rule.exceptLevel);
      return both(
        `不与其他贴息叠加（${except.zh}除外）`,
        `not combined with another interest subsidy (except for ${except.en})`,
      );
    }
    case 'title_obtained': {
      const titles = list(
        rule.titles.map((t) => titleText(t.level, 'tier' in t ? TIER_NAMES[t.tier] : LABEL_NAMES[t.label])),
        '或',
        ' or ',
      );
      const span = rule.issuedFrom || rule.issuedTo;
      const window = both(
        [
          span ? `${rule.issuedFrom ?? '…'}至${rule.issuedTo ?? '…'}间` : '',
          rule.withinMonths ? `近${rule.withinMonths}个月内` : '',
        ].join(''),
        [
          span ? ` between ${rule.issuedFrom ?? '…'} and ${rule.issuedTo ?? '…'}` : '',
          rule.withinMonths ? ` within the last ${rule.withinMonths} months` : '',
        ].join(''),
      );
      return both(
        `${window.zh}取得${titles.zh}称号（新认定）`,
        `newly awarded the ${titles.en} title${window.en}`,
      );
    }
  }
}

/** "最高 3000万元" / "up to CNY 30,000,000"; "1000万元 至 3000万元" / "CNY … to CNY …". */
function amountText(amount: { minYuan?: number; maxYuan?: number }): BilingualText {
  const min = amount.minYuan ? both(yuanZh(amount.minYuan), yuanEn(amount.minYuan)) : undefined;
  if (amount.maxYuan === undefined) return both(`不低于 ${min?.zh}`, `at least ${min?.en}`);
  const max = both(yuanZh(amount.maxYuan), yuanEn(amount.maxYuan));
  return min
    ? both(`${min.zh} 至 ${max.zh}`, `${min.en} to ${max.en}`)
    : both(`最高 ${max.zh}`, `up to ${max.en}`);
}

function ProductDetail(props: {
  product: Product;
  institution?: Institution;
  related: Product[];
  /** Only firms (and visitors, who are asked to sign in) submit requests. */
  canRequest: boolean;
}) {
  const p = props.product;
  const price = pricingText(p.pricing);
  return (
    <>
      <BackLink href="/#catalog" zh="← 产品目录" en="Catalog" />
      <h1>
        <Text text={p.name} /> <ProductBadges product={p} />
      </h1>
      {p.description && (
        <p class="lead-text">
          <Text text={p.description} />
        </p>
      )}
      <div class="card">
        <dl class="facts">
          <Fact zh="机构" en="Institution">
            {props.institution ? <Text text={props.institution.name} /> : p.institutionId}
          </Fact>
          <Fact zh="类别" en="Kind">
            <Text text={PRODUCT_KIND_NAMES[p.kind]} />
          </Fact>
          <Fact zh="额度" en="Amount">
            {p.amount.maxYuan === undefined && !p.amount.minYuan ? '—' : <Text text={amountText(p.amount)} />}
          </Fact>
          <Fact zh="期限" en="Term">
            {p.term.minMonths || p.term.maxMonths ? (
              <Text
                text={between(
                  p.term.minMonths ? monthsText(p.term.minMonths) : undefined,
                  p.term.maxMonths ? monthsText(p.term.maxMonths) : undefined,
                )}
              />
            ) : (
              '—'
            )}
          </Fact>
          <Fact zh="价格" en="Price">
            <Text text={price} />
          </Fact>
          <Fact zh="适用地区" en="Serves">
            <Text
              text={
                p.regionScope.length
                  ? list(p.regionScope.map(regionName), '、', ', ')
                  : both('全国', 'nationwide')
              }
            />
          </Fact>
          {(p.validFrom || p.validTo) && (
            <Fact zh="有效期" en="Valid">
              {p.validFrom ?? '…'} — {p.validTo ?? '…'}
            </Fact>
          )}
          {p.quotaLeftYuan !== undefined && (
            <Fact zh="本期剩余额度" en="Quota left">
              {p.quotaLeftYuan === 0 ? '已用完' : yuanZh(p.quotaLeftYuan)}
            </Fact>
          )}
          <Fact zh="来源" en="Source">
            <Text text={CITY_NAMES[p.source.city]} />
            {p.source.quote && (
              <div class="muted small">
                <Zh>“{p.source.quote}”</Zh>
              </div>
            )}
          </Fact>
        </dl>
      </div>
      {p.illustrativeFigures.length > 0 && (
        <div class="notice info">
          <Bi
            zh={`${illustrativeText(p.illustrativeFigures)}为示例数字，政策原文未给出`}
            en="Some figures are illustrative because the policy text gives none."
          />
        </div>
      )}
      <h2>
        <Bi zh="申请条件" en="Eligibility" />
      </h2>
      {p.eligibility.length ? (
        <ul>
          {p.eligibility.map((rule) => (
            <li>
              <Text text={ruleText(rule)} />
            </li>
          ))}
        </ul>
      ) : (
        <Empty text={{ zh: '无额外条件', en: 'No further conditions' }} />
      )}
      {props.related.length > 0 && (
        <>
          <h2>
            <Bi zh="可组合使用" en="Combines with" />
          </h2>
          <ul>
            {props.related.map((r) => (
              <li>
                <ProductLink id={r.id} name={r.name.zh} />
                <span class="en">{r.name.en}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {props.canRequest && (
        <p class="actions">
          <BiLink class="button" href="/firm/requests/new" zh="提交融资需求" en="Submit a funding request" />
        </p>
      )}
    </>
  );
}

/** `/` and `/products/:id`: public, read through the catalog use cases like /api/products. */
export function publicPages() {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const deps = c.get('deps');
    const [products, institutions] = await Promise.all([listProducts(deps), listInstitutions(deps)]);
    return page(
      c,
      <Layout title={{ zh: '精融', en: 'Jingrong' }} who={await whoOf(c)}>
        <Home products={products} institutions={new Map(institutions.map((i) => [i.id, i]))} />
      </Layout>,
    );
  });

  app.get('/products/:id', async (c) => {
    const id = c.req.param('id');
    const deps = c.get('deps');
    const product = await findProduct(deps, id);
    if (!product) throw new NotFoundError(`未找到产品 ${id}`, `product ${id} not found`);
    const who = await whoOf(c);
    const [institution, related] = await Promise.all([
      findInstitution(deps, product.institutionId),
      Promise.all(product.stacksWith.map((other) => findProduct(deps, other))),
    ]);
    return page(
      c,
      <Layout title={product.name} who={who}>
        <ProductDetail
          canRequest={!who || who.role === 'firm'}
          product={product}
          institution={institution}
          related={related.filter((r): r is Product => r !== undefined)}
        />
      </Layout>,
    );
  });

  return app;
}
