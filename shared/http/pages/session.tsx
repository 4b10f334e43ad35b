import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  type DomainError,
  NotFoundError,
  TooManyRequestsError,
  UnauthenticatedError,
  ValidationError,
} from '#domain/errors.ts';
import type { Role } from '#domain/principal.ts';
import { SignInSchema, signIn, signOut } from '#usecases/sign-in.ts';
import { revocableId, SESSION_COOKIE } from '../auth.ts';
import type { AppEnv } from '../context.ts';
import { CALLBACK_PATH } from '../hosted-sign-in.ts';
import { type PageContext, safeNext, whoOf } from './common.ts';
import { Bi, ErrorNotice, Field, Input, Notice, Submit } from './components.tsx';
import { messagesByField, parseForm, readForm, text } from './forms.ts';
import { Layout, page } from './layout.tsx';

export const ROLE_HOME: Record<Role, string> = {
  firm: '/firm',
  officer: '/officer',
  operator: '/operator',
};

function SignInForm(props: { local: boolean; email?: string; next?: string; error?: DomainError }) {
  const fields = messagesByField(props.error instanceof ValidationError ? props.error : undefined);
  return (
    <>
      <h1>
        <Bi zh="登录" en="Sign in" />
      </h1>
      {!(props.error instanceof ValidationError) && <ErrorNotice error={props.error} />}
      {props.local ? (
        <div class="card narrow">
          <form class="stack" method="post" action="/sign-in">
            {props.next && <input type="hidden" name="next" value={props.next} />}
            <Field id="email" label={{ zh: '电子邮箱', en: 'E-mail' }} problem={fields.get('email')}>
              <Input id="email" name="email" type="email" autocomplete="username" value={props.email ?? ''} />
            </Field>
            <Field id="password" label={{ zh: '密码', en: 'Password' }} problem={fields.get('password')}>
              <Input id="password" name="password" type="password" autocomplete="current-password" />
            </Field>
            <div class="actions">
              <Submit zh="登录" en="Sign in" />
            </div>
          </form>
          <p class="muted small">
            <Bi zh="本地演示账号见 README" en="demo accounts: see README" />
          </p>
        </div>
      ) : (
        <Notice
          kind="info"
          text={{
            zh: '此环境请通过统一身份认证登录',
            en: 'sign-in is handled by the identity provider here',
          }}
        />
      )}
    </>
  );
}

async function renderSignIn(
  c: PageContext,
  props: { email?: string; next?: string; error?: DomainError },
  status: 200 | 400 | 401 | 404 | 429 = 200,
) {
  return page(
    c,
    <Layout title={{ zh: '登录', en: 'Sign in' }} who={await whoOf(c)}>
      <SignInForm local={Boolean(c.get('deps').signer)} {...props} />
    </Layout>,
    status,
  );
}

/**
 * Signs in (local mode) and carries the token in an HttpOnly cookie, then goes to `next` or
 * the role's home. Used by the sign-in form and by registration.
 */
export async function startSession(c: PageContext, email: string, password: string, next?: string) {
  const deps = c.get('deps');
  if (!deps.signer) throw new NotFoundError('未找到该页面', 'page not found');
  const session = await signIn(deps, deps.signer, email, password);
  const seconds = Math.floor((Date.parse(session.expiresAt) - deps.now().getTime()) / 1000);
  setCookie(c, SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: Math.max(seconds, 0),
  });
  return c.redirect(next ?? ROLE_HOME[session.principal.role], 303);
}

/**
 * `/sign-in` and `/sign-out`. Local mode only signs tokens itself (deps.signer), through the
 * same `signIn` use case as POST /api/auth/sign-in; the token goes into an HttpOnly cookie.
 */
export function sessionPages() {
  const app = new Hono<AppEnv>();

  app.get('/sign-in', (c) => {
    const hosted = c.get('deps').hostedSignIn;
    const next = safeNext(c.req.query('next'));
    return hosted ? hosted.start(c, next) : renderSignIn(c, { next });
  });

  app.get(CALLBACK_PATH, async (c) => {
    const hosted = c.get('deps').hostedSignIn;
    if (!hosted) throw new NotFoundError('未找到该页面', 'page not found');
    const { principal, next } = await hosted.finish(c);
    return c.redirect(next ?? ROLE_HOME[principal.role], 303);
  });

  app.post('/sign-in', async (c) => {
    const deps = c.get('deps');
    const form = await readForm(c);
    const next = safeNext(text(form, 'next'));
    const email = text(form, 'email');
    if (!deps.signer) return renderSignIn(c, { next }, 404);
    try {
      const credentials = parseForm(SignInSchema, {
        email,
        password: typeof form.password === 'string' ? form.password : '',
      });
      return await startSession(c, credentials.email, credentials.password, next);
    } catch (error) {
      if (error instanceof ValidationError) return renderSignIn(c, { email, next, error }, 400);
      if (error instanceof UnauthenticatedError) return renderSignIn(c, { email, next, error }, 401);
      if (error instanceof TooManyRequestsError) {
        c.header('Retry-After', String(error.retryAfterSeconds));
        return renderSignIn(c, { email, next, error }, 429);
      }
      throw error;
    }
  });

  app.post('/sign-out', async (c) => {
    const hosted = c.get('deps').hostedSignIn;
    if (hosted) return hosted.signOut(c);
    // The token stops working everywhere, not only in this browser.
    const token = getCookie(c, SESSION_COOKIE);
    const id = token && c.get('principal') ? revocableId(token) : undefined;
    if (id) await signOut(c.get('deps'), id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/', 303);
  });

  return app;
}
