import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, UnauthenticatedError } from '#domain/errors.ts';
import type { BilingualText } from '#domain/text.ts';
import type { AppEnv } from '../context.ts';
import { statusOf } from '../errors.ts';
import { plainWho } from './common.ts';
import { BiLink, Notice, Text } from './components.tsx';
import { Layout, page } from './layout.tsx';

/**
 * Failures on the pages become pages: sign-in for the anonymous, a bilingual message for the
 * rest, with the status the JSON API would give (errors.ts maps domain errors in one place).
 * Forms catch their own validation errors and re-render themselves before this runs.
 */
export function pageErrorHandler(error: Error, c: Context<AppEnv>) {
  if (error instanceof UnauthenticatedError) {
    const back = c.req.method === 'GET' ? `?next=${encodeURIComponent(c.req.path)}` : '';
    return c.redirect(`/sign-in${back}`, 303);
  }
  if (error instanceof DomainError) return errorPage(c, statusOf(error), { zh: error.zh, en: error.en });
  if (error instanceof HTTPException) {
    // csrf(): a form posted from another site.
    const text =
      error.status === 403
        ? { zh: '请求来源校验失败，请从本站页面提交表单', en: 'cross-site form submission refused' }
        : { zh: '请求无法处理', en: 'the request could not be handled' };
    return errorPage(c, error.status as ContentfulStatusCode, text);
  }
  c.get('deps').logger.error('unhandled page error', { error, method: c.req.method, path: c.req.path });
  return errorPage(c, 500, { zh: '服务器内部错误，请稍后重试', en: 'internal error, please retry later' });
}

function errorPage(c: Context<AppEnv>, status: ContentfulStatusCode, text: BilingualText) {
  const title =
    status === 404
      ? { zh: '未找到', en: 'Not found' }
      : status === 403
        ? { zh: '无权访问', en: 'Not allowed' }
        : { zh: '出错了', en: 'Something went wrong' };
  return page(
    c,
    <Layout title={title} who={plainWho(c.get('principal'))}>
      <h1>
        <Text text={title} />
      </h1>
      <Notice kind="error" text={text} />
      <p>
        <BiLink href="/" zh="返回首页" en="Back to the start page" />
      </p>
    </Layout>,
    status,
  );
}
