import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { CERTIFICATE_STATE_NAMES, type StatedCertification } from '#domain/certificate-state.ts';
import { LIST_KINDS, MAX_LIST_FILE_BYTES } from '#domain/certified-list.ts';
import {
  certificateName,
  DISPUTABLE_STATES,
  DISPUTE_STATUS_NAMES,
  type Dispute,
  DisputeInputSchema,
  DisputeRulingSchema,
} from '#domain/dispute.ts';
import { DomainError, NotFoundError, UnprocessableError, ValidationError } from '#domain/errors.ts';
import { regionName } from '#domain/matching/names.ts';
import type { Principal } from '#domain/principal.ts';
import type { BilingualText } from '#domain/text.ts';
import { LABEL_NAMES, LABELS, LEVEL_NAMES, LEVELS, TIER_NAMES, TIERS } from '#domain/tiers.ts';
import type { CertifiedListRecord, ImportOutcome } from '#store/certified-lists.ts';
import { certifiedListId, listCertifiedLists, readCertifiedList } from '#usecases/certified-lists.ts';
import { raiseDispute, regionDisputes, ruleOnDispute } from '#usecases/disputes.ts';
import { listFirms } from '#usecases/firms.ts';
import type { AppEnv } from '../context.ts';
import { statusOf } from '../errors.ts';
import { toValidationError } from '../validation.ts';
import { type PageContext, signedIn, whoOf } from './common.ts';
import {
  Bi,
  DataTable,
  DateInput,
  DoneNotice,
  Empty,
  ErrorNotice,
  Field,
  Input,
  Notice,
  Num,
  named,
  Select,
  Submit,
  Text,
  TextArea,
  Zh,
} from './components.tsx';
import { shanghaiTime } from './format.ts';
import { type Form, messagesByField, readForm, text } from './forms.ts';
import { Layout, page } from './layout.tsx';
import { listMetaFrom } from './list-meta.ts';

/**
 * `/operator/lists`: the operator imports a certified list (CSV or XLSX) and sees, while it is
 * written, how far it got (rows read, matched, unmatched, a progress bar driven by the static
 * script polling `/operator/lists/progress`), then who was verified, who is unmatched and who
 * is contradicted. Below: the region's lists and the firms' disputes, each with its ruling form.
 * The firm's side (its certificates' states and the dispute form) is `CertificateStates`.
 */

type OperatorPrincipal = Extract<Principal, { role: 'operator' }>;

const DESIGNATION_OPTIONS: [string, BilingualText][] = [
  ...TIERS.map((t): [string, BilingualText] => [`tier:${t}`, TIER_NAMES[t]]),
  ...LABELS.map((l): [string, BilingualText] => [`label:${l}`, LABEL_NAMES[l]]),
];

const KIND_NAMES: Record<(typeof LIST_KINDS)[number], BilingualText> = {
  certified: { zh: '认定名单', en: 'certification list' },
  revoked: { zh: '撤销名单', en: 'revocation list' },
};

