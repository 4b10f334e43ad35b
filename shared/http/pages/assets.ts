import { createHash } from 'node:crypto';

/**
 * The pages' static parts: one stylesheet, one small script and the icon. They are served by
 * the app itself (same origin, so a strict Content-Security-Policy allows them) under names
 * that carry a hash of their content, so browsers may keep them for a year.
 * Nothing inline: no <style>, no <script> body, no style="" or on*="" attributes.
 */

const CSS = `
:root{--ink:#1c2433;--muted:#4f596b;--line:#dde2ea;--bg:#f5f7fa;--card:#fff;--brand:#0f5e63;--brand-dark:#0b4549;--brand-2:#e8f3f2;
--warn:#7a4700;--warn-bg:#fff6e5;--bad:#a61b12;--bad-bg:#fdecea;--good:#0f5a25;--good-bg:#e7f5ec;--info:#1a4684;--info-bg:#eef3fb;--focus:#c7571d}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.6 -apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",system-ui,sans-serif;overflow-wrap:anywhere}
a{color:var(--brand)}a:hover{text-decoration:none}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;color:var(--brand);padding:.5rem 1rem;z-index:10;border:2px solid var(--brand)}
.skip:focus{left:.5rem;top:.5rem}
.en{color:var(--muted);font-size:.86em;font-weight:400;margin-left:.35em}
.lang-en .en,.lang-zh .en{margin-left:0;font-size:inherit;color:inherit}
h1 .en,h2 .en,h3 .en{font-size:.62em}
.lang-en h1 .en,.lang-en h2 .en,.lang-en h3 .en{font-size:inherit}
header.top{background:var(--brand);color:#fff}
header.top .bar{max-width:1180px;margin:0 auto;padding:.6rem 1.2rem;display:flex;gap:.6rem 1.4rem;align-items:center;flex-wrap:wrap}
header.top a{color:#fff;text-decoration:none}header.top .en{color:#e3f1ef}
.brand{font-weight:700;font-size:1.15rem;letter-spacing:.04em}
nav.main{display:flex;gap:.4rem 1rem;flex:1;flex-wrap:wrap}nav.main a:hover,nav.main a[aria-current]{text-decoration:underline}
.who{display:flex;gap:.6rem;align-items:center;font-size:.9rem;flex-wrap:wrap}
.who .role{background:rgba(255,255,255,.16);border-radius:999px;padding:.05rem .6rem}
.who form{margin:0}.who button{background:transparent;border:1px solid rgba(255,255,255,.7);color:#fff;border-radius:6px;padding:.2rem .7rem;cursor:pointer;font:inherit}
.langs{display:flex;gap:.5rem;font-size:.85rem}.langs a[aria-current]{font-weight:700;text-decoration:underline}
main{max-width:1180px;margin:0 auto;padding:1.4rem 1.2rem 3rem}
main:focus{outline:0}
h1{font-size:1.6rem;margin:.4rem 0 1rem}h2{font-size:1.2rem;margin:1.8rem 0 .7rem}h3{font-size:1.02rem;margin:1rem 0 .4rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem 1.2rem;margin:0 0 1rem}
.card.narrow{max-width:32rem}
.grid{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(min(240px,100%),1fr))}
.lead-text{color:var(--muted);max-width:60rem}
.table-wrap{overflow-x:auto}
table{width:100%;border-collapse:collapse;background:var(--card);border:1px solid var(--line);border-radius:10px;overflow:hidden;font-size:.92rem}
th,td{text-align:left;padding:.55rem .7rem;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#f0f3f7;font-weight:600;white-space:nowrap}
tr:last-child td{border-bottom:0}
td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr.overdue td{background:var(--warn-bg)}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1.2rem;margin:0}
dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
.badge{display:inline-block;border-radius:999px;padding:0 .55rem;font-size:.8rem;background:#eef0f4;color:var(--ink);white-space:nowrap}
.badge .en{color:inherit}
.badge.new,.badge.viewed,.badge.in_progress{background:var(--info-bg);color:var(--info)}
.badge.accepted,.badge.info_requested,.badge.firm_responded{background:var(--warn-bg);color:var(--warn)}
.badge.approved,.badge.disbursed,.badge.open,.badge.funded{background:var(--good-bg);color:var(--good)}
.badge.declined,.badge.overdue{background:var(--bad-bg);color:var(--bad)}
.badge.withdrawn,.badge.closed{background:#eceef1;color:#3d4655}
.badge.demo{background:#f3eefc;color:#4b2d85}
.notice{border-radius:8px;padding:.7rem 1rem;margin:0 0 1rem;border:1px solid}
.notice.ok{background:var(--good-bg);border-color:#b9e0c6;color:var(--good)}
.notice.error{background:var(--bad-bg);border-color:#f4c2bd;color:var(--bad)}
.notice.info{background:var(--info-bg);border-color:#c9d8f0}
.notice.warn{background:var(--warn-bg);border-color:#f0d49c;color:var(--warn)}
.notice .en{color:inherit}
.notice ul{margin:.3rem 0 0;padding-left:1.2rem}
.notice a{color:inherit}
form.stack{display:grid;gap:.9rem;max-width:40rem}
form.inline{display:inline}
form.filters{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:flex-end;margin:0 0 1rem}
form.filters label{font-weight:400}
form.filters select,form.filters input{width:auto;max-width:100%}form.filters label{max-width:100%}
label{display:block;font-weight:600}label .hint{display:block;font-weight:400;color:var(--muted);font-size:.85rem}
label.plain{font-weight:400}
.req{color:var(--bad);font-weight:400;font-size:.85rem;margin-left:.3em}
input[type=text],input[type=email],input[type=password],input[type=number],input[type=date],input[type=datetime-local],input[type=file],select,textarea{
width:100%;padding:.5rem .6rem;border:1px solid #8a94a6;border-radius:6px;font:inherit;background:#fff;margin-top:.2rem;color:var(--ink)}
textarea{min-height:4.5rem}
input:focus,select:focus,textarea:focus{outline:3px solid var(--focus);outline-offset:1px;border-color:var(--brand)}
.field.has-error input,.field.has-error select,.field.has-error textarea,input.has-error{border:2px solid var(--bad)}
.field-error{color:var(--bad);font-size:.9rem;margin:.2rem 0 0;font-weight:600}
.field-error .en{color:inherit}
fieldset{border:1px solid var(--line);border-radius:8px;padding:.6rem 1rem}legend{font-weight:600;padding:0 .3rem}
.checks{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem}.checks label{font-weight:400}
button,.button{display:inline-block;background:var(--brand);color:#fff;border:0;border-radius:6px;padding:.5rem 1.1rem;font:inherit;cursor:pointer;text-decoration:none;min-height:2.5rem}
button .en,.button .en{color:inherit}
button:hover,.button:hover{background:var(--brand-dark)}
button.secondary,.button.secondary{background:#fff;color:var(--brand);border:1px solid var(--brand)}
button.danger,.button.danger{background:var(--bad)}
button:disabled{opacity:.7;cursor:progress}
.actions{display:flex;gap:.6rem;flex-wrap:wrap;align-items:center}
.actions.spread{justify-content:space-between}
.actions.gap{margin-top:.6rem}
.mt{margin-top:1rem}.m0{margin:0}
.bridge{display:none}
form:has(select[name=purpose] option[value=bridge]:checked) .bridge{display:grid;gap:.9rem}
.muted{color:var(--muted)}.small{font-size:.85rem}
.pager{margin:.6rem 0}
details.action{border:1px solid var(--line);border-radius:8px;padding:.5rem .9rem;margin:.5rem 0;background:#fff}
details.action summary{cursor:pointer;font-weight:600}
details.action form{margin-top:.6rem}
ul.plain{list-style:none;padding:0;margin:0}ul.plain li{margin:.25rem 0}
.msg{border-left:3px solid var(--line);padding:.2rem .8rem;margin:.4rem 0;white-space:pre-line}.msg.officer{border-color:var(--info)}.msg.firm{border-color:var(--brand)}
.pre{white-space:pre-line}
.steps{counter-reset:s;display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(min(220px,100%),1fr));padding:0;list-style:none}
.steps li{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.9rem 1rem}
.steps li::before{counter-increment:s;content:counter(s);display:inline-grid;place-items:center;width:1.6rem;height:1.6rem;border-radius:50%;background:var(--brand);color:#fff;margin-right:.5rem;font-weight:700}
ol.timeline{list-style:none;padding:0;margin:.6rem 0;display:flex;flex-wrap:wrap;gap:.3rem}
ol.timeline li{padding:.15rem .6rem;border-radius:999px;border:1px solid var(--line);font-size:.85rem;color:var(--muted);background:#fff}
ol.timeline li.done{background:var(--good-bg);color:var(--good);border-color:#b9e0c6}
ol.timeline li.current{background:var(--brand);color:#fff;border-color:var(--brand)}
ol.timeline li.current .en,ol.timeline li.done .en{color:inherit}
.stats{display:grid;gap:.8rem;grid-template-columns:repeat(auto-fit,minmax(min(150px,100%),1fr));margin:0 0 1rem}
.stat{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:.7rem 1rem}
.stat .value{font-size:1.5rem;font-weight:700;font-variant-numeric:tabular-nums}
.stat .label{color:var(--muted);font-size:.85rem}
progress{width:100%;max-width:32rem;height:1rem;accent-color:var(--brand)}
.import-progress{margin:.2rem 0}
.pre-line{white-space:pre-line}
svg.chart{max-width:100%;height:auto;background:#fff;border:1px solid var(--line);border-radius:10px}
svg.chart text{font-size:12px;fill:var(--ink)}
footer{max-width:1180px;margin:0 auto;padding:0 1.2rem 2rem;color:var(--muted);font-size:.85rem}
footer a{color:var(--muted)}
@media (max-width:640px){
 body{font-size:15px}
 main{padding:1rem .8rem 2.5rem}
 header.top .bar{padding:.5rem .8rem}
 h1{font-size:1.3rem}
 .card{padding:.8rem .9rem}
 dl.facts{grid-template-columns:1fr;gap:0}dl.facts dd{margin:0 0 .5rem}
 table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
 table.cards{border:0;background:transparent}
 table.cards thead{position:absolute;left:-9999px}
 table.cards tr{background:var(--card);border:1px solid var(--line);border-radius:10px;margin:0 0 .8rem;padding:.4rem .2rem}
 table.cards td{border:0;padding:.25rem .7rem;text-align:left;white-space:normal}
 table.cards td.num{display:flex;justify-content:space-between;gap:1rem}
 table.cards td[data-label]::before{content:attr(data-label);display:block;color:var(--muted);font-size:.8rem}
 table.cards td.num[data-label]::before{display:inline}
 table.cards tr.overdue td{background:transparent}table.cards tr.overdue{background:var(--warn-bg)}
}
@media print{header.top,footer,.skip,form{display:none}}
`;

