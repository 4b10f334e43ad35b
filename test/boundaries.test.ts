import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDomainBoundaries } from '../scripts/check-boundaries.ts';

describe('architecture boundaries', () => {
  it('keeps shared/domain pure', () => {
    expect(checkDomainBoundaries(process.cwd())).toEqual([]);
  });

  it('catches each kind of violation (the check itself can fail)', () => {
    const root = mkdtempSync(join(tmpdir(), 'boundaries-'));
    mkdirSync(join(root, 'shared', 'domain'), { recursive: true });
    writeFileSync(
      join(root, 'shared', 'domain', 'bad.ts'),
      [
        "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
        "import { Hono } from 'hono';",
        "import { readFileSync } from 'node:fs';",
        "import { keys } from '#store/keys.ts';",
        'export const table = process.env.TABLE_NAME;',
        'export const today = new Date();',
      ].join('\n'),
    );
    const rules = checkDomainBoundaries(root).map((v) => v.rule);
    expect(rules).toHaveLength(6);
    expect(rules.join('\n')).toMatch(
      /AWS SDK[\s\S]*hono[\s\S]*I\/O[\s\S]*layers above[\s\S]*process\.env[\s\S]*clock/,
    );
  });
});
