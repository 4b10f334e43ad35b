import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createContext, useContext } from 'hono/jsx';

/**
 * Which language the pages speak: Chinese (the default), English, or both side by side.
 * Chosen with the switch in the header and kept in a cookie; every bilingual text reads it
 * while the page renders, so a page is built once, in the reader's language.
 */
export const LANGS = ['zh', 'en', 'both'] as const;
export type Lang = (typeof LANGS)[number];
export const LANG_COOKIE = 'jr_lang';

/** What every component may know about the page being rendered: its language and its address. */
export interface PageInfo {
  lang: Lang;
  /** Path and query of the page, for links that come back to it (the language switch). */
  path: string;
}

export const PageInfoContext = createContext<PageInfo>({ lang: 'zh', path: '/' });

/** The reader's language while a page renders. */
export function useLang(): Lang {
  return useContext(PageInfoContext).lang;
}

export function usePath(): string {
  return useContext(PageInfoContext).path;
}

/** The language a request asks for (cookie), Chinese when it asks for none. */
export function langOf(c: Context): Lang {
  const value = getCookie(c, LANG_COOKIE);
  return (LANGS as readonly string[]).includes(value ?? '') ? (value as Lang) : 'zh';
}

/** The `lang` attribute of the page as a whole. */
export function htmlLang(lang: Lang): string {
  return lang === 'en' ? 'en' : 'zh-CN';
}
