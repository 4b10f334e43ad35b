import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload, type SourceOrigin } from 'node:module';
import { dirname, resolve } from 'node:path';

/**
 * Stack traces in the source's terms (`shared/http/errors.ts:82:3` rather than
 * `index.mjs:1:48213`), decoded when an error is logged rather than at every cold start.
 *
 * Node's `--enable-source-maps` reads and parses the bundle's whole `.map` while the bundle
 * loads, ≈ 10 ms of every cold start on our larger bundles, for the rare invocation that logs
 * an error. Here the `.map` shipped beside `index.mjs` is read on the first logged error and
 * kept; Node's own `SourceMap` class decodes it, so no decoder is bundled.
 */

/** One decoded map per bundle file, with its sources as paths from the project's root. */
interface Decoded {
  map: SourceMap;
  sources: ReadonlyMap<string, string>;
}
const decodedMaps = new Map<string, Decoded | null>();

/** A stack frame's position in a bundle: `file:///var/task/index.mjs:1:2345` or a plain path. */
const FRAME_POSITION = /(?:file:\/\/)?(\/[^\s():]+\.m?js):(\d+):(\d+)/g;

function decodedMapOf(file: string): Decoded | null {
  let decoded = decodedMaps.get(file);
  if (decoded !== undefined) return decoded;
  try {
    const payload = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload;
    decoded = { map: new SourceMap(payload), sources: projectPaths(file, payload.sources) };
  } catch {
    decoded = null; // no map beside it (a package loaded on demand, Node's own code): left as is
  }
  decodedMaps.set(file, decoded);
  return decoded;
}

/**
 * Each source as a path from the project's root (`shared/http/errors.ts`,
 * `node_modules/hono/…`). The map names them relative to the build's output folder, wherever
 * that was; resolved from the bundle's folder, they share the project root as a prefix
 * (every bundle has sources both in the project and under its node_modules).
 */
function projectPaths(file: string, sources: readonly string[]): ReadonlyMap<string, string> {
  const absolute = sources.map((source) => resolve(dirname(file), source));
  let root = absolute.length ? dirname(absolute[0]!) : '/';
  for (const path of absolute) while (!path.startsWith(`${root}/`) && root !== '/') root = dirname(root);
  const start = root === '/' ? 1 : root.length + 1;
  return new Map(sources.map((source, i) => [source, absolute[i]!.slice(start)]));
}

/** The stack with every position inside a source-mapped bundle replaced by its source position. */
export function originalStack(stack: string): string {
  return stack.replace(FRAME_POSITION, (position, file: string, line: string, column: string) => {
    const decoded = decodedMapOf(file);
    if (!decoded) return position;
    const origin = decoded.map.findOrigin(Number(line), Number(column)) as
      | SourceOrigin
      | Record<string, never>;
    if (!('fileName' in origin)) return position;
    const source = decoded.sources.get(origin.fileName) ?? origin.fileName;
    return `${source}:${origin.lineNumber}:${origin.columnNumber}`;
  });
}

const decodedErrors = new WeakSet<Error>();

/**
 * Rewrites the stacks of the errors among a log line's fields (and their causes) in place, once
 * per error, before the logger formats them.
 */
export function withOriginalStacks(fields: Record<string, unknown>): Record<string, unknown> {
  for (const value of Object.values(fields)) {
    for (let error = value; error instanceof Error && !decodedErrors.has(error); error = error.cause) {
      decodedErrors.add(error);
      if (typeof error.stack === 'string') error.stack = originalStack(error.stack);
    }
  }
  return fields;
}
