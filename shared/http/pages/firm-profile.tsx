import { Hono } from 'hono';
import { shanghaiDate } from '#domain/dates.ts';
import { DomainError, NotFoundError, ValidationError } from '#domain/errors.ts';
import {
  type Certification,
  CertificationListSchema,
  FIRM_FIGURES,
  type Firm,
  FirmFiguresSchema,
} from '#domain/firm.ts';
import type { BilingualText } from '#domain/text.ts';
import { LABEL_NAMES, LABELS, LEVEL_NAMES, LEVELS, TIER_NAMES, TIERS } from '#domain/tiers.ts';
import { readFirmCertificates } from '#usecases/certified-lists.ts';
import { firmDisputes } from '#usecases/disputes.ts';
import { readFirm, replaceCertifications, updateFirmFigures } from '#usecases/firms.ts';
import { readSpecialist } from '#usecases/specialists.ts';
import type { AppEnv } from '../context.ts';
import { statusOf } from '../errors.ts';
import { FIRM_FIELDS } from './account.tsx';
import { CertificateStates, DisputeFacts, postFirmDispute } from './certified-lists.tsx';
import { doneMessage, type PageContext, signedIn, whoOf } from './common.ts';
import {
  Bi,
  BiLink,
  DateInput,
  DoneNotice,
  ErrorNotice,
  Field,
  Input,
  named,
  Select,
  Submit,
  YuanInput,
} from './components.tsx';
import { FirmFacts } from './firm.tsx';
import {
  type FieldProblem,
  type Form,
  messagesByField,
  parseForm,
  readForm,
  text,
  wholeNumber,
  yuanAmount,
} from './forms.ts';
import { Layout, page } from './layout.tsx';

/**
 * `/firm/profile`: the firm's facts, and its certificates kept up to date by the firm itself
 * (a renewed certificate is what unlocks many near misses).
 */

/** "tier:little_giant" / "label:high_tech": one select for both kinds of certificate. */
const KINDS: [string, BilingualText][] = [
  ...TIERS.map((t): [string, BilingualText] => [`tier:${t}`, TIER_NAMES[t]]),
  ...LABELS.map((l): [string, BilingualText] => [`label:${l}`, LABEL_NAMES[l]]),
];

const EMPTY_ROWS = 2;

function rowsOf(firm: Firm): Form[] {
  return firm.certifications.map((c) => ({
    kind: 'tier' in c ? `tier:${c.tier}` : `label:${c.label}`,
    level: c.level ?? '',
    issuedOn: c.issuedOn,
    expiresOn: c.expiresOn,
    authority: c.authority,
  }));
}

/** The form's rows (cert0-kind, cert0-level, …) back as rows of strings; rows left empty are dropped. */
function rowsFromForm(form: Form): Form[] {
  const rows: Form[] = [];
  for (let i = 0; i < 60 && form[`cert${i}-kind`] !== undefined; i++) {
    const row: Form = {};
    for (const name of ['kind', 'level', 'issuedOn', 'expiresOn', 'authority']) {
      row[name] = text(form, `cert${i}-${name}`) ?? '';
    }
    if (Object.values(row).some((v) => v !== '')) rows.push(row);
  }
  return rows;
}

function certificationsOf(rows: Form[]): Certification[] {
  const input = rows
    .filter((r) => text(r, 'kind'))
    .map((r) => {
      const [type, value] = (text(r, 'kind') ?? '').split(':');
      return {
        [type === 'label' ? 'label' : 'tier']: value,
        level: text(r, 'level'),
        issuedOn: text(r, 'issuedOn'),
        ...(text(r, 'expiresOn') ? { expiresOn: text(r, 'expiresOn') } : {}),
        authority: text(r, 'authority'),
      };
    });
  const result = CertificationListSchema.safeParse({ certifications: input });
  if (result.success) return result.data.certifications;
  throw new ValidationError(
    result.error.issues.map((issue) => {
      const [, index, field] = issue.path.map(String);
      const own = issue.message.split(' / ');
      return {
        path: `cert${index}-${field === 'tier' || field === 'label' ? 'kind' : (field ?? 'kind')}`,
        zh: own.length === 2 ? own[0]! : '请检查此项',
        en: own.length === 2 ? own[1]! : 'please check this field',
      };
    }),
  );
}

