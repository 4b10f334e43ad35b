import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Role } from '#domain/principal.ts';
import type { BilingualText } from '#domain/text.ts';
import { BiLink, Submit, Text } from './components.tsx';

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

const CSS = `
:root{--ink:#1c2433;--muted:#5b6577;--line:#e3e7ee;--bg:#f5f7fa;--card:#fff;--brand:#0f5e63;--brand-2:#e8f3f2;
--warn:#9a5b00;--warn-bg:#fff6e5;--bad:#b42318;--bad-bg:#fdecea;--good:#146c2e;--good-bg:#e7f5ec;--info-bg:#eef3fb}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.6 -apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",system-ui,sans-serif}
a{color:var(--brand)}a:hover{text-decoration:none}
.en{color:var(--muted);font-size:.86em;font-weight:400;margin-left:.35em}
h1 .en,h2 .en,h3 .en{font-size:.62em}
header.top{background:var(--brand);color:#fff}
header.top .bar{max-width:1180px;margin:0 auto;padding:.6rem 1.2rem;display:flex;gap:1.4rem;align-items:center;flex-wrap:wrap}
header.top a{color:#fff;text-decoration:none}header.top .en{color:#cfe6e4}
.brand{font-weight:700;font-size:1.15rem;letter-spacing:.04em}
nav.main{display:flex;gap:1rem;flex:1;flex-wrap:wrap}nav.main a{opacity:.92}nav.main a:hover{opacity:1;text-decoration:underline}
.who{display:flex;gap:.6rem;align-items:center;font-size:.9rem}
.who .role{background:rgba(255,255,255,.16);border-radius:999px;padding:.05rem .6rem}
.who form{margin:0}.who button{background:transparent;border:1px solid rgba(255,255,255,.5);color:#fff;border-radius:6px;padding:.2rem .7rem;cursor:pointer;font:inherit}
main{max-width:1180px;margin:0 auto;padding:1.4rem 1.2rem 3rem}
h1{font-size:1.6rem;margin:.4rem 0 1rem}h2{font-size:1.2rem;margin:1.8rem 0 .7rem}h3{font-size:1.02rem;margin:1rem 0 .4rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem 1.2rem;margin:0 0 1rem}
.grid{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(240px,1fr))}
.lead-text{color:var(--muted);max-width:60rem}
table{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden;font-size:.92rem}
th,td{text-align:left;padding:.55rem .7rem;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#f0f3f7;font-weight:600;white-space:nowrap}
tr:last-child td{border-bottom:0}
td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr.overdue td{background:var(--warn-bg)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1.2rem;margin:0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.badge{display:inline-block;border-radius:999px;padding:0 .55rem;font-size:.8rem;background:#eef0f4;color:var(--ink);white-space:nowrap}
.badge.new,.badge.viewed{background:var(--info-bg);color:#1d4f91}
.badge.accepted,.badge.info_requested,.badge.firm_responded{background:var(--warn-bg);color:var(--warn)}
.badge.approved,.badge.disbursed,.badge.open{background:var(--good-bg);color:var(--good)}
.badge.declined,.badge.overdue{background:var(--bad-bg);color:var(--bad)}
.badge.withdrawn{background:#eceef1;color:var(--muted)}
.badge.demo{background:#f3eefc;color:#5b3a9c}
.notice{border-radius:8px;padding:.7rem 1rem;margin:0 0 1rem;border:1px solid}
.notice.ok{background:var(--good-bg);border-color:#b9e0c6;color:var(--good)}
.notice.error{background:var(--bad-bg);border-color:#f4c2bd;color:var(--bad)}
.notice.info{background:var(--info-bg);border-color:#c9d8f0}
.notice ul{margin:.3rem 0 0;padding-left:1.2rem}
form.stack{display:grid;gap:.9rem;max-width:40rem}
form.inline{display:inline}
label{display:block;font-weight:600}label .hint{display:block;font-weight:400;color:var(--muted);font-size:.85rem}
input[type=text],input[type=email],input[type=password],input[type=number],input[type=date],select,textarea{
width:100%;padding:.5rem .6rem;border:1px solid #c9d0db;border-radius:6px;font:inherit;background:#fff;margin-top:.2rem}
textarea{min-height:4.5rem}
input:focus,select:focus,textarea:focus{outline:2px solid #8cc5c1;border-color:var(--brand)}
.field.has-error input,.field.has-error select,.field.has-error textarea{border-color:var(--bad)}
.field-error{color:var(--bad);font-size:.86rem;margin:.2rem 0 0}
fieldset{border:1px solid var(--line);border-radius:8px;padding:.6rem 1rem}legend{font-weight:600;padding:0 .3rem}
.checks{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem}.checks label{font-weight:400}
button,.button{display:inline-block;background:var(--brand);color:#fff;border:0;border-radius:6px;padding:.5rem 1.1rem;font:inherit;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:var(--brand);border:1px solid var(--brand)}
button.danger{background:var(--bad)}
button:disabled{opacity:.55;cursor:progress}
.actions{display:flex;gap:.6rem;flex-wrap:wrap;align-items:center}
.bridge{display:none}
form:has(select[name=purpose] option[value=bridge]:checked) .bridge{display:grid;gap:.9rem}
.muted{color:var(--muted)}.small{font-size:.85rem}
.pager{margin:.6rem 0}
details.action{border:1px solid var(--line);border-radius:8px;padding:.5rem .9rem;margin:.5rem 0;background:#fff}
details.action summary{cursor:pointer;font-weight:600}
details.action form{margin-top:.6rem}
ul.plain{list-style:none;padding:0;margin:0}ul.plain li{margin:.25rem 0}
.msg{border-left:3px solid var(--line);padding:.2rem .8rem;margin:.4rem 0}.msg.officer{border-color:#1d4f91}.msg.firm{border-color:var(--brand)}
.steps{counter-reset:s;display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));padding:0;list-style:none}
.steps li{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.9rem 1rem}
.steps li::before{counter-increment:s;content:counter(s);display:inline-grid;place-items:center;width:1.6rem;height:1.6rem;border-radius:50%;background:var(--brand);color:#fff;margin-right:.5rem;font-weight:700}
footer{max-width:1180px;margin:0 auto;padding:0 1.2rem 2rem;color:var(--muted);font-size:.85rem}
`;

/** Disables a form's submit buttons once it is sent (the server is idempotent regardless). */
const SUBMIT_ONCE = `document.addEventListener('submit',function(e){var f=e.target;setTimeout(function(){f.querySelectorAll('button[type=submit]').forEach(function(b){b.disabled=true})},0)});`;

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
        <style>{raw(CSS)}</style>
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
                  <a class="inbox" href="/notifications">
                    通知 <span class="en">Inbox</span>{' '}
                    {props.who.unread ? <b class="count">{props.who.unread}</b> : null}
                  </a>
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
        <script>{raw(SUBMIT_ONCE)}</script>
      </body>
    </html>
  );
}
