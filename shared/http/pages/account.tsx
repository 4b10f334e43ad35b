import { Hono } from 'hono';
import { DomainError, UnauthenticatedError, ValidationError } from '#domain/errors.ts';
import { FirmSchema } from '#domain/firm.ts';
import type { BilingualText } from '#domain/text.ts';
import { changePassword } from '#usecases/accounts.ts';
import { NewAccountSchema, registerFirm } from '#usecases/firms.ts';
import type { AppEnv } from '../context.ts';
import { statusOf } from '../errors.ts';
import { type PageContext, signedIn, whoOf } from './common.ts';
import { Bi, BiLink, ErrorNotice, Field, Input, Notice, Submit, YuanInput } from './components.tsx';
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
import { startSession } from './session.tsx';

/**
 * `/register` (a firm signs itself up, with its first account) and `/account/password`.
 * Local sign-in only: where the identity provider holds the accounts, both say so.
 */

/** The registration's firm fields; the figures among them are edited on the profile too (firm-profile.tsx). */
export const FIRM_FIELDS: [
  string,
  { zh: string; en: string },
  'text' | 'date' | 'yuan' | 'number',
  { zh: string; en: string }?,
][] = [
  ['name', { zh: '企业名称', en: 'Firm name' }, 'text'],
  [
    'uscc',
    { zh: '统一社会信用代码', en: 'Unified social credit code (USCC)' },
    'text',
    { zh: '18 位', en: '18 characters' },
  ],
  [
    'regionCode',
    { zh: '注册地行政区划代码', en: 'Region code' },
    'text',
    { zh: '6 位数字，如 350203', en: '6 digits, e.g. 350203' },
  ],
  [
    'industryCode',
    { zh: '行业代码', en: 'Industry code' },
    'text',
    { zh: '如 C3981', en: 'e.g. C3981 (GB/T 4754)' },
  ],
  ['foundedOn', { zh: '成立日期', en: 'Founded on' }, 'date'],
  ['employees', { zh: '员工人数', en: 'Employees' }, 'number'],
  [
    'revenueYuan',
    { zh: '上年营业收入（元）', en: 'Revenue last year (CNY)' },
    'yuan',
    { zh: '可写 4.8亿', en: 'e.g. 4.8亿 = CNY 480M' },
  ],
  ['rndExpenseYuan', { zh: '上年研发费用（元）', en: 'R&D spend last year (CNY)' }, 'yuan'],
  ['inventionPatents', { zh: '发明专利数', en: 'Invention patents' }, 'number'],
  [
    'priorYearInterestPaidYuan',
    { zh: '上年实付贷款利息（元）', en: 'Loan interest paid last year (CNY)' },
    'yuan',
    { zh: '没有可填 0', en: '0 if none' },
  ],
];

const ACCOUNT_FIELDS: [string, { zh: string; en: string }, 'text' | 'email' | 'password', string][] = [
  ['displayName', { zh: '您的姓名', en: 'Your name' }, 'text', 'name'],
  ['email', { zh: '电子邮箱（登录用）', en: 'E-mail (to sign in)' }, 'email', 'username'],
  [
    'password',
    { zh: '密码（至少 10 位）', en: 'Password (10 characters or more)' },
    'password',
    'new-password',
  ],
];

