import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { LAMBDA_BUNDLING } from '../../infra/constructs/service-function.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles a test entry (a path from the project root) the way the stack bundles a function:
 * minified ESM for Node, the SDK left to the runtime, the routes' run-time alias, the require
 * shim. `options` adds what a test needs beside (a source map, …).
 */
export async function bundleAsLambda(entry: string, outfile: string, options: esbuild.BuildOptions = {}) {
  await esbuild.build({
    entryPoints: [join(ROOT, entry)],
    outfile,
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    mainFields: ['module', 'main'],
    minify: true,
    external: LAMBDA_BUNDLING.externalModules,
    alias: LAMBDA_BUNDLING.alias,
    banner: { js: LAMBDA_BUNDLING.banner },
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    logLevel: 'silent',
    ...options,
  });
}
