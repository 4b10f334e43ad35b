import type { Child } from 'hono/jsx';
import type { Role } from '#domain/principal.ts';
import type { BilingualText } from '#domain/text.ts';
import { ASSETS } from './assets.ts';
import { BiLink, Submit, Text } from './components.tsx';

/** Who is signed in, as the navigation shows it. */
export interface Who {
  role: Role;
  name: string;
}

export const ROLE_NAMES: Record<Role, BilingualText> = {
  firm: { zh: '企业', en: 'Firm' },
  officer: { zh: '金融机构', en: 'Institution' },
  operator: { zh: '运营方', en: 'Operator' },
};

function NavLinks(props: { who?: Who }) {
  const role = props.who?.role;
  return (
    <nav class="main">
      {role === 'firm' && (
        <>
          <BiLink href="/firm" zh="我的融资需求" en="My requests" />
          <BiLink href="/firm/requests/new" zh="新建需求" en="New request" />
        </>
      )}
      {role === 'officer' && <BiLink href="/officer" zh="线索" en="Leads" />}
      {role === 'operator' && <BiLink href="/operator" zh="本地区概览" en="My region" />}
      <BiLink href="/#catalog" zh="产品目录" en="Catalog" />
    </nav>
  );
}

export function Layout(props: { title: BilingualText; who?: Who; children?: Child }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title.zh} · 精融 Jingrong`}</title>
        <link rel="stylesheet" href={ASSETS.css.path} />
        <script src={ASSETS.js.path} defer />
      </head>
      <body>
        <header class="top">
          <div class="bar">
            <a class="brand" href="/">
              精融 <span class="en">Jingrong</span>
            </a>
            <NavLinks who={props.who} />
            <div class="who">
              {props.who ? (
                <>
                  <span>{props.who.name}</span>
                  <span class="role">
                    <Text text={ROLE_NAMES[props.who.role]} />
                  </span>
                  <form method="post" action="/sign-out">
                    <Submit zh="退出" en="Sign out" />
                  </form>
                </>
              ) : (
                <BiLink href="/sign-in" zh="登录" en="Sign in" />
              )}
            </div>
          </div>
        </header>
        <main>{props.children}</main>
        <footer>
          精融 · 专精特新企业融资对接平台 <span class="en">SRDI firms’ funding, matched and routed</span>
        </footer>
      </body>
    </html>
  );
}