function CertificateRows(props: { rows: Form[]; error?: DomainError }) {
  const problems = new Map(
    (props.error instanceof ValidationError ? props.error.fields : []).map((f, i) => [
      f.path,
      { ...f, first: i === 0 },
    ]),
  );
  const rows = [...props.rows, ...Array.from({ length: EMPTY_ROWS }, (): Form => ({}))];
  return (
    <form class="stack" method="post" action="/firm/profile/certifications">
      {rows.map((row, i) => {
        const id = (name: string) => `cert${i}-${name}`;
        const value = (name: string) => text(row, name) ?? '';
        return (
          <fieldset>
            <legend>
              {i < props.rows.length ? (
                <Bi zh={`证书 ${i + 1}`} en={`Certificate ${i + 1}`} />
              ) : (
                <Bi zh="添加证书（可留空）" en="Add a certificate (may stay empty)" />
              )}
            </legend>
            <div class="grid">
              <Field
                id={id('kind')}
                label={{ zh: '资质', en: 'Certificate' }}
                problem={problems.get(id('kind'))}
              >
                <Select id={id('kind')} name={id('kind')} options={KINDS} selected={value('kind')}>
                  <option value="">{i < props.rows.length ? '— 删除 / remove —' : '—'}</option>
                </Select>
              </Field>
              <Field id={id('level')} label={{ zh: '级别', en: 'Level' }} problem={problems.get(id('level'))}>
                <Select
                  id={id('level')}
                  name={id('level')}
                  options={named(LEVELS, LEVEL_NAMES)}
                  selected={value('level')}
                >
                  <option value="">—</option>
                </Select>
              </Field>
              <Field
                id={id('issuedOn')}
                label={{ zh: '认定日期', en: 'Issued on' }}
                problem={problems.get(id('issuedOn'))}
              >
                <DateInput id={id('issuedOn')} name={id('issuedOn')} value={value('issuedOn')} />
              </Field>
              <Field
                id={id('expiresOn')}
                label={{ zh: '有效期至', en: 'Valid until' }}
                hint={{ zh: '留空为认定后 3 年', en: 'empty: 3 years after issue' }}
                problem={problems.get(id('expiresOn'))}
              >
                <DateInput id={id('expiresOn')} name={id('expiresOn')} value={value('expiresOn')} />
              </Field>
              <Field
                id={id('authority')}
                label={{ zh: '认定机关', en: 'Issued by' }}
                problem={problems.get(id('authority'))}
              >
                <Input id={id('authority')} name={id('authority')} value={value('authority')} />
              </Field>
            </div>
          </fieldset>
        );
      })}
      <div class="actions">
        <Submit zh="保存证书" en="Save certificates" />
      </div>
    </form>
  );
}

const FIGURE_FIELDS = FIRM_FIELDS.filter(([name]) => (FIRM_FIGURES as string[]).includes(name));

/** The firm's figures as its form shows them: whole numbers with thousands separators. */
function figuresOf(firm: Firm): Form {
  return Object.fromEntries(FIRM_FIGURES.map((name) => [name, firm[name].toLocaleString('en-US')]));
}

/** The figures form's strings as figures: amounts as people write them (2.4亿, 1800万, 240,000,000). */
function figuresFromForm(form: Form) {
  const problems: FieldProblem[] = [];
  const input = Object.fromEntries(
    FIGURE_FIELDS.map(([name, , kind]) => [
      name,
      kind === 'yuan' ? yuanAmount(form, name, problems) : wholeNumber(form, name, problems),
    ]),
  );
  return parseForm(FirmFiguresSchema, input, problems);
}

