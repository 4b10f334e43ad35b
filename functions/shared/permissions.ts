/**
 * The DynamoDB actions each HTTP function's code calls, by IAM name: GetCommand, QueryCommand,
 * PutCommand and so on, and TransactWriteItems, which IAM authorises item by item (its Put,
 * Update and ConditionCheck entries). The stack grants exactly these to each function, and a
 * test derives each function's list from its own deployed bundle, so a new call without a
 * grant (or a grant its code no longer uses) fails the build.
 */
export const API_FUNCTION_TABLE_ACTIONS = [
  // BatchGet / BatchWrite: a firm's list rows, bulk equity and roadshow writes.
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
] as const;

/**
 * The other HTTP functions call the same kinds of action today (each through its own bundle,
 * which the template test reads separately): give one its own list the day its calls differ.
 */
/** Funds, batches, equity leads and roadshows. */
export const EQUITY_FUNCTION_TABLE_ACTIONS = API_FUNCTION_TABLE_ACTIONS;

/** The officers' leads, notifications, escalations and webhooks. */
export const LEADS_FUNCTION_TABLE_ACTIONS = API_FUNCTION_TABLE_ACTIONS;

/** The pages run the use cases of all the API's parts. */
export const PAGES_FUNCTION_TABLE_ACTIONS = API_FUNCTION_TABLE_ACTIONS;

/** The certified-list import: reads the region's firms, writes the entries and the progress, switches the version. */
export const CERTIFIED_LIST_IMPORT_TABLE_ACTIONS = API_FUNCTION_TABLE_ACTIONS;
