import { Hono } from 'hono';
import { DomainError, ValidationError } from '#domain/errors.ts';
import { LPR_STALE_AFTER_DAYS, LprFixingInputSchema, lprStaleness } from '#domain/lpr-fixings.ts';
import type { LprFixing } from '#domain/matching/lpr.ts';
import { lprOverview, recordLprFixing } from '#usecases/lpr.ts';
import type { AppEnv } from '../context.ts';
import { statusOf } from '../errors.ts';
import { type PageContext, signedIn, whoOf } from './common.ts';
import {
  Bi,
  DataTable,
  DateInput,
  DoneNotice,
  ErrorNotice,
  Field,
  Input,
  Notice,
  Num,
  Submit,
} from './components.tsx';
import { percent, shanghaiTime } from './format.ts';
import {
  type FieldProblem,
  type Form,
  messagesByField,
  parseForm,
  percentAsBp,
  readForm,
  text,
} from './forms.ts';
import { Layout, page } from './layout.tsx';

/**
 * `/operator/lpr`: the LPR fixings costs are computed on, and the form an operator records
 * each month's fixing with (in percent). A warning stands on top while the latest fixing is
 * older than 35 days; `LprStaleNotice` puts the same warning on the pages that show costs.
 */

/** The warning shown wherever costs depend on the LPR, when the fixing used is out of date. */
export function LprStaleNotice(props: { lpr: Pick<LprFixing, 'effectiveFrom'>; today: string }) {
  const { stale, ageDays } = lprStaleness(props.lpr, props.today);
  if (!stale) return null;
  return (
    <Notice
      kind="warn"
      text={{
        zh: `所用LPR报价（${props.lpr.effectiveFrom}）已是 ${ageDays} 天前的，可能漏录了最近的月度报价：成本仅供参考，请运营方更新。`,
        en: `The LPR fixing used (${props.lpr.effectiveFrom}) is ${ageDays} days old; a monthly fixing may be missing, so costs are indicative until an operator records it.`,
      }}
    />
  );
}

async function renderLpr(c: PageContext, form?: Form, error?: DomainError) {
  signedIn(c, 'operator');
  const overview = await lprOverview(c.get('deps'));
  const fields = messagesByField(error instanceof ValidationError ? error : undefined);
  const value = (name: string) => (form ? (text(form, name) ?? '') : '');
  return page(
    c,
    <Layout title={{ zh: 'LPR报价', en: 'LPR fixings' }} who={await whoOf(c)}>
      <h1>
        <Bi zh="贷款市场报价利率（LPR）" en="Loan Prime Rate (LPR) fixings" />
      </h1>
      <DoneNotice
        text={
          c.req.query('ok') === 'recorded'
            ? { zh: 'LPR报价已录入，融资成本即按其计算', en: 'Fixing recorded; costs now use it' }
            : undefined
        }
      />
      {overview.stale && (
        <Notice
          kind="warn"
          text={{
            zh: `最新报价（${overview.latest.effectiveFrom}）已是 ${overview.ageDays} 天前的（超过 ${LPR_STALE_AFTER_DAYS} 天）：请录入最近的月度报价。`,
            en: `The latest fixing (${overview.latest.effectiveFrom}) is ${overview.ageDays} days old (over ${LPR_STALE_AFTER_DAYS}): record the recent monthly fixing.`,
          }}
        />
      )}
      <p class="lead-text small">
        <Bi
          zh="全国银行间同业拆借中心每月20日（遇节假日顺延）公布LPR。成本测算、贴息和“不高于LPR”的利率上限都按评估日有效的最新报价计算。"
          en="The National Interbank Funding Center publishes the LPR on the 20th of each month (the next working day after a holiday). Costs, interest subsidies and “at or below the LPR” caps use the latest fixing effective on the evaluation date."
        />
      </p>
      <h2 id="record">
        <Bi zh="录入报价" en="Record a fixing" />
      </h2>
      <ErrorNotice error={error} />
      <div class="card narrow">
        <form class="stack" method="post" action="/operator/lpr">
          <Field
            id="effectiveFrom"
            label={{ zh: '生效日', en: 'Effective from' }}
            problem={fields.get('effectiveFrom')}
            required
          >
            <DateInput id="effectiveFrom" name="effectiveFrom" value={value('effectiveFrom')} />
          </Field>
          <Field
            id="oneYearBp"
            label={{ zh: '1年期LPR（%）', en: '1-year LPR (%)' }}
            hint={{ zh: '如 3.00', en: 'e.g. 3.00' }}
            problem={fields.get('oneYearBp')}
            required
          >
            <Input id="oneYearBp" name="oneYearBp" value={value('oneYearBp')} inputmode="decimal" />
          </Field>
          <Field
            id="overFiveYearBp"
            label={{ zh: '5年期以上LPR（%）', en: 'Over-5-year LPR (%)' }}
            hint={{ zh: '如 3.50', en: 'e.g. 3.50' }}
            problem={fields.get('overFiveYearBp')}
            required
          >
            <Input
              id="overFiveYearBp"
              name="overFiveYearBp"
              value={value('overFiveYearBp')}
              inputmode="decimal"
            />
          </Field>
          <Submit zh="录入" en="Record" />
        </form>
      </div>
      <h2 id="fixings">
        <Bi zh="报价记录" en="Fixings" />
      </h2>
      <DataTable
        columns={[
          { zh: '生效日', en: 'Effective from' },
          { zh: '1年期', en: '1-year', num: true },
          { zh: '5年期以上', en: 'Over 5 years', num: true },
          { zh: '来源', en: 'Source' },
        ]}
        rows={overview.fixings.slice(0, 36)}
        row={(f) => (
          <tr>
            <td>{f.effectiveFrom}</td>
            <Num>{percent(f.oneYearBp)}</Num>
            <Num>{percent(f.overFiveYearBp)}</Num>
            <td>
              {f.recorded ? (
                <Bi
                  zh={`运营方录入（${shanghaiTime(f.recorded.recordedAt)}，${f.recorded.recordedBy}）`}
                  en={`recorded by an operator (${shanghaiTime(f.recorded.recordedAt)}, ${f.recorded.recordedBy})`}
                />
              ) : (
                <Bi zh="产品目录内置" en="shipped with the catalog" />
              )}
            </td>
          </tr>
        )}
      />
    </Layout>,
    error ? statusOf(error) : 200,
  );
}

export function operatorLprPages() {
  const app = new Hono<AppEnv>();
  app.get('/lpr', (c) => renderLpr(c));
  app.post('/lpr', async (c) => {
    const principal = signedIn(c, 'operator');
    const form = await readForm(c);
    try {
      const problems: FieldProblem[] = [];
      const input = parseForm(
        LprFixingInputSchema,
        {
          effectiveFrom: text(form, 'effectiveFrom'),
          oneYearBp: percentAsBp(form, 'oneYearBp', problems),
          overFiveYearBp: percentAsBp(form, 'overFiveYearBp', problems),
        },
        problems,
      );
      await recordLprFixing(c.get('deps'), principal, input);
      return c.redirect('/operator/lpr?ok=recorded', 303);
    } catch (error) {
      if (error instanceof DomainError) return renderLpr(c, form, error);
      throw error;
    }
  });
  return app;
}