/** Headcount, revenue, R&D, patents and interest paid: self-declared, and what many rules read. */
function FiguresForm(props: { form: Form; error?: DomainError }) {
  const fields = messagesByField(props.error instanceof ValidationError ? props.error : undefined);
  return (
    <form class="stack" method="post" action="/firm/profile/figures">
      <div class="grid">
        {FIGURE_FIELDS.map(([name, label, kind, hint]) => (
          <Field id={`figures-${name}`} label={label} hint={hint} problem={fields.get(name)} required>
            {kind === 'yuan' ? (
              <YuanInput id={`figures-${name}`} name={name} value={text(props.form, name) ?? ''} />
            ) : (
              <Input
                id={`figures-${name}`}
                name={name}
                value={text(props.form, name) ?? ''}
                inputmode="numeric"
              />
            )}
          </Field>
        ))}
      </div>
      <div class="actions">
        <Submit zh="保存并重新匹配" en="Save and match again" />
      </div>
    </form>
  );
}

/** What saving the figures did, from the redirect's query: how many open requests gained or lost products. */
function figuresDone(c: PageContext): BilingualText | undefined {
  if (c.req.query('ok') !== 'figures') return undefined;
  const n = (name: string) => Math.max(0, Number.parseInt(c.req.query(name) ?? '0', 10) || 0);
  const [changed, requests, gained, lost] = [n('changed'), n('requests'), n('gained'), n('lost')];
  if (!changed) return { zh: '数据没有变化，未重新匹配', en: 'Nothing changed; nothing was matched again' };
  if (!requests)
    return {
      zh: `已更新 ${changed} 项数据；没有进行中的需求，新需求将按新数据匹配`,
      en: `${changed} figure(s) updated; you have no open request, new ones match on the new figures`,
    };
  return {
    zh: `已更新 ${changed} 项数据，${requests} 个进行中的需求已按新数据重新匹配：新增 ${gained} 个产品，${lost} 个不再符合`,
    en: `${changed} figure(s) updated and ${requests} open request(s) matched again: ${gained} product(s) gained, ${lost} no longer fit`,
  };
}

