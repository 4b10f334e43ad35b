import { zValidator } from '@hono/zod-validator';
import { Hono, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { IS_LAZY_SCHEMA } from '#domain/lazy-schema.ts';

/**
 * What the Lambda bundles get in place of `@hono/zod-openapi` (an esbuild alias set by
 * infra/constructs/service-function.ts): `createRoute` and an `OpenAPIHono` that routes and
 * validates exactly like the library's (same validators, same order, same hooks) but keeps no
 * registry and generates nothing. The library's registry, its OpenAPI generator and the whole
 * zod namespace it extends stay out of the bundles; the document they would have built is
 * built at deploy time instead (shared/http/openapi-document.ts) and shipped as a file.
 *
 * The route definitions in shared/http/routes/** are unchanged; a test bundles each function
 * with this module and checks it serves the same routes, validated the same way, as the whole
 * app built on the library.
 */

// biome-ignore lint/suspicious/noExplicitAny: mirrors the library's untyped route config at run time
type Schema = any;
interface MediaContent {
  schema?: Schema;
}
interface RouteConfig {
  method: string;
  path: string;
  hide?: boolean;
  middleware?: MiddlewareHandler | MiddlewareHandler[];
  request?: {
    query?: Schema;
    params?: Schema;
    headers?: Schema;
    cookies?: Schema;
    body?: { required?: boolean; content?: Record<string, MediaContent> };
  };
}
type Hook = Parameters<typeof zValidator>[2];
type Init = ConstructorParameters<typeof Hono>[0] & { defaultHook?: Hook };

export const createRoute = <R extends RouteConfig>(routeConfig: R) => {
  const route = {
    ...routeConfig,
    getRoutingPath() {
      return routeConfig.path.replaceAll(/\/{(.+?)}/g, '/:$1');
    },
  };
  return Object.defineProperty(route, 'getRoutingPath', { enumerable: false });
};

const isZod = (x: Schema) =>
  !!x &&
  typeof x === 'object' &&
  // A schema built on first use (#domain/lazy-schema.ts) stays unbuilt until a request needs it.
  (x[IS_LAZY_SCHEMA] === true || isBuiltZod(x));
const isBuiltZod = (x: Schema) =>
  typeof x.parse === 'function' &&
  typeof x.safeParse === 'function' &&
  typeof x.parseAsync === 'function' &&
  typeof x.safeParseAsync === 'function';

const isJson = (type: string) => /^application\/([a-z-.]+\+)?json/i.test(type);
const isForm = (type: string) => {
  const lower = type.toLowerCase();
  return lower.startsWith('multipart/form-data') || lower.startsWith('application/x-www-form-urlencoded');
};
const JSON_REQUEST = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;
const MULTIPART_REQUEST = /^multipart\/form-data(;\s?boundary=[a-zA-Z0-9'"()+_,\-./:=?]+)?$/i;
const URLENCODED_REQUEST = /^application\/x-www-form-urlencoded(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

function matchesMediaType(contentType: string, mediaType: string): boolean {
  if (mediaType === '*/*') return true;
  if (isJson(mediaType)) return JSON_REQUEST.test(contentType);
  if (isForm(mediaType)) return MULTIPART_REQUEST.test(contentType) || URLENCODED_REQUEST.test(contentType);
  const essence = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType.endsWith('/*')) return essence.startsWith(mediaType.slice(0, -1).toLowerCase());
  return essence === mediaType.toLowerCase();
}

async function hasRequestBody(raw: Request, arrayBuffer: () => Promise<ArrayBuffer>): Promise<boolean> {
  if (raw.body === null) return false;
  if (raw.bodyUsed) return (await arrayBuffer()).byteLength > 0;
  const body = raw.clone().body;
  if (body === null) return false;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      if (value.byteLength > 0) return true;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

// biome-ignore lint/suspicious/noExplicitAny: the env and schema types are the library's, checked against it at compile time
export class OpenAPIHono<E extends Record<string, any> = any> extends Hono<E> {
  defaultHook: Hook | undefined;

  constructor(init?: Init) {
    super(init);
    this.defaultHook = init?.defaultHook;
  }

  // biome-ignore lint/suspicious/noExplicitAny: handlers are typed by the library's declarations
  openapi = (config: RouteConfig, handler: any, hook?: Hook) => {
    const { middleware: routeMiddleware, hide: _hide, ...route } = config;
    const effectiveHook = hook ?? this.defaultHook;
    const validators: MiddlewareHandler[] = [];
    const request = route.request;
    if (request?.query) validators.push(zValidator('query', request.query, effectiveHook));
    if (request?.params) validators.push(zValidator('param', request.params, effectiveHook));
    if (request?.headers) validators.push(zValidator('header', request.headers, effectiveHook));
    if (request?.cookies) validators.push(zValidator('cookie', request.cookies, effectiveHook));
    const bodyContent = request?.body?.content;
    if (bodyContent) {
      const declared = Object.keys(bodyContent);
      if (declared.some((type) => isZod(bodyContent[type]?.schema) && (isJson(type) || isForm(type)))) {
        validators.push(async (c, next) => {
          const contentType = c.req.header('content-type');
          if (contentType) {
            if (!declared.some((type) => matchesMediaType(contentType, type)))
              throw new HTTPException(415, { message: 'Unsupported Media Type' });
          } else if (await hasRequestBody(c.req.raw, () => c.req.arrayBuffer()))
            throw new HTTPException(415, { message: 'Unsupported Media Type' });
          await next();
        });
      }
      for (const type of declared) {
        const schema = bodyContent[type]?.schema;
        if (!isZod(schema)) continue;
        for (const [target, matches] of [
          ['json', isJson],
          ['form', isForm],
        ] as const) {
          if (!matches(type)) continue;
          const validator = zValidator(target, schema, effectiveHook);
          if (request?.body?.required) validators.push(validator);
          else
            validators.push(async (c, next) => {
              const contentType = c.req.header('content-type');
              if (contentType && matches(contentType)) return validator(c, next);
              c.req.addValidatedData(target, {});
              await next();
            });
        }
      }
    }
    const middleware = routeMiddleware
      ? Array.isArray(routeMiddleware)
        ? routeMiddleware
        : [routeMiddleware]
      : [];
    this.on(
      [route.method],
      [route.path.replaceAll(/\/{(.+?)}/g, '/:$1')],
      ...middleware,
      ...validators,
      handler,
    );
    return this;
  };
}
