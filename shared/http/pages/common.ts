import type { Context } from 'hono';
import { DomainError, NotFoundError } from '#domain/errors.ts';
import { regionName } from '#domain/matching/names.ts';
import { type Principal, type Role, requireRole } from '#domain/principal.ts';
import { displayNameOf } from '#usecases/firms.ts';
import { unreadCount } from '#usecases/notifications.ts';
import type { AppEnv } from '../context.ts';
import type { Who } from './layout.tsx';

export type PageContext = Context<AppEnv>;

/** The signed-in principal of one of `roles`; otherwise the page error handler asks for sign-in (or says 403). */
export function signedIn<R extends Role>(c: PageContext, ...roles: R[]): Extract<Principal, { role: R }> {
  return requireRole(c.get('principal'), ...roles);
}

/** The name the navigation shows: the firm's or institution's name, or the operator's region. */
export async function whoOf(c: PageContext): Promise<Who | undefined> {
  const principal = c.get('principal');
  if (!principal) return undefined;
  const [name, unread] = await Promise.all([
    displayNameOf(c.get('deps'), principal),
    unreadCount(c.get('deps').store, principal),
  ]);
  return { role: principal.role, name, unread };
}

/** Without a database read: for error pages, which must not fail themselves. */
export function plainWho(principal: Principal | undefined): Who | undefined {
  if (!principal) return undefined;
  if (principal.role === 'operator') return { role: 'operator', name: regionName(principal.regionPrefix).zh };
  return { role: principal.role, name: principal.userId };
}

/** Local paths only, so a `next` parameter can't send anyone to another site. */
export function safeNext(next: string | undefined): string | undefined {
  return next && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : undefined;
}

/** One-word outcomes carried in `?ok=` after a redirect, shown as a notice. */
export const DONE_MESSAGES: Record<string, { zh: string; en: string }> = {
  submitted: { zh: '融资需求已提交，以下是匹配结果', en: 'Request submitted; here are its matches' },
  sent: { zh: '已发送给所选机构', en: 'Sent to the chosen institutions' },
  revealed: { zh: '已向该机构公开企业身份', en: 'Your identity is now visible to this institution' },
  responded: { zh: '已回复机构', en: 'Your answer was sent' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  moved: { zh: '线索已更新', en: 'Lead updated' },
  assigned: { zh: '已指派服务专员', en: 'Service specialist assigned' },
  certified: {
    zh: '证书已保存；新需求将按新的证书匹配',
    en: 'Certificates saved; new requests match on them',
  },
  attached: {
    zh: '文件已上传，目前只有自己可见；需要时分享给机构',
    en: 'File uploaded; only you see it until you share it with the institution',
  },
  shared: { zh: '文件已分享给该机构', en: 'File shared with the institution' },
  disputed: {
    zh: '异议已提交，本辖区运营方将核实并答复',
    en: 'Dispute submitted; your region’s operator will check and answer',
  },
};

export function doneMessage(c: PageContext) {
  const key = c.req.query('ok');
  return key ? DONE_MESSAGES[key] : undefined;
}

/**
 * Whether a form's failure is shown on the form's own page again. A missing resource (404)
 * is not: it goes to the error page, like anything that is not a domain error.
 */
export function shownOnPage(error: unknown): error is DomainError {
  return error instanceof DomainError && !(error instanceof NotFoundError);
}