function ImportForm(props: { principal: OperatorPrincipal; form: Form; error?: DomainError }) {
  const fields = messagesByField(props.error instanceof ValidationError ? props.error : undefined);
  const value = (name: string) => text(props.form, name) ?? '';
  return (
    <form
      class="stack"
      method="post"
      action="/operator/lists"
      enctype="multipart/form-data"
      data-import-progress="/operator/lists/progress"
    >
      <Field
        id="file"
        label={{ zh: '名单文件', en: 'List file' }}
        hint={{
          zh: 'CSV（UTF-8 或 GBK）或 XLSX；表头含「统一社会信用代码」「企业名称」；最大 12 MB',
          en: 'CSV (UTF-8 or GBK) or XLSX; header with 统一社会信用代码 and 企业名称; up to 12 MB',
        }}
        problem={fields.get('file')}
        required
      >
        <input
          type="file"
          id="file"
          name="file"
          required
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          data-max-bytes={String(MAX_LIST_FILE_BYTES)}
          data-too-big="文件超过 12 MB / the file is larger than 12 MB"
        />
      </Field>
      <div class="grid">
        <Field
          id="authority"
          label={{ zh: '发布机关', en: 'Issuing authority' }}
          problem={fields.get('authority')}
          required
        >
          <Input id="authority" name="authority" value={value('authority')} />
        </Field>
        <Field
          id="authorityRegion"
          label={{ zh: '发布机关区划', en: 'Authority’s area' }}
          hint={{ zh: '2位省级或4位地市代码', en: '2-digit province or 4-digit city code' }}
          problem={fields.get('authorityRegion')}
          required
        >
          <Input
            id="authorityRegion"
            name="authorityRegion"
            value={value('authorityRegion') || props.principal.regionPrefix.slice(0, 4)}
            inputmode="numeric"
          />
        </Field>
        <Field
          id="designation"
          label={{ zh: '资质', en: 'Certificate' }}
          problem={fields.get('designation')}
          required
        >
          <Select
            id="designation"
            name="designation"
            options={DESIGNATION_OPTIONS}
            selected={value('designation')}
          />
        </Field>
        <Field id="level" label={{ zh: '级别', en: 'Level' }} problem={fields.get('level')} required>
          <Select id="level" name="level" options={named(LEVELS, LEVEL_NAMES)} selected={value('level')} />
        </Field>
        <Field
          id="batch"
          label={{ zh: '批次', en: 'Batch' }}
          hint={{ zh: '如 2024年第一批', en: 'e.g. 2024 batch 1' }}
          problem={fields.get('batch')}
          required
        >
          <Input id="batch" name="batch" value={value('batch')} />
        </Field>
        <Field
          id="listedOn"
          label={{ zh: '公布日期', en: 'Published on' }}
          problem={fields.get('listedOn')}
          required
        >
          <DateInput id="listedOn" name="listedOn" value={value('listedOn')} />
        </Field>
        <Field id="kind" label={{ zh: '名单类型', en: 'Kind of list' }} problem={fields.get('kind')}>
          <Select
            id="kind"
            name="kind"
            options={named(LIST_KINDS, KIND_NAMES)}
            selected={value('kind') || 'certified'}
          />
        </Field>
      </div>
      <div class="import-progress" hidden>
        <progress max="100" value="0" aria-labelledby="import-progress-text" />
        <p id="import-progress-text" class="small" role="status" aria-live="polite" />
      </div>
      <div class="actions">
        <Submit zh="导入名单" en="Import the list" />
      </div>
    </form>
  );
}

function FirmNames(props: { items: { uscc: string; name: string }[]; total: number; empty: BilingualText }) {
  if (props.total === 0) return <Empty text={props.empty} />;
  return (
    <>
      <ul class="plain">
        {props.items.map((f) => (
          <li>
            <Zh>{f.name}</Zh> <span class="muted small">{f.uscc}</span>
          </li>
        ))}
      </ul>
      {props.total > props.items.length && (
        <p class="small muted">
          <Bi
            zh={`仅列出前 ${props.items.length} 家，共 ${props.total} 家`}
            en={`First ${props.items.length} of ${props.total} shown`}
          />
        </p>
      )}
    </>
  );
}

type ImportReport = NonNullable<ImportOutcome['report']>;

function ImportResult(props: { report: ImportReport }) {
  const r = props.report;
  return (
    <section aria-labelledby="import-result" class="card">
      <h2 id="import-result" class="m0">
        <Bi zh="导入结果" en="Import result" />
      </h2>
      <dl class="facts">
        <dt>
          <Bi zh="读取行数" en="Rows read" />
        </dt>
        <dd>{r.rows}</dd>
        <dt>
          <Bi zh="匹配平台企业" en="Matched to firms on the platform" />
        </dt>
        <dd>{r.matched}</dd>
        <dt>
          <Bi zh="未匹配（尚未注册）" en="Unmatched (not registered yet)" />
        </dt>
        <dd>{r.unmatched}</dd>
        <dt>
          <Bi zh="文件" en="File" />
        </dt>
        <dd>
          {r.format.toUpperCase()} · {r.encoding}
        </dd>
      </dl>
      <div class="grid">
        <div>
          <h3>
            <Bi zh="已核验的企业" en="Verified firms" />
          </h3>
          <FirmNames
            items={r.matchedFirms}
            total={r.matched}
            empty={{
              zh: '名单上没有平台已注册的企业',
              en: 'No firm on the list is registered on the platform',
            }}
          />
        </div>
        <div>
          <h3>
            <Bi zh="未匹配的名单行" en="Unmatched rows" />
          </h3>
          <FirmNames
            items={r.unmatchedRows}
            total={r.unmatched}
            empty={{ zh: '每一行都匹配到了企业', en: 'Every row matched a firm' }}
          />
        </div>
        <div>
          <h3>
            <Bi zh="申报了该资质但不在名单上" en="Declared it, not on the list" />
          </h3>
          <p class="small muted">
            <Bi
              zh="这些企业的申报现显示为「与认定名单不符」，可提出异议"
              en="Their declarations now read “contradicted”; they may dispute it"
            />
          </p>
          <FirmNames
            items={r.contradictedFirms}
            total={r.contradictedFirms.length}
            empty={{ zh: '无', en: 'None' }}
          />
        </div>
      </div>
    </section>
  );
}

