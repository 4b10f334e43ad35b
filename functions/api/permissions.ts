/**
 * The DynamoDB actions this function's code calls, by IAM name: GetCommand, QueryCommand
 * and PutCommand, and TransactWriteItems, which IAM authorises item by item (its Put,
 * Update and ConditionCheck entries). The stack grants exactly these; a test derives the
 * same list from the deployed bundle, so a new call without a grant (or a grant nobody
 * uses) fails the build.
 */
export const API_TABLE_ACTIONS = [
  'dynamodb:ConditionCheckItem',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
] as const;
