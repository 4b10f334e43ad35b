/**
 * The DynamoDB actions a function bundle calls, read from the bundle itself: the commands it
 * takes from the (external, runtime-provided) AWS SDK, imported by name or read off the
 * namespaces shared/store/sdk.ts loads, and for TransactWriteItems the kinds of items it
 * builds, since IAM authorises a transaction item by item.
 */
const COMMAND_ACTIONS: Record<string, string[]> = {
  GetCommand: ['dynamodb:GetItem'],
  GetItemCommand: ['dynamodb:GetItem'],
  PutCommand: ['dynamodb:PutItem'],
  PutItemCommand: ['dynamodb:PutItem'],
  UpdateCommand: ['dynamodb:UpdateItem'],
  UpdateItemCommand: ['dynamodb:UpdateItem'],
  DeleteCommand: ['dynamodb:DeleteItem'],
  DeleteItemCommand: ['dynamodb:DeleteItem'],
  QueryCommand: ['dynamodb:Query'],
  ScanCommand: ['dynamodb:Scan'],
  BatchGetCommand: ['dynamodb:BatchGetItem'],
  BatchWriteCommand: ['dynamodb:BatchWriteItem'],
  TransactGetCommand: ['dynamodb:GetItem'],
  DescribeTableCommand: ['dynamodb:DescribeTable'],
  CreateTableCommand: ['dynamodb:CreateTable'],
  UpdateTimeToLiveCommand: ['dynamodb:UpdateTimeToLive'],
  ListTablesCommand: ['dynamodb:ListTables'],
  ExecuteStatementCommand: ['dynamodb:PartiQLSelect'],
};

const TRANSACT_ITEM_ACTIONS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

export function tableActionsCalledBy(code: string): string[] {
  const actions = new Set<string>();
  const imports = code.matchAll(/import\{([^}]*)\}from"@aws-sdk\/(?:lib-dynamodb|client-dynamodb)"/g);
  const names = [...imports].flatMap((m) =>
    m[1]!.split(',').map((spec) => spec.trim().split(/\s+as\s+/)[0]!),
  );
  // `x=load("@aws-sdk/lib-dynamodb")`, then `x.GetCommand` wherever the bundle uses one.
  const namespaces = code.matchAll(/([\w$]+)=[\w$]+\("@aws-sdk\/(?:lib-dynamodb|client-dynamodb)"\)/g);
  for (const [, ns] of namespaces) {
    const member = new RegExp(`(?<![\\w$.])${ns!.replace(/\$/g, '\\$')}\\.(\\w+)`, 'g');
    for (const m of code.matchAll(member)) names.push(m[1]!);
  }
  for (const name of names) {
    if (name === 'TransactWriteCommand' || name === 'TransactWriteItemsCommand') {
      for (const m of code.matchAll(/\b(Put|Update|Delete|ConditionCheck):\{TableName:/g)) {
        actions.add(TRANSACT_ITEM_ACTIONS[m[1]!]!);
      }
    } else if (name.endsWith('Command')) {
      const mapped = COMMAND_ACTIONS[name];
      if (!mapped) throw new Error(`no IAM action known for ${name}: add it to the map`);
      for (const action of mapped) actions.add(action);
    }
  }
  return [...actions].sort();
}

/**
 * The S3 actions a function bundle calls: the commands it builds from the (external) S3 client,
 * and the presigners, whose URLs carry the signer's own rights (a presigned POST is a PutObject,
 * a presigned GET of a GetObjectCommand a GetObject, already counted by its command).
 */
const S3_ACTIONS: Record<string, string> = {
  GetObjectCommand: 's3:GetObject',
  HeadObjectCommand: 's3:GetObject',
  PutObjectCommand: 's3:PutObject',
  createPresignedPost: 's3:PutObject',
  // IAM authorises a copy as a GetObject of the source and a PutObject of the copy.
  CopyObjectCommand: 's3:GetObject,s3:PutObject',
  DeleteObjectCommand: 's3:DeleteObject',
  ListObjectsV2Command: 's3:ListBucket',
};

export function s3ActionsCalledBy(code: string): string[] {
  const actions = new Set<string>();
  if (!code.includes('"@aws-sdk/client-s3"')) return [];
  for (const m of code.matchAll(/\b(\w*(?:Object|Bucket)\w*Command|createPresignedPost)\b/g)) {
    const name = m[1]!;
    const mapped = S3_ACTIONS[name];
    if (!mapped) throw new Error(`no IAM action known for ${name}: add it to the map`);
    for (const action of mapped.split(',')) actions.add(action);
  }
  return [...actions].sort();
}
