import { normaliseOpenRequest } from '#domain/matching/index.ts';
import type { Consumer } from '../context.ts';

/** Keeps the re-matching rows: one per open request, added on submission, removed on withdrawal. */
export const openRequests: Consumer = {
  name: 'open-requests',
  async handle(event, deps) {
    if (event.type === 'RequestWithdrawn')
      return [{ kind: 'open-request-closed', requestId: event.detail.requestId, at: event.occurredAt }];
    if (event.type !== 'RequestSubmitted') return [];
    const { requestId } = event.detail;
    const record = await deps.store.requests.get(requestId);
    if (record?.status !== 'open') return [];
    const firm = await deps.store.firms.get(record.uscc);
    if (!firm) throw new Error(`firm ${record.uscc} not found`);
    const row = normaliseOpenRequest({ id: record.id, firm, request: record.request }, record.asOf);
    return [{ kind: 'open-request', entry: { row, uscc: record.uscc } }];
  },
};
