import * as z from 'zod';

/**
 * A module-level schema built the first time something reads it, not when its module loads.
 *
 * Every Lambda function imports the store, and through it most of shared/domain; building all
 * of their zod schemas took ≈ 1,900 schema constructions at every cold start, most of them
 * for records and inputs the function never reads (docs/operations.md, *Bundles and cold
 * starts*). `lazySchema(() => z.object({ … }))` has the type of the schema it builds (so
 * `z.infer<typeof X>` is unchanged) and forwards every property read, call and check to it;
 * a schema that embeds it (`z.object({ x: X })`) builds it on its own first parse. What the
 * built schema carries in zod's registry (`.describe()`) is registered for the proxy too, so
 * JSON Schema and OpenAPI generation read the same metadata through either.
 */
/**
 * Answers `true` on a lazy schema without building it: code that only needs to know it holds
 * a schema (the Lambda functions' route registration, functions/shared/openapi-runtime.ts)
 * leaves the building to the first parse.
 */
export const IS_LAZY_SCHEMA: unique symbol = Symbol.for('jingrong.lazySchema');

export function lazySchema<T extends object>(build: () => T): T {
  let schema: T | undefined;
  const target = (): T => {
    if (!schema) {
      schema = build();
      const meta = z.globalRegistry.get(schema as unknown as z.ZodType);
      if (meta && !meta.id) z.globalRegistry.add(proxy as unknown as z.ZodType, meta);
    }
    return schema;
  };
  const proxy = new Proxy({} as T, {
    get: (_, key) => (key === IS_LAZY_SCHEMA ? true : Reflect.get(target(), key)),
    set: (_, key, value) => Reflect.set(target(), key, value),
    has: (_, key) => Reflect.has(target(), key),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
      // A proxy may not report a property as non-configurable unless its target has it so.
      return descriptor && { ...descriptor, configurable: true };
    },
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(target(), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(target(), key),
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
  });
  return proxy;
}