function ListsTable(props: { items: CertifiedListRecord[] }) {
  return (
    <DataTable
      columns={[
        { zh: '名单', en: 'List' },
        { zh: '公布日期', en: 'Published' },
        { zh: '行数', en: 'Rows', num: true },
        { zh: '匹配 / 未匹配', en: 'Matched / unmatched', num: true },
        { zh: '状态', en: 'State' },
      ]}
      rows={props.items}
      empty={{ zh: '尚未导入名单', en: 'No list imported yet' }}
      row={(l) => {
        const designation = (TIER_NAMES as Record<string, BilingualText>)[l.designation] ??
          (LABEL_NAMES as Record<string, BilingualText>)[l.designation] ?? {
            zh: l.designation,
            en: l.designation,
          };
        return (
          <tr>
            <td>
              <Zh>{l.authority}</Zh> · <Text text={LEVEL_NAMES[l.level]} /> <Text text={designation} /> ·{' '}
              <Zh>{l.batch}</Zh>{' '}
              <span class="muted small">
                <Text text={{ zh: `（${KIND_NAMES[l.kind].zh}）`, en: ` (${KIND_NAMES[l.kind].en})` }} />
              </span>
            </td>
            <td>{l.listedOn}</td>
            <Num>{l.rows}</Num>
            <Num>{l.matched === undefined ? '—' : `${l.matched} / ${l.unmatched ?? 0}`}</Num>
            <td>
              {l.importing ? (
                <>
                  <progress max={String(l.importing.total)} value={String(l.importing.written)} />{' '}
                  <Bi
                    zh={`导入中 ${l.importing.written}/${l.importing.total}`}
                    en={`importing ${l.importing.written}/${l.importing.total}`}
                  />
                </>
              ) : l.importedAt ? (
                <Bi
                  zh={`已导入 ${shanghaiTime(l.importedAt)}`}
                  en={`imported ${shanghaiTime(l.importedAt)}`}
                />
              ) : (
                '—'
              )}
            </td>
          </tr>
        );
      }}
    />
  );
}

/** A dispute's facts, for either side. */
export function DisputeFacts(props: { dispute: Dispute }) {
  const d = props.dispute;
  return (
    <>
      <div>
        <Text text={certificateName(d.certificate)} /> ·{' '}
        <Bi
          zh={`异议：${CERTIFICATE_STATE_NAMES[d.outcome].zh}`}
          en={`disputes: ${CERTIFICATE_STATE_NAMES[d.outcome].en}`}
        />{' '}
        <span
          class={`badge ${d.status === 'open' ? 'accepted' : d.status === 'upheld' ? 'approved' : 'declined'}`}
        >
          <Bi zh={DISPUTE_STATUS_NAMES[d.status].zh} en={DISPUTE_STATUS_NAMES[d.status].en} />
        </span>
      </div>
      <p class="small pre-line">
        <Bi zh="理由：" en="Reason:" /> <Zh>{d.reason}</Zh>
        <span class="muted">
          {' '}
          ({shanghaiTime(d.raisedAt)} · {d.raisedBy})
        </span>
      </p>
      {d.ruling && (
        <p class="small pre-line">
          <Bi zh="处理意见：" en="Ruling:" /> <Zh>{d.ruling.note}</Zh>
          {d.ruling.expiresOn && (
            <>
              {' '}
              <Bi zh={`有效期更正为 ${d.ruling.expiresOn}`} en={`valid until ${d.ruling.expiresOn}`} />
            </>
          )}
          <span class="muted">
            {' '}
            ({shanghaiTime(d.ruling.at)} · {d.ruling.by})
          </span>
        </p>
      )}
    </>
  );
}

