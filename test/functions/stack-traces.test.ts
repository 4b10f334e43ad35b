import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { originalStack } from '../../functions/shared/stack-traces.ts';
import { bundleAsLambda } from '../support/lambda-bundle.ts';

/**
 * The functions run without `--enable-source-maps` (it parses the whole map at every cold start);
 * the errors they log are mapped back to their sources when logged. Here a small function is
 * bundled as the stack bundles (minified ESM, a source map beside it, no sources content), run in
 * a fresh Node without the flag, and its log line read.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, 'node_modules', '.cache', `jingrong-stack-traces-${randomUUID().slice(0, 8)}`);
const FAILING = 'test/functions/stack-traces/failing.ts';

let bundle: string;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  bundle = join(OUT, 'index.mjs');
  await bundleAsLambda('test/functions/stack-traces/entry.ts', bundle, {
    sourcemap: true,
    sourcesContent: false,
  });
});
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

/** Runs the bundle's logFailure() in a fresh Node with no NODE_OPTIONS; its error log line. */
function loggedLine(): {
  message: string;
  path: string;
  error: { location: string; stack: string; cause: { stack: string } };
} {
  const script = `const m = await import(${JSON.stringify(pathToFileURL(bundle).href)}); m.logFailure();`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH, POWERTOOLS_LOG_LEVEL: 'INFO', NODE_OPTIONS: '' },
    encoding: 'utf8',
  });
  expect(run.status).toBe(0);
  // Errors go to stderr; the SDK's notice about this machine's Node version may come first.
  const line = run.stderr.split('\n').find((l) => l.startsWith('{"level":"ERROR"'));
  return JSON.parse(line!);
}

describe('stack traces of logged errors', () => {
  it("name the source file and line, not the bundle's, without --enable-source-maps", () => {
    const line = loggedLine();
    expect(line.message).toBe('request failed');
    expect(line.path).toBe('/api/example');
    // The throw is on line 6 of the failing module, the call on line 11 of the entry.
    expect(line.error.stack).toMatch(
      new RegExp(`^Error: the store answered nonsense\\n\\s+at \\S+ \\(${FAILING}:6:\\d+\\)`),
    );
    expect(line.error.stack).toContain('test/functions/stack-traces/entry.ts:11:');
    expect(line.error.location).toBe(`${FAILING}:6`);
    expect(line.error.stack).not.toContain('index.mjs');
    // The cause too: thrown by JSON.parse (Node's own frame kept) called on line 4.
    expect(line.error.cause.stack).toContain(`${FAILING}:4:`);
    expect(line.error.cause.stack).toContain('at JSON.parse (<anonymous>)');
  });

  it('leaves positions it has no map for as they are', () => {
    const stack = 'Error: x\n    at f (file:///nowhere/index.mjs:1:200)\n    at node:internal/main:3:4';
    expect(originalStack(stack)).toBe(stack);
  });
});
