import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { originalStack } from '../functions/shared/stack-traces.ts';

/**
 * Maps a stack trace that the Lambda runtime reported with bundle positions
 * (`/var/task/index.mjs:2:48213`) to source positions, with the deployed bundle's map:
 *
 *   npx tsx scripts/map-stack.ts <folder with index.mjs and index.mjs.map> < stack.txt
 *
 * (the folder: the function's code downloaded from the console, or its `cdk.out/asset.*`).
 * The functions' own logs need none of this: they map the errors they log.
 */
const folder = process.argv[2];
if (!folder) {
  process.stderr.write(
    'usage: npx tsx scripts/map-stack.ts <folder with index.mjs and index.mjs.map> < stack.txt\n',
  );
  process.exit(2);
}
const stack = readFileSync(0, 'utf8').replaceAll('/var/task/', `${resolve(folder)}/`);
process.stdout.write(originalStack(stack));