interface FailedRuling {
  id: string;
  form: Form;
  error: DomainError;
}

function DisputesTable(props: { items: Dispute[]; firmNames: Map<string, string>; failed?: FailedRuling }) {
  return (
    <DataTable
      columns={[
        { zh: '企业', en: 'Firm' },
        { zh: '异议', en: 'Dispute' },
        { zh: '处理', en: 'Ruling' },
      ]}
      rows={props.items}
      empty={{ zh: '本辖区暂无证书异议', en: 'No certificate disputes in this region' }}
      row={(d) => {
        const failed = props.failed?.id === d.id ? props.failed : undefined;
        const fields = messagesByField(failed?.error instanceof ValidationError ? failed.error : undefined);
        const value = (name: string) => (failed ? (text(failed.form, name) ?? '') : '');
        const idOf = (name: string) => `${d.id}-${name}`;
        return (
          <tr id={`dispute-${d.id}`}>
            <td>
              <a href={`/operator/firms/${d.uscc}`}>
                <Zh>{props.firmNames.get(d.uscc) ?? d.uscc}</Zh>
              </a>
              <div class="muted small">{d.uscc}</div>
            </td>
            <td>
              <DisputeFacts dispute={d} />
            </td>
            <td>
              {d.status === 'open' ? (
                <form class="stack" method="post" action={`/operator/disputes/${d.uscc}/${d.id}`}>
                  <ErrorNotice error={failed?.error} idPrefix="" />
                  <Field
                    id={idOf('decision')}
                    label={{ zh: '结论', en: 'Decision' }}
                    problem={fields.get('decision')}
                    required
                  >
                    <Select
                      id={idOf('decision')}
                      name="decision"
                      options={[
                        ['upheld', { zh: '异议成立（按已核验计）', en: 'Upheld (counts as verified)' }],
                        ['rejected', { zh: '异议不成立（名单为准）', en: 'Rejected (the list stands)' }],
                      ]}
                      selected={value('decision')}
                    />
                  </Field>
                  <Field
                    id={idOf('note')}
                    label={{ zh: '处理意见', en: 'Note to the firm' }}
                    problem={fields.get('note')}
                    required
                  >
                    <TextArea id={idOf('note')} name="note" value={value('note')} />
                  </Field>
                  <Field
                    id={idOf('expiresOn')}
                    label={{ zh: '更正有效期至（可选）', en: 'Corrected expiry (optional)' }}
                    problem={fields.get('expiresOn')}
                  >
                    <DateInput id={idOf('expiresOn')} name="expiresOn" value={value('expiresOn')} />
                  </Field>
                  <Submit zh="提交处理结论" en="Record the ruling" />
                </form>
              ) : (
                <span class="muted small">
                  <Bi zh="已处理" en="Ruled" />
                </span>
              )}
            </td>
          </tr>
        );
      }}
    />
  );
}

