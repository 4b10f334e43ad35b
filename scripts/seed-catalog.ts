import { createDocumentClient, createDynamoClient } from '#store/client.ts';
import { createStore } from '#store/index.ts';
import { seedCatalog } from '../local/seed.ts';

/**
 * Loads the reviewed catalog (institutions and products) into a deployed table, once after the
 * first deploy and again when the catalog data changes; idempotent like the local seeding.
 *   AWS_REGION=cn-north-1 TABLE_NAME=<stack output TableName> npx tsx scripts/seed-catalog.ts
 */
const tableName = process.env.TABLE_NAME;
const region = process.env.AWS_REGION;
if (!tableName || !region) {
  process.stderr.write('TABLE_NAME and AWS_REGION are required (the TableName output of the stack)\n');
  process.exit(1);
}
const client = createDynamoClient({ region });
const seeded = await seedCatalog(createStore(createDocumentClient(client), tableName), new Date());
process.stdout.write(`${JSON.stringify({ table: tableName, ...seeded })}\n`);
client.destroy();
