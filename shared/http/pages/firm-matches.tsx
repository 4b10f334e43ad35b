import type { Child } from 'hono/jsx';
import type { MatchResult } from '#domain/matching/index.ts';
import { yuanZh } from '#domain/matching/money.ts';
import { DEFAULT_SEND_INSTITUTIONS, MAX_SEND_INSTITUTIONS, type RequestRecord } from '#domain/request.ts';
import type { BilingualText } from '#domain/text.ts';
import { Bi, BiLink, COLUMNS, DataTable, Empty, MoneyCell, Num, ProductLink, Text } from './components.tsx';
import { percent, yuan, yuanEn } from './format.ts';
import { LprStaleNotice } from './lpr.tsx';

/** A request's match result as the firm sees it: matches to send to, packages, near misses, benefits. */

/** What the matched products would cost; an open request's matches can be picked and sent. */
function MatchesTable(props: { result: MatchResult; record: RequestRecord }) {
  const { record } = props;
  const open = record.status === 'open';
  const left = Math.max(MAX_SEND_INSTITUTIONS - record.sentTo.length, 0);
  return (
    <form method="post" action={`/firm/requests/${record.id}/send`}>
      <DataTable
        columns={[
          ...(open ? [null] : []),
          COLUMNS.product,
          COLUMNS.institution,
          { zh: '评分', en: 'Score', num: true },
          { zh: '年利率', en: 'Rate', num: true },
          { zh: '利息', en: 'Interest', num: true },
          { zh: '费用', en: 'Fees', num: true },
          { zh: '贴息', en: 'Subsidy', num: true },
          { zh: '净成本', en: 'Net cost', num: true },
        ]}
        rows={props.result.matches}
        row={(m) => {
          const sent = record.sentTo.includes(m.institutionId);
          return (
            <tr>
              {open && (
                <td>
                  <input
                    type="checkbox"
                    name="productIds"
                    value={m.productId}
                    disabled={sent}
                    aria-label={m.name.zh}
                  />
                </td>
              )}
              <td>
                <ProductLink id={m.productId} name={m.name} />
                {m.demo && (
                  <span class="badge demo">
                    <Bi zh="演示" en="demo" />
                  </span>
                )}
                {m.reasons.length > 0 && (
                  <ul class="small muted">
                    {m.reasons.map((r) => (
                      <li>
                        <Text text={r} />
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                <Text text={m.institutionName} />
                {sent && (
                  <div>
                    <span class="badge open">
                      <Bi zh="已发送" en="sent" />
                    </span>
                  </div>
                )}
              </td>
              <Num>{m.score}</Num>
              {m.cost.basis === 'equity' ? (
                // Equity is not a loan: no rate, no interest, no net cost — the fund invests for a stake.
                <td colspan={5} class="small muted">
                  <Bi
                    zh="股权投资：无利息，按估值入股"
                    en="Equity: no interest; the fund invests for a stake"
                  />
                </td>
              ) : (
                <>
                  <Num>{percent(m.cost.annualRateBp)}</Num>
                  <MoneyCell yuan={m.cost.interestYuan} />
                  <MoneyCell yuan={m.cost.feesYuan} />
                  <MoneyCell yuan={m.cost.subsidyYuan} />
                  <Num>
                    <strong>{yuan(m.cost.netCostYuan)}</strong>
                  </Num>
                </>
              )}
            </tr>
          );
        }}
      />
      {open && props.result.matches.length > 0 && (
        <div class="card mt">
          <input type="hidden" name="sentCount" value={String(record.sentTo.length)} />
          <p class="small muted">
            <Bi
              zh={`每个需求最多发送给 ${MAX_SEND_INSTITUTIONS} 家机构，还可发送 ${left} 家；只有您选择的机构会收到需求。`}
              en={`At most ${MAX_SEND_INSTITUTIONS} institutions per request (${left} left); only those you pick receive it.`}
            />
          </p>
          <label class="plain">
            <input type="checkbox" name="reveal" value="1" />{' '}
            <Bi
              zh="同时向这些机构公开企业名称（默认匿名）"
              en="Also show them your firm’s name (anonymous by default)"
            />
          </label>
          <div class="actions gap">
            <button type="submit" name="mode" value="picked">
              <Bi zh="发送给所选产品的机构" en="Send to the picked products’ institutions" />
            </button>
            {left > 0 && (
              <button type="submit" class="secondary" name="mode" value="top">
                <Bi
                  zh={`发送给排名前 ${Math.min(DEFAULT_SEND_INSTITUTIONS, left)} 的机构`}
                  en={`Send to the top ${Math.min(DEFAULT_SEND_INSTITUTIONS, left)}`}
                />
              </button>
            )}
          </div>
        </div>
      )}
    </form>
  );
}

/** A titled grid of cards, one per item; nothing at all without items. */
function CardGrid<T>(props: { title: BilingualText; items: T[]; card: (item: T) => Child }) {
  if (!props.items.length) return null;
  return (
    <>
      <h2>
        <Text text={props.title} />
      </h2>
      <div class="grid">
        {props.items.map((item) => (
          <div class="card">{props.card(item)}</div>
        ))}
      </div>
    </>
  );
}

/** Products that work together (a loan with its guarantee, subsidy…), with their joint cost. */
function Packages(props: { result: MatchResult }) {
  return (
    <CardGrid
      title={{ zh: '组合方案', en: 'Packages' }}
      items={props.result.packages}
      card={(p) => (
        <>
          <ul class="plain">
            {p.components.map((comp) => (
              <li>
                <Text text={comp.name} />
                <span class="muted small">
                  {' '}
                  {comp.effect === 'loan' ? (
                    ''
                  ) : comp.effect === 'interest_subsidy' ? (
                    <Bi zh={`（减少 ${yuan(comp.yuan)}）`} en={`(saves ${yuan(comp.yuan)})`} />
                  ) : comp.yuan ? (
                    `（${yuan(comp.yuan)}）`
                  ) : (
                    ''
                  )}
                </span>
              </li>
            ))}
          </ul>
          <p>
            <Bi zh="净成本" en="Net cost" />: <strong>{yuan(p.cost.netCostYuan)}</strong>{' '}
            <span class="muted small">
              <Bi
                zh={`（年化 ${percent(p.cost.effectiveAnnualRateBp)}）`}
                en={`(${percent(p.cost.effectiveAnnualRateBp)} a year)`}
              />
            </span>
          </p>
          {p.guaranteeReplacesCollateral && (
            <p class="small">
              <Bi zh="担保可替代抵押" en="The guarantee stands in for collateral" />
            </p>
          )}
          {p.notes.map((n) => (
            <p class="small muted">
              <Text text={n} />
            </p>
          ))}
        </>
      )}
    />
  );
}

/** Rules that read the firm's own figures: a near miss on one of them may just be out-of-date figures. */
const FIGURE_RULES: ReadonlySet<string> = new Set(['metric', 'paid_interest_last_year']);

/** Products the request just misses, and what would unlock them. */
function NearMisses(props: { result: MatchResult; institutionName: (id: string) => string }) {
  const { nearMisses, unlocks } = props.result;
  if (!nearMisses.length && !unlocks.length) return null;
  return (
    <>
      <h2>
        <Bi zh="差一点就能申请" en="Near misses" />
      </h2>
      {unlocks.length > 0 && (
        <div class="notice info">
          <ul class="plain">
            {unlocks.map((u) => (
              <li>
                <Text text={u.summary} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {nearMisses.length > 0 && (
        <DataTable
          columns={[
            COLUMNS.product,
            COLUMNS.institution,
            { zh: '未满足的条件', en: 'Not met' },
            { zh: '怎样满足', en: 'How to unlock' },
          ]}
          rows={nearMisses}
          row={(n) => (
            <tr>
              <td>
                <ProductLink id={n.productId} name={n.name} />
              </td>
              <td>{props.institutionName(n.institutionId)}</td>
              <td>
                <ul class="plain">
                  {n.failed.map((f) => (
                    <li>
                      <Text text={f.reason} />
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <ul class="plain">
                  {n.failed.map((f) => (
                    <li>
                      <Text text={f.unlock} />
                      {FIGURE_RULES.has(f.rule) && (
                        <>
                          {' '}
                          <BiLink
                            href="/firm/profile#figures"
                            zh="更新企业数据并重新匹配"
                            en="Update your figures and match again"
                          />
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          )}
        />
      )}
    </>
  );
}

/** Policy benefits the firm qualifies for, whatever it borrows. */
function Benefits(props: { result: MatchResult }) {
  return (
    <CardGrid
      title={{ zh: '可享受的惠企政策', en: 'Benefits you qualify for' }}
      items={props.result.benefits}
      card={(b) => (
        <>
          <h3>
            <Text text={b.name} />
          </h3>
          <p class="small">
            <Text text={b.description} />
          </p>
          <p class="small">
            {b.maxYuan !== undefined && (
              <>
                <Bi zh={`最高 ${yuanZh(b.maxYuan)}`} en={`up to ${yuanEn(b.maxYuan)}`} />{' '}
              </>
            )}
            {b.shareBp !== undefined && (
              <>
                · <Bi
                  zh={`比例 ${percent(b.shareBp)}`}
                  en={`${percent(b.shareBp)} of the eligible spend`}
                />{' '}
              </>
            )}
            {b.oneOff && (
              <span class="badge">
                <Bi zh="一次性" en="one-off" />
              </span>
            )}
          </p>
          {b.reasons.length > 0 && (
            <ul class="small muted">
              {b.reasons.map((r) => (
                <li>
                  <Text text={r} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    />
  );
}

/** The request page's match sections; `result` is absent while matching has not stored one. */
export function MatchSections(props: {
  result: MatchResult | undefined;
  record: RequestRecord;
  institutionName: (id: string) => string;
  /** Today (Asia/Shanghai): the LPR the costs use is flagged when it is out of date. */
  today?: string;
}) {
  const { result } = props;
  return (
    <>
      <h2>
        <Bi zh="匹配结果" en="Matches" />
        {result && (
          <span class="muted small">
            {' · '}
            <Bi
              zh={`${result.counts.matched} 个产品符合条件（本地区共 ${result.counts.candidates} 个）`}
              en={`${result.counts.matched} products fit (of ${result.counts.candidates} in the region)`}
            />
          </span>
        )}
      </h2>
      {result?.matches.length ? (
        <MatchesTable result={result} record={props.record} />
      ) : (
        <Empty
          text={{
            zh: '暂无符合条件的产品，请看下面差一点满足的产品',
            en: 'No product fits yet; see the near misses',
          }}
        />
      )}
      {result && (
        <>
          {result.lpr && (
            <>
              <p class="small muted">
                <Bi
                  zh={`LPR（${result.lpr.effectiveFrom}）：1年期 ${percent(result.lpr.oneYearBp)}，5年期以上 ${percent(result.lpr.overFiveYearBp)}`}
                  en={`LPR (${result.lpr.effectiveFrom}): 1-year ${percent(result.lpr.oneYearBp)}, over 5 years ${percent(result.lpr.overFiveYearBp)}`}
                />
              </p>
              {props.today && <LprStaleNotice lpr={result.lpr} today={props.today} />}
            </>
          )}
          <Packages result={result} />
          <NearMisses result={result} institutionName={props.institutionName} />
          <Benefits result={result} />
        </>
      )}
    </>
  );
}
