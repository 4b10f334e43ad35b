import type { ConsumerName } from '#events/routing.ts';

/**
 * The DynamoDB actions each backbone function's code calls (IAM authorises a transaction
 * item by item: its Put, Update, Delete and ConditionCheck entries), and the indexes it
 * queries. The stack grants exactly these, per function.
 */
const MARKER = ['dynamodb:GetItem', 'dynamodb:PutItem'] as const;

export const CONSUMER_TABLE_ACCESS: Record<
  ConsumerName,
  { actions: readonly `dynamodb:${string}`[]; indexNames: readonly string[] }
> = {
  'lead-deadlines': { actions: MARKER, indexNames: [] },
  escalations: { actions: MARKER, indexNames: [] },
  'lead-notifications': { actions: MARKER, indexNames: [] },
  webhooks: { actions: MARKER, indexNames: [] },
  'certificate-timers': { actions: MARKER, indexNames: [] },
  // Re-matches the firm's requests: its requests (GSI1), the catalog (GSI1, GSI2).
  'certificate-expiry': { actions: [...MARKER, 'dynamodb:Query'], indexNames: ['GSI1', 'GSI2'] },
  'open-requests': { actions: [...MARKER, 'dynamodb:UpdateItem'], indexNames: [] },
  // Open requests by province (GSI1), the catalog (GSI1, GSI2).
  'product-rematch': { actions: [...MARKER, 'dynamodb:Query'], indexNames: ['GSI1', 'GSI2'] },
  // A roadshow's slots and seats (its partition); a slot's refill carries its own condition.
  'roadshow-invitations': { actions: [...MARKER, 'dynamodb:Query'], indexNames: [] },
  'roadshow-proposals': { actions: MARKER, indexNames: [] },
  // The firm's slots (GSI1), the roadshow's placed marks, the region's equity pool (GSI1).
  'roadshow-refill': { actions: [...MARKER, 'dynamodb:Query'], indexNames: ['GSI1'] },
};

/** The sweep: due timers (GSI1), their claims and completions, the events and rows they write. */
export const SWEEP_TABLE_ACCESS = {
  actions: [
    'dynamodb:ConditionCheckItem',
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:Query',
    'dynamodb:UpdateItem',
  ],
  indexNames: ['GSI1'],
} as const;
