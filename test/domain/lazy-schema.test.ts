import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { lazySchema } from '#domain/lazy-schema.ts';

describe('lazySchema', () => {
  it('builds the schema on first use, once, and behaves as the schema it builds', () => {
    let builds = 0;
    const Name = lazySchema(() => {
      builds++;
      return z.string().trim().min(2).describe('a name');
    });
    const Person = lazySchema(() => z.object({ name: Name, nick: Name.optional() }));
    expect(builds).toBe(0);
    const person: z.infer<typeof Person> = Person.parse({ name: '  Li  ' });
    expect(person).toEqual({ name: 'Li' });
    expect(builds).toBe(1);
    expect(Person.safeParse({ name: 'L' }).success).toBe(false);
    expect(Name.description).toBe('a name');
    expect(Name instanceof z.ZodString).toBe(true);
    expect(Person instanceof z.ZodObject).toBe(true);
    expect(Object.keys(Person.shape)).toEqual(['name', 'nick']);
    expect(builds).toBe(1);
  });

  it('gives the same JSON Schema as the schema itself', () => {
    const build = () =>
      z.object({ a: z.enum(['x', 'y']), b: z.number().int().min(1).optional() }).describe('thing');
    const Outer = lazySchema(() => z.object({ inner: lazySchema(build) }));
    expect(z.toJSONSchema(Outer)).toEqual(z.toJSONSchema(z.object({ inner: build() })));
  });
});
