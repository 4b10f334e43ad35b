/**
 * The DynamoDB actions the HTTP functions' code calls, by IAM name: GetCommand, QueryCommand
 * and PutCommand, and TransactWriteItems, which IAM authorises item by item (its Put, Update
 * and ConditionCheck entries). The API and the pages run the same use cases, so today the list
 * is the same for both; the stack grants exactly it to each, and a test derives each
 * function's list from its own deployed bundle, so a new call without a grant (or a grant its
 * code no longer uses) fails the build — and splits the list when the two differ.
 */
export const HTTP_FUNCTION_TABLE_ACTIONS = [
  // BatchGet / BatchWrite: certified-list imports and a firm's list rows.
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
] as const;
