import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBoundaries } from '../scripts/check-boundaries.ts';

function tree(files: Record<string, string[]>): string {
  const root = mkdtempSync(join(tmpdir(), 'boundaries-'));
  for (const [path, lines] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), lines.join('\n'));
  }
  return root;
}

describe('architecture boundaries', () => {
  it('hold in this repository: edge → use cases → domain, only shared/store touches DynamoDB', () => {
    expect(checkBoundaries(process.cwd())).toEqual([]);
  });

  it('catch each kind of domain impurity (the check itself can fail)', () => {
    const root = tree({
      'shared/domain/bad.ts': [
        "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
        "import { Hono } from 'hono';",
        "import { readFileSync } from 'node:fs';",
        "import { keys } from '#store/keys.ts';",
        'export const table = process.env.TABLE_NAME;',
        'export const today = new Date();',
      ],
    });
    const rules = checkBoundaries(root).map((v) => v.rule);
    expect(rules).toHaveLength(6);
    expect(rules.join('\n')).toMatch(
      /AWS SDK[\s\S]*hono[\s\S]*I\/O[\s\S]*layers above[\s\S]*process\.env[\s\S]*clock/,
    );
  });

  it('fail an import that runs back up, a use case that knows HTTP or the raw table, and the SDK outside the store', () => {
    const root = tree({
      'shared/usecases/inverted.ts': [
        "import type { Principal } from '#http/auth.ts';",
        "import { sign } from 'hono/jwt';",
        "import type { TransactItem } from '#store/db.ts';",
        "import { views } from '../http/views.ts';",
        'export const write = (deps) => deps.store.db.transact([]);',
      ],
      'shared/store/up.ts': ["import { signIn } from '#usecases/sign-in.ts';"],
      'shared/events/up.ts': ["import type { Store } from '#store/index.ts';"],
      'shared/http/routes/raw.ts': [
        "import { GetCommand } from '@aws-sdk/lib-dynamodb';",
        "export const read = (c) => c.get('deps').store.leads.get('x');",
      ],
      'local/probe.ts': ["import { ListTablesCommand } from '@aws-sdk/client-dynamodb';"],
      'shared/domain/ok.ts': ["import * as z from 'zod';", "import { x } from './other.ts';"],
      'shared/usecases/ok.ts': [
        "import type { Store } from '#store/index.ts';",
        "import { decideTransition } from '#domain/lead.ts';",
      ],
    });
    const found = checkBoundaries(root)
      .map((v) => `${v.file}:${v.line} ${v.rule}`)
      .sort();
    expect(found).toEqual([
      'local/probe.ts:1 only shared/store may import the AWS SDK',
      'shared/events/up.ts:1 events must not import store (imports point one way: edge → use cases → domain)',
      'shared/http/routes/raw.ts:1 only shared/store may import the AWS SDK',
      'shared/http/routes/raw.ts:2 routes and pages read and write through use cases, not the repositories',
      'shared/store/up.ts:1 store must not import usecases (imports point one way: edge → use cases → domain)',
      'shared/usecases/inverted.ts:1 usecases must not import http (imports point one way: edge → use cases → domain)',
      'shared/usecases/inverted.ts:2 use cases and the store must not import hono',
      "shared/usecases/inverted.ts:3 usecases must reach the table through the store's ports, not shared/store/db.ts",
      'shared/usecases/inverted.ts:4 usecases must not import http (imports point one way: edge → use cases → domain)',
      'shared/usecases/inverted.ts:5 only shared/store may touch the raw document client',
    ]);
  });
});