async function renderProfile(
  c: PageContext,
  rows?: Form[],
  error?: DomainError,
  failedDispute?: { key: string; form: Form; error: DomainError },
  failedFigures?: { form: Form; error: DomainError },
) {
  const principal = signedIn(c, 'firm');
  const deps = c.get('deps');
  const [firm, specialist, stated, disputes] = await Promise.all([
    readFirm(deps, principal, principal.uscc),
    readSpecialist(deps, principal, principal.uscc),
    readFirmCertificates(deps, principal, principal.uscc),
    firmDisputes(deps, principal, principal.uscc),
  ]);
  const done = c.req.query('ok');
  return page(
    c,
    <Layout title={{ zh: '企业档案', en: 'Profile' }} who={await whoOf(c)}>
      <h1>
        <Bi zh="企业档案" en="Your firm’s profile" />
      </h1>
      <DoneNotice
        text={
          done === 'registered'
            ? {
                zh: '注册成功，欢迎使用精融。请先核对并补充证书。',
                en: 'Welcome to Jingrong. Check and add your certificates first.',
              }
            : (figuresDone(c) ?? doneMessage(c))
        }
      />
      <ErrorNotice error={error} />
      <FirmFacts firm={firm} today={shanghaiDate(deps.now())} specialist={specialist} />
      <h2 id="verification">
        <Bi zh="证书核验状态" en="Certificates against the certified lists" />
      </h2>
      <p class="lead-text small">
        <Bi
          zh="状态来自运营方导入的官方认定名单，机构看到的也是这些状态。如认为结果有误（漏列、级别不符、过早过期），可提出异议。"
          en="States come from the official lists your region's operator imports; institutions see these states. If an outcome is wrong (left off, wrong level, expired too early), dispute it."
        />
      </p>
      <CertificateStates certificates={stated} disputes={disputes} failed={failedDispute} />
      {disputes.length > 0 && (
        <>
          <h3>
            <Bi zh="我的异议" en="Your disputes" />
          </h3>
          <ul class="plain">
            {disputes.map((d) => (
              <li class="card" id={`dispute-${d.id}`}>
                <DisputeFacts dispute={d} />
              </li>
            ))}
          </ul>
        </>
      )}
      <h2 id="figures">
        <Bi zh="企业数据" en="Your figures" />
      </h2>
      <p class="lead-text small">
        <Bi
          zh="员工人数、营业收入、研发费用等为企业自报数据，机构看到时标注为自报。保存后，进行中的需求会按新数据重新匹配。金额可写 2.4亿、1800万 或 240,000,000。"
          en="Headcount, revenue, R&D spend and the rest are self-declared and shown to institutions as such. Saving matches your open requests again on the new figures. Amounts may be written 2.4亿, 1800万 or 240,000,000."
        />
      </p>
      <div class="card">
        <ErrorNotice error={failedFigures?.error} idPrefix="figures-" />
        <FiguresForm form={failedFigures?.form ?? figuresOf(firm)} error={failedFigures?.error} />
      </div>
      <h2 id="certificates">
        <Bi zh="梯度资质证书" en="Certificates" />
      </h2>
      <div class="card">
        <CertificateRows rows={rows ?? rowsOf(firm)} error={error} />
      </div>
      <p>
        <BiLink class="button" href="/firm/requests/new" zh="提交融资需求" en="Post a funding request" />
      </p>
    </Layout>,
    error
      ? statusOf(error)
      : failedDispute
        ? statusOf(failedDispute.error)
        : failedFigures
          ? statusOf(failedFigures.error)
          : 200,
  );
}

export function firmProfilePages() {
  const app = new Hono<AppEnv>();
  app.get('/profile', (c) => renderProfile(c));
  app.post('/profile/certifications', async (c) => {
    const principal = signedIn(c, 'firm');
    const rows = rowsFromForm(await readForm(c));
    try {
      await replaceCertifications(c.get('deps'), principal, principal.uscc, certificationsOf(rows));
      return c.redirect('/firm/profile?ok=certified#certificates', 303);
    } catch (error) {
      if (error instanceof DomainError) return renderProfile(c, rows, error);
      throw error;
    }
  });
  app.post('/profile/figures', async (c) => {
    const principal = signedIn(c, 'firm');
    const form = await readForm(c);
    try {
      const result = await updateFirmFigures(c.get('deps'), principal, principal.uscc, figuresFromForm(form));
      const count = (pick: (r: (typeof result.rematched)[number]) => string[]) =>
        result.rematched.reduce((sum, r) => sum + pick(r).length, 0);
      const query = new URLSearchParams({
        ok: 'figures',
        changed: String(result.changed.length),
        requests: String(result.rematched.length),
        gained: String(count((r) => r.gained)),
        lost: String(count((r) => r.lost)),
      });
      return c.redirect(`/firm/profile?${query}#figures`, 303);
    } catch (error) {
      if (error instanceof DomainError && !(error instanceof NotFoundError)) {
        return renderProfile(c, undefined, undefined, undefined, { form, error });
      }
      throw error;
    }
  });
  app.post('/profile/disputes', async (c) => {
    const principal = signedIn(c, 'firm');
    const form = await readForm(c);
    try {
      await postFirmDispute(c, principal.uscc, form);
      return c.redirect('/firm/profile?ok=disputed#verification', 303);
    } catch (error) {
      if (error instanceof DomainError && !(error instanceof NotFoundError)) {
        const key = `${text(form, 'designation')}|${text(form, 'level')}|${text(form, 'issuedOn')}`;
        return renderProfile(c, undefined, undefined, { key, form, error });
      }
      throw error;
    }
  });
  return app;
}