function RegisterForm(props: { form: Form; error?: DomainError }) {
  const fields = messagesByField(props.error instanceof ValidationError ? props.error : undefined);
  const value = (name: string) => (name === 'password' ? '' : (text(props.form, name) ?? ''));
  return (
    <form class="stack" method="post" action="/register">
      <fieldset>
        <legend>
          <Bi zh="企业信息" en="Your firm" />
        </legend>
        <div class="stack">
          {FIRM_FIELDS.map(([name, label, kind, hint]) => (
            <Field id={name} label={label} hint={hint} problem={fields.get(name)} required>
              {kind === 'yuan' ? (
                <YuanInput id={name} name={name} value={value(name)} />
              ) : (
                <Input
                  id={name}
                  name={name}
                  value={value(name)}
                  type={kind === 'date' ? 'date' : kind === 'number' ? 'number' : 'text'}
                  min={kind === 'number' ? '0' : undefined}
                />
              )}
            </Field>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>
          <Bi zh="您的账号" en="Your account" />
        </legend>
        <div class="stack">
          {ACCOUNT_FIELDS.map(([name, label, type, autocomplete]) => (
            <Field id={name} label={label} problem={fields.get(name)} required>
              <Input id={name} name={name} type={type} autocomplete={autocomplete} value={value(name)} />
            </Field>
          ))}
        </div>
      </fieldset>
      <p class="small muted">
        <Bi
          zh="注册后可在“企业档案”中添加梯度资质证书；证书决定能匹配到哪些产品。"
          en="After signing up, add your certificates on your profile: they decide which products match."
        />
      </p>
      <div class="actions">
        <Submit zh="注册并登录" en="Sign up and sign in" />
        <BiLink href="/sign-in" zh="已有账号？登录" en="Have an account? Sign in" />
      </div>
    </form>
  );
}

async function renderRegister(c: PageContext, form: Form, error?: DomainError) {
  const local = Boolean(c.get('deps').signer);
  return page(
    c,
    <Layout title={{ zh: '企业注册', en: 'Register your firm' }} who={await whoOf(c)}>
      <h1>
        <Bi zh="企业注册" en="Register your firm" />
      </h1>
      <ErrorNotice error={error} />
      {local ? (
        <div class="card">
          <RegisterForm form={form} error={error} />
        </div>
      ) : (
        <Notice
          kind="info"
          text={{
            zh: '此环境的账号由统一身份认证管理，请联系服务专员开通。',
            en: 'Accounts here are managed by the identity provider; ask your service specialist for one.',
          }}
        />
      )}
    </Layout>,
    error ? statusOf(error) : 200,
  );
}

/** The registration form's strings as the API's firm and account input. */
function registrationInput(form: Form, problems: FieldProblem[]) {
  return {
    firm: {
      uscc: text(form, 'uscc')?.toUpperCase(),
      name: text(form, 'name'),
      regionCode: text(form, 'regionCode'),
      industryCode: text(form, 'industryCode')?.toUpperCase(),
      foundedOn: text(form, 'foundedOn'),
      employees: wholeNumber(form, 'employees', problems),
      revenueYuan: yuanAmount(form, 'revenueYuan', problems),
      rndExpenseYuan: yuanAmount(form, 'rndExpenseYuan', problems),
      inventionPatents: wholeNumber(form, 'inventionPatents', problems),
      priorYearInterestPaidYuan: yuanAmount(form, 'priorYearInterestPaidYuan', problems),
    },
    account: {
      email: text(form, 'email'),
      password: typeof form.password === 'string' ? form.password : '',
      displayName: text(form, 'displayName'),
    },
  };
}

const PASSWORD_FIELDS: [string, BilingualText, 'email' | 'password', string][] = [
  ['email', { zh: '电子邮箱', en: 'E-mail' }, 'email', 'username'],
  ['current', { zh: '当前密码', en: 'Current password' }, 'password', 'current-password'],
  [
    'password',
    { zh: '新密码（至少 10 位）', en: 'New password (10 characters or more)' },
    'password',
    'new-password',
  ],
  ['repeat', { zh: '再次输入新密码', en: 'New password again' }, 'password', 'new-password'],
];

function PasswordForm(props: { error?: DomainError }) {
  const fields = messagesByField(props.error instanceof ValidationError ? props.error : undefined);
  return (
    <form class="stack" method="post" action="/account/password">
      {PASSWORD_FIELDS.map(([name, label, type, autocomplete]) => (
        <Field id={name} label={label} problem={fields.get(name)} required>
          <Input id={name} name={name} type={type} autocomplete={autocomplete} />
        </Field>
      ))}
      <div class="actions">
        <Submit zh="修改密码" en="Change password" />
      </div>
    </form>
  );
}

async function renderPassword(c: PageContext, props: { error?: DomainError; done?: boolean } = {}) {
  const local = Boolean(c.get('deps').signer);
  return page(
    c,
    <Layout title={{ zh: '修改密码', en: 'Change password' }} who={await whoOf(c)}>
      <h1>
        <Bi zh="修改密码" en="Change password" />
      </h1>
      {props.done && <Notice kind="ok" text={{ zh: '密码已修改', en: 'Your password was changed' }} />}
      <ErrorNotice error={props.error} />
      {local ? (
        <div class="card narrow">
          <PasswordForm error={props.error} />
        </div>
      ) : (
        <Notice
          kind="info"
          text={{
            zh: '此环境的密码在统一身份认证页面修改。',
            en: 'Passwords here are changed on the identity provider’s pages.',
          }}
        />
      )}
    </Layout>,
    props.error ? statusOf(props.error) : 200,
  );
}

export function accountPages() {
  const app = new Hono<AppEnv>();

  app.get('/register', (c) => renderRegister(c, {}));

  app.post('/register', async (c) => {
    const deps = c.get('deps');
    const form = await readForm(c);
    if (!deps.signer) return renderRegister(c, form);
    try {
      const problems: FieldProblem[] = [];
      const input = registrationInput(form, problems);
      const firm = parseForm(FirmSchema, input.firm, problems);
      const account = parseForm(NewAccountSchema, input.account, []);
      await registerFirm(deps, undefined, firm, account);
      return startSession(c, account.email, input.account.password, '/firm/profile?ok=registered');
    } catch (error) {
      if (error instanceof DomainError) return renderRegister(c, form, error);
      throw error;
    }
  });

  app.get('/account/password', (c) => {
    signedIn(c);
    return renderPassword(c, { done: c.req.query('ok') === 'changed' });
  });

  app.post('/account/password', async (c) => {
    const principal = signedIn(c);
    const deps = c.get('deps');
    const form = await readForm(c);
    const secret = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    try {
      if (secret('password') !== secret('repeat')) {
        throw new ValidationError([
          { path: 'repeat', zh: '两次输入的新密码不一致', en: 'the two new passwords differ' },
        ]);
      }
      const email = text(form, 'email') ?? '';
      const { password } = parseForm(NewAccountSchema.pick({ password: true }), {
        password: secret('password'),
      });
      await changePassword(deps, principal, email, secret('current'), password);
      return c.redirect('/account/password?ok=changed', 303);
    } catch (error) {
      if (error instanceof ValidationError || error instanceof UnauthenticatedError) {
        return renderPassword(c, { error });
      }
      throw error;
    }
  });

  return app;
}
