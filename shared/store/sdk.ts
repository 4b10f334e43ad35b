import { createRequire } from 'node:module';

/**
 * The AWS SDK's DynamoDB packages, loaded with `require()`. They are CommonJS (in
 * node_modules, and in the Lambda runtime the functions take them from); an ES module that
 * `import`s a CommonJS package makes Node scan its source for export names first, which
 * costs the functions' cold start more CPU than loading the SDK itself. Call sites use the
 * namespaces (`documents.GetCommand`), so a function's bundle still names every command it
 * sends (the template tests read its table actions from that).
 */
const load = createRequire(import.meta.url);

export const dynamodb = load('@aws-sdk/client-dynamodb') as typeof import('@aws-sdk/client-dynamodb');
export const documents = load('@aws-sdk/lib-dynamodb') as typeof import('@aws-sdk/lib-dynamodb');
