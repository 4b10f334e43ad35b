/**
 * The DynamoDB actions the pages function's code calls (the pages run the same use cases as
 * the API: reads by key and by query, and the transactions that write a change with its event).
 * Granted exactly by the stack; a test derives the same list from the deployed bundle.
 */
export const PAGES_TABLE_ACTIONS = [
  'dynamodb:ConditionCheckItem',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
] as const;