/** Progressive enhancement only: every page works without it. */
const JS = `(function(){
'use strict';
// A form's submit buttons are disabled once it is sent (the server is idempotent regardless).
document.addEventListener('submit',function(e){var f=e.target;setTimeout(function(){
f.querySelectorAll('button[type=submit]').forEach(function(b){b.disabled=true})},0)});
// A file larger than the limit is refused before the upload starts.
document.addEventListener('change',function(e){var i=e.target;if(!i||i.type!=='file'||!i.files)return;
var max=Number(i.getAttribute('data-max-bytes')||0);var big=false;
for(var k=0;k<i.files.length;k++){if(max&&i.files[k].size>max)big=true}
i.setCustomValidity(big?(i.getAttribute('data-too-big')||'too big'):'');if(big)i.reportValidity();
// A form posting straight to storage carries the file's name in a field of its own (ASCII there).
var nf=i.form&&i.form.querySelector('input[data-file-name]');if(nf)nf.value=i.files.length?encodeURIComponent(i.files[0].name):''});
// Certified-list import: a progress bar follows the upload, then the rows being written (the
// page polls the import's progress); the answer replaces the page's main part.
document.addEventListener('submit',function(e){var f=e.target;
var url=f&&f.getAttribute&&f.getAttribute('data-import-progress');
if(!url||!window.FormData||!window.DOMParser||!window.fetch||!window.URLSearchParams)return;
var box=f.querySelector('.import-progress');if(!box)return;e.preventDefault();
var bar=box.querySelector('progress'),msg=box.querySelector('[role=status]'),data=new FormData(f),q=new URLSearchParams(),done=false,timer;
box.hidden=false;
function say(zh,en){msg.textContent=zh+' / '+en}
data.forEach(function(v,k){if(typeof v==='string')q.append(k,v)});
function poll(){if(done)return;fetch(url+'?'+q.toString(),{credentials:'same-origin'}).then(function(r){return r.json()})
.then(function(p){if(done||p.phase!=='writing'||!p.total)return;bar.max=p.total;bar.value=p.written;
say('已读取 '+p.total+' 行（匹配 '+p.matched+'，未匹配 '+p.unmatched+'），已写入 '+p.written,
'read '+p.total+' rows ('+p.matched+' matched, '+p.unmatched+' unmatched), '+p.written+' written')})
.catch(function(){}).then(function(){if(!done)timer=setTimeout(poll,400)})}
var x=new XMLHttpRequest();x.open('POST',f.action);
x.upload.onprogress=function(ev){if(!ev.lengthComputable)return;bar.max=ev.total;bar.value=ev.loaded;
var pc=Math.round(100*ev.loaded/ev.total);say('上传 '+pc+'%','uploading '+pc+'%')};
x.upload.onload=function(){bar.removeAttribute('value');say('正在读取并校验各行…','reading and checking the rows…');poll()};
x.onload=function(){done=true;clearTimeout(timer);
var doc=new DOMParser().parseFromString(x.responseText,'text/html'),m=doc.querySelector('main'),cur=document.querySelector('main');
if(!m||!cur){location.reload();return}
cur.replaceWith(document.importNode(m,true));document.title=doc.title;
var first=document.querySelector('main .notice')||document.querySelector('main h1');
if(first){first.setAttribute('tabindex','-1');first.focus()}};
x.onerror=function(){done=true;clearTimeout(timer);say('上传失败，请重试','the upload failed; please try again');
f.querySelectorAll('button[type=submit]').forEach(function(b){b.disabled=false})};
x.send(data)});
})();`;

const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#0f5e63"/><path d="M18 44V20h10a8 8 0 0 1 0 16h-10M34 44l10-24 10 24" fill="none" stroke="#fff" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

export interface Asset {
  path: string;
  type: string;
  body: string;
  etag: string;
}

function asset(name: string, ext: string, type: string, body: string): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { path: `/static/${name}.${hash}.${ext}`, type, body, etag: `"${hash}"` };
}

export const STYLESHEET = asset('app', 'css', 'text/css; charset=utf-8', CSS);
export const SCRIPT = asset('app', 'js', 'text/javascript; charset=utf-8', JS);
export const ICON_SVG = asset('icon', 'svg', 'image/svg+xml', ICON);
export const ASSETS: readonly Asset[] = [STYLESHEET, SCRIPT, ICON_SVG];
