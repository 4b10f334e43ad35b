import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CONSUMER_NAMES } from '#events/routing.ts';

const ENTRIES = fileURLToPath(new URL('../../functions/consumer/entries/', import.meta.url));
const saved = { ...process.env };
afterAll(() => {
  process.env = saved;
});

describe('consumer functions: one entry per consumer, carrying that consumer alone', () => {
  it('has exactly one entry for each consumer of the routing table', () => {
    expect(readdirSync(ENTRIES).sort()).toEqual(CONSUMER_NAMES.map((name) => `${name}.ts`).sort());
  });

  it.each(CONSUMER_NAMES)(
    '%s: imports its consumer only and starts with CONSUMER naming it',
    async (name) => {
      const source = readFileSync(`${ENTRIES}${name}.ts`, 'utf8');
      expect(source.match(/from '#usecases\/backbone\/consumers\/[\w-]+\.ts'/g)).toHaveLength(1);
      Object.assign(process.env, { AWS_REGION: 'cn-north-1', TABLE_NAME: 'Jingrong-Table', CONSUMER: name });
      const entry = await import(`${ENTRIES}${name}.ts`);
      expect(typeof entry.handler).toBe('function');
    },
  );
});
