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
} from './components.tsx';
import { illustrativeText, months, percent, pricingText, yuan } from './format.ts';
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

function levelText(level: Level | undefined): string {
  return level ? LEVEL_NAMES[level].zh : '';
}

function metricValue(metric: string, value: number): string {
  if (metric === 'revenueYuan' || metric === 'rndExpenseYuan') return yuanZh(value);
  if (metric === 'rndIntensityBp') return percent(value);
  if (metric === 'yearsSinceFounding') return `${value} 年`;
  if (metric === 'employees') return `${value} 人`;
  return String(value);
}

function between(min: string | undefined, max: string | undefined): string {
  if (min && max) return `${min} 至 ${max}`;
  return max ? `不超过 ${max}` : `不低于 ${min}`;
}

/** "专精特新中小企业（专精特新"小巨人"、重点"小巨人"亦可）": a tier and the certificates that count as it. */
function countsAsText(tier: Tier, level: Level | undefined): string {
  const above = level && level !== 'municipal' ? '及以上' : '';
  const by = countedBy(tier);
  return `${levelText(level)}${above}${TIER_NAMES[tier].zh}${by.length ? `（${by.map((t) => TIER_NAMES[t].zh).join('、')}亦可）` : ''}`;
}

/** One eligibility rule of the catalog, as a line a person can read (Chinese; the data is zh-first). */
function ruleText(rule: Rule): string {
  const text = ruleTextOf(rule);
  return 'illustrative' in rule && rule.illustrative ? `${text}（示意条件，政策原文未载明）` : text;
}

function ruleTextOf(rule: Rule): string {
  switch (rule.rule) {
    case 'tier_at_least':
      return `${countsAsText(rule.tier, rule.level)}资质（在有效期内）`;
    case 'label':
      return `持有${levelText(rule.level)}${rule.anyOf.map((l) => LABEL_NAMES[l].zh).join('或')}`;
    case 'tier_or_label':
      return `${countsAsText(rule.tier, rule.level)}，或${rule.labels.map((l) => LABEL_NAMES[l].zh).join('或')}`;
    case 'region':
      return `注册地：${rule.prefixes.map((p) => regionName(p).zh).join('、')}`;
    case 'industry':
      return `行业：${rule.prefixes.map((p) => industryName(p).zh).join('、')}`;
    case 'industry_not':
      return `不属于：${rule.prefixes.map((p) => industryName(p).zh).join('、')}`;
    case 'amount':
      return `申请金额${between(
        rule.minYuan === undefined ? undefined : yuanZh(rule.minYuan),
        rule.maxYuan === undefined ? undefined : yuanZh(rule.maxYuan),
      )}`;
    case 'term':
      return `期限${between(
        rule.minMonths === undefined ? undefined : months(rule.minMonths),
        rule.maxMonths === undefined ? undefined : months(rule.maxMonths),
      )}`;
    case 'collateral':
      return `担保方式：${rule.accepted.map((c) => COLLATERAL_NAMES[c].zh).join('、')}`;
    case 'purpose':
      return `资金用途：${rule.anyOf.map((p) => PURPOSE_NAMES[p].zh).join('、')}`;
    case 'kind':
      return rule.kind === 'equity' ? '股权融资' : '债权融资';
    case 'metric':
      return `${METRIC_NAMES[rule.metric].zh}${between(
        rule.min === undefined ? undefined : metricValue(rule.metric, rule.min),
        rule.max === undefined ? undefined : metricValue(rule.metric, rule.max),
      )}`;
    case 'listing_not':
      return `未在${rule.listings.map((l) => LISTING_NAMES[l].zh).join('、')}上市`;
    case 'paid_interest_last_year':
      return '上一年度有实际支付的贷款利息';
    case 'no_double_subsidy':
      return rule.exceptTier
        ? `不与其他贴息叠加（${countsAsText(rule.exceptTier, rule.exceptLevel)}除外）`
        : '不与其他贴息叠加';
    case 'title_obtained': {
      const titles = rule.titles
        .map((t) => `${levelText(t.level)}${'tier' in t ? TIER_NAMES[t.tier].zh : LABEL_NAMES[t.label].zh}`)
        .join('或');
      const window = [
        rule.issuedFrom || rule.issuedTo ? `${rule.issuedFrom ?? '…'}至${rule.issuedTo ?? '…'}间` : '',
        rule.withinMonths ? `近${rule.withinMonths}个月内` : '',
      ].join('');
      return `${window}取得${titles}称号（新认定）`;
    }
  }
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
          {p.description.zh}
          <span class="en">{p.description.en}</span>
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
            {p.amount.maxYuan === undefined
              ? p.amount.minYuan
                ? `不低于 ${yuanZh(p.amount.minYuan)}`
                : '—'
              : `${p.amount.minYuan ? `${yuanZh(p.amount.minYuan)} 至 ` : '最高 '}${yuanZh(p.amount.maxYuan)}`}
            {p.amount.maxYuan !== undefined && <span class="en">{yuan(p.amount.maxYuan)}</span>}
          </Fact>
          <Fact zh="期限" en="Term">
            {p.term.minMonths || p.term.maxMonths
              ? between(
                  p.term.minMonths ? months(p.term.minMonths) : undefined,
                  p.term.maxMonths ? months(p.term.maxMonths) : undefined,
                )
              : '—'}
          </Fact>
          <Fact zh="价格" en="Price">
            <Text text={price} />
          </Fact>
          <Fact zh="适用地区" en="Serves">
            {p.regionScope.length ? p.regionScope.map((r) => regionName(r).zh).join('、') : '全国'}
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
            {p.source.quote && <div class="muted small">“{p.source.quote}”</div>}
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
            <li>{ruleText(rule)}</li>
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