async function renderLists(
  c: PageContext,
  principal: OperatorPrincipal,
  state: {
    form?: Form;
    error?: DomainError;
    status?: ContentfulStatusCode;
    report?: ImportReport;
    failedRuling?: FailedRuling;
  } = {},
) {
  const deps = c.get('deps');
  const [lists, disputes, firms] = await Promise.all([
    listCertifiedLists(deps, principal),
    regionDisputes(deps, principal),
    listFirms(deps, principal, { limit: 500 }),
  ]);
  const firmNames = new Map(firms.items.map((f) => [f.uscc, f.name]));
  const open = disputes.filter((d) => d.status === 'open').length;
  const region = regionName(principal.regionPrefix);
  const status = state.error
    ? statusOf(state.error)
    : state.failedRuling
      ? statusOf(state.failedRuling.error)
      : 200;
  const ok = c.req.query('ok');
  return page(
    c,
    <Layout title={{ zh: '认定名单与异议', en: 'Certified lists and disputes' }} who={await whoOf(c)}>
      <h1>
        <Bi zh={`${region.zh} 认定名单与异议`} en={`${region.en}: certified lists and disputes`} />
      </h1>
      <DoneNotice
        text={
          ok === 'ruled'
            ? { zh: '异议已处理，企业将看到处理意见', en: 'Ruling recorded; the firm sees your note' }
            : undefined
        }
      />
      {state.report && (
        <Notice
          kind="ok"
          text={
            state.report.unchanged
              ? {
                  zh: '该名单此前已导入，内容相同，未写入任何数据',
                  en: 'This list was imported before with the same content: nothing written',
                }
              : { zh: `名单已导入：${state.report.rows} 行`, en: `List imported: ${state.report.rows} rows` }
          }
        />
      )}
      {state.report && <ImportResult report={state.report} />}
      {open > 0 && (
        <Notice
          kind="warn"
          text={{ zh: `${open} 项证书异议待处理`, en: `${open} certificate dispute(s) waiting for a ruling` }}
        />
      )}
      <h2 id="import">
        <Bi zh="导入名单" en="Import a list" />
      </h2>
      <p class="lead-text small">
        <Bi
          zh="整份名单要么全部导入，要么一行也不导入：任何一行有问题（校验码、区划、重复、名称不符）都会逐行列出。重复导入同一文件不会写入任何数据。"
          en="A list is imported whole or not at all: any row with a problem (check digit, region, duplicate, name mismatch) is listed by line. Importing the same file again writes nothing."
        />
      </p>
      <ErrorNotice error={state.error} />
      <div class="card">
        <ImportForm principal={principal} form={state.form ?? {}} error={state.error} />
      </div>
      <h2 id="lists">
        <Bi zh="本辖区的名单" en="Lists of this region" />
      </h2>
      <ListsTable items={lists} />
      <h2 id="disputes">
        <Bi zh="证书异议" en="Certificate disputes" />
      </h2>
      <DisputesTable items={disputes} firmNames={firmNames} failed={state.failedRuling} />
    </Layout>,
    status,
  );
}

// ---------------------------------------------------------------- the firm's side

