import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Role } from '#domain/principal.ts';
import type { BilingualText } from '#domain/text.ts';
import { ICON_SVG, SCRIPT, STYLESHEET } from './assets.ts';
import { Bi, BiLink, Submit, Text, useT, Zh } from './components.tsx';
import { htmlLang, type Lang, langOf, PageInfoContext, useLang, usePath } from './lang.ts';

/** Who is signed in, as the navigation shows it. */
export interface Who {
  role: Role;
  name: string;
  /** Unread notifications (the header's badge). */
  unread?: number;
}

export const ROLE_NAMES: Record<Role, BilingualText> = {
  firm: { zh: '企业', en: 'Firm' },
  officer: { zh: '金融机构', en: 'Institution' },
  operator: { zh: '运营方', en: 'Operator' },
};

/** A page in the reader's language (the `jr_lang` cookie), with its status. */
export function page(c: Context, node: Child, status: ContentfulStatusCode = 200) {
  const url = new URL(c.req.url);
  const info = { lang: langOf(c), path: c.req.method === 'GET' ? url.pathname + url.search : url.pathname };
  return c.html(<PageInfoContext.Provider value={info}>{node}</PageInfoContext.Provider>, status);
}

function NavLinks(props: { who?: Who }) {
  const role = props.who?.role;
  const t = useT();
  return (
    <nav class="main" aria-label={t({ zh: '主导航', en: 'main' })}>
      {role === 'firm' && (
        <>
          <BiLink href="/firm" zh="我的融资需求" en="My requests" />
          <BiLink href="/firm/requests/new" zh="新建需求" en="New request" />
          <BiLink href="/firm/profile" zh="企业档案" en="Profile" />
          <BiLink href="/firm/equity" zh="股权与路演" en="Equity & roadshows" />
        </>
      )}
      {role === 'officer' && (
        <>
          <BiLink href="/officer" zh="线索" en="Leads" />
          <BiLink href="/officer/equity" zh="基金推送与路演" en="Fund pushes & roadshows" />
        </>
      )}
      {role === 'operator' && (
        <>
          <BiLink href="/operator" zh="本地区概览" en="My region" />
          <BiLink href="/operator/lists" zh="认定名单与异议" en="Lists & disputes" />
          <BiLink href="/operator/lpr" zh="LPR报价" en="LPR fixings" />
          <BiLink href="/operator/equity" zh="股权对接与路演" en="Equity & roadshows" />
        </>
      )}
      <BiLink href="/#catalog" zh="产品目录" en="Catalog" />
      <BiLink href="/roadshows" zh="路演" en="Roadshows" />
      <BiLink href="/docs" zh="API 文档" en="API docs" />
    </nav>
  );
}

const LANG_CHOICES: [Lang, string, string][] = [
  ['zh', '中文', 'zh-CN'],
  ['en', 'English', 'en'],
  ['both', '中文 + English', 'zh-CN'],
];

/** 中文 / English / both: plain links, so the switch works without a script. */
function LangSwitch() {
  const current = useLang();
  const path = usePath();
  const t = useT();
  return (
    <nav class="langs" aria-label={t({ zh: '语言', en: 'language' })}>
      {LANG_CHOICES.map(([lang, name, tag]) => (
        <a
          href={`/lang/${lang}?next=${encodeURIComponent(path)}`}
          lang={tag}
          aria-current={lang === current ? 'true' : undefined}
          rel="nofollow"
        >
          {name}
        </a>
      ))}
    </nav>
  );
}

export function Layout(props: { title: BilingualText; who?: Who; children?: Child }) {
  const lang = useLang();
  const t = useT();
  return (
    <html lang={htmlLang(lang)} class={`lang-${lang}`}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${t(props.title)} · ${lang === 'en' ? 'Jingrong' : '精融 Jingrong'}`}</title>
        <link rel="icon" href={ICON_SVG.path} type="image/svg+xml" />
        <link rel="stylesheet" href={STYLESHEET.path} />
        <script src={SCRIPT.path} defer />
      </head>
      <body>
        <a class="skip" href="#main">
          {t({ zh: '跳到正文', en: 'Skip to content' })}
        </a>
        <header class="top">
          <div class="bar">
            <a class="brand" href="/">
              {lang === 'en' ? 'Jingrong' : '精融'}
            </a>
            <NavLinks who={props.who} />
            <div class="who">
              {props.who ? (
                <>
                  <a class="inbox" href="/notifications">
                    <Bi zh="通知" en="Inbox" />{' '}
                    {props.who.unread ? <b class="count">{props.who.unread}</b> : null}
                  </a>
                  <span>
                    <Zh>{props.who.name}</Zh>
                  </span>
                  <span class="role">
                    <Text text={ROLE_NAMES[props.who.role]} />
                  </span>
                  <BiLink href="/account/password" zh="修改密码" en="Password" />
                  <form method="post" action="/sign-out">
                    <Submit zh="退出" en="Sign out" />
                  </form>
                </>
              ) : (
                <>
                  <BiLink href="/sign-in" zh="登录" en="Sign in" />
                  <BiLink href="/register" zh="企业注册" en="Register" />
                </>
              )}
              <LangSwitch />
            </div>
          </div>
        </header>
        <main id="main" tabindex={-1}>
          {props.children}
        </main>
        <footer>
          <Text
            text={{
              zh: '精融 · 专精特新企业融资对接平台',
              en: 'Jingrong · SRDI firms’ funding, matched and routed',
            }}
          />{' '}
          · <BiLink href="/docs" zh="API 文档" en="API reference" />
        </footer>
      </body>
    </html>
  );
}
