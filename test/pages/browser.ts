import type { World } from '../support/world.ts';

/** The origin app.request() gives requests ("http://localhost/..."): forms posted from our own pages. */
export const ORIGIN = 'http://localhost';

export type Fields = Record<string, string | string[]>;

/**
 * A minimal browser over `app.request`: pages are fetched with the session cookie, forms are
 * posted url-encoded with an Origin header, as a browser sends them.
 */
export function browser(world: Pick<World, 'app'>, token?: string) {
  const cookie: Record<string, string> = token ? { cookie: `jr_token=${token}` } : {};
  return {
    get: (path: string) => world.app.request(path, { headers: cookie }),
    post(path: string, fields: Fields, origin = ORIGIN) {
      const body = new URLSearchParams();
      for (const [name, value] of Object.entries(fields))
        for (const v of [value].flat()) body.append(name, v);
      return world.app.request(path, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin, ...cookie },
      });
    },
  };
}

/** The value of a hidden or text input in a page. */
export function inputValue(html: string, name: string): string | undefined {
  const tag = html.match(new RegExp(`<input[^>]*name="${name}"[^>]*>`))?.[0];
  return tag?.match(/value="([^"]*)"/)?.[1];
}