/** Each certificate with its state against the lists, and the dispute form where there is an outcome. */
export function CertificateStates(props: {
  certificates: StatedCertification[];
  disputes: Dispute[];
  failed?: { key: string; form: Form; error: DomainError };
}) {
  if (props.certificates.length === 0)
    return <Empty text={{ zh: '尚未登记证书', en: 'No certificates yet' }} />;
  return (
    <ul class="plain">
      {props.certificates.map((c) => {
        const designation = 'tier' in c ? c.tier : c.label;
        const key = `${designation}|${c.level}|${c.issuedOn}`;
        const ref = { designation, level: c.level, issuedOn: c.issuedOn };
        const open = props.disputes.some(
          (d) =>
            d.status === 'open' &&
            d.certificate.designation === designation &&
            d.certificate.level === c.level &&
            d.certificate.issuedOn === c.issuedOn,
        );
        const disputable = (DISPUTABLE_STATES as readonly string[]).includes(c.state) && !open;
        const failed = props.failed?.key === key ? props.failed : undefined;
        const fields = messagesByField(failed?.error instanceof ValidationError ? failed.error : undefined);
        const id = `dispute-${designation}-${c.level}-${c.issuedOn}`;
        return (
          <li class="card">
            <Text text={certificateName(ref)} />{' '}
            <span
              class={`badge ${c.state === 'verified' ? 'approved' : c.state === 'self_declared' ? 'viewed' : 'declined'}`}
            >
              <Bi zh={CERTIFICATE_STATE_NAMES[c.state].zh} en={CERTIFICATE_STATE_NAMES[c.state].en} />
            </span>{' '}
            <span class="muted small">
              <Bi zh={`有效期至 ${c.expiresOn}`} en={`valid until ${c.expiresOn}`} />
            </span>
            {open && (
              <p class="small">
                <Bi zh="已提出异议，等待运营方处理" en="Disputed: waiting for the operator’s ruling" />
              </p>
            )}
            {disputable && (
              <details class="action" open={failed ? true : undefined}>
                <summary>
                  <Bi zh="对此结果提出异议" en="Dispute this outcome" />
                </summary>
                <form class="stack" method="post" action="/firm/profile/disputes">
                  <input type="hidden" name="designation" value={designation} />
                  <input type="hidden" name="level" value={c.level} />
                  <input type="hidden" name="issuedOn" value={c.issuedOn} />
                  <ErrorNotice error={failed?.error} idPrefix="" />
                  <Field
                    id={id}
                    label={{ zh: '异议理由', en: 'Why the outcome is wrong' }}
                    hint={{
                      zh: '至少10个字；如名单批次、公告编号、证书编号。本辖区运营方将核实并答复。',
                      en: 'At least 10 characters: the batch, notice or certificate number. Your region’s operator checks and answers.',
                    }}
                    problem={fields.get('reason')}
                    required
                  >
                    <TextArea
                      id={id}
                      name="reason"
                      value={failed ? (text(failed.form, 'reason') ?? '') : ''}
                    />
                  </Field>
                  <Submit zh="提交异议" en="Submit the dispute" />
                </form>
              </details>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** The firm's POST of a dispute: the form's fields to the use case's input. */
export async function postFirmDispute(c: PageContext, uscc: string, form: Form) {
  const input = DisputeInputSchema.safeParse({
    certificate: {
      designation: text(form, 'designation'),
      level: text(form, 'level'),
      issuedOn: text(form, 'issuedOn'),
    },
    reason: text(form, 'reason') ?? '',
  });
  if (!input.success) throw toValidationError(input.error);
  return raiseDispute(c.get('deps'), c.get('principal'), uscc, input.data);
}

/** `/operator/lists`, its progress probe and `/operator/disputes/…` rulings. */
export function operatorListPages() {
  const app = new Hono<AppEnv>();

  app.get('/lists', async (c) => {
    const principal = signedIn(c, 'operator');
    const id = c.req.query('outcome');
    const outcome = id ? await c.get('deps').store.certifiedLists.importOutcome(id.slice(0, 80)) : undefined;
    // Only the operator who imported sees its outcome; an unknown or expired id shows the plain page.
    if (!outcome || outcome.userId !== principal.userId) return renderLists(c, principal);
    if (outcome.report) return renderLists(c, principal, { report: outcome.report });
    const e = outcome.error!;
    const error = e.fields ? new ValidationError(e.fields, e.zh, e.en) : new UnprocessableError(e.zh, e.en);
    return renderLists(c, principal, { form: outcome.form, error, status: e.status as ContentfulStatusCode });
  });

  /** How far the import of the list these facts name has got (polled by the static script). */
  app.get('/lists/progress', async (c) => {
    const principal = signedIn(c, 'operator');
    let listId: string;
    try {
      listId = certifiedListId(listMetaFrom((name) => c.req.query(name) || undefined));
    } catch (error) {
      if (error instanceof ValidationError) return c.json({ phase: 'reading' }, 200);
      throw error;
    }
    const list = await readCertifiedList(c.get('deps'), principal, listId).catch((error) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    if (!list?.importing) return c.json({ phase: list ? 'idle' : 'reading' }, 200);
    return c.json(
      {
        phase: 'writing',
        total: list.importing.total,
        written: list.importing.written,
        matched: list.matched ?? null,
        unmatched: list.unmatched ?? null,
      },
      200,
    );
  });

  app.post('/disputes/:uscc/:id', async (c) => {
    const principal = signedIn(c, 'operator');
    const { uscc, id } = c.req.param();
    const form = await readForm(c);
    try {
      const ruling = DisputeRulingSchema.safeParse({
        decision: text(form, 'decision'),
        note: text(form, 'note') ?? '',
        ...(text(form, 'expiresOn') ? { expiresOn: text(form, 'expiresOn') } : {}),
      });
      if (!ruling.success) throw toValidationError(ruling.error);
      await ruleOnDispute(c.get('deps'), principal, uscc, id, ruling.data);
      return c.redirect(`/operator/lists?ok=ruled#dispute-${id}`, 303);
    } catch (error) {
      if (error instanceof DomainError && !(error instanceof NotFoundError))
        return renderLists(c, principal, { failedRuling: { id, form, error } });
      throw error;
    }
  });

  return app;
}
