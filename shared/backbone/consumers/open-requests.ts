import { normaliseOpenRequest } from '#domain/matching/index.ts';
import type { Consumer } from '../context.ts';

/** Keeps the re-matching rows: one per open request, added on submission, removed on withdrawal. */
export const openRequests: Consumer = {
  name: 'open-requests',
  async handle(event, deps) {
    const { requestId } = event.detail as { requestId: string };
    if (event.type === 'RequestWithdrawn') return [deps.store.backbone.openRequests.delete(requestId)];
    if (event.type !== 'RequestSubmitted') return [];
    const record = await deps.store.requests.get(requestId);
    if (record?.status !== 'open') return [];
    const firm = await deps.store.firms.get(record.uscc);
    if (!firm) throw new Error(`firm ${record.uscc} not found`);
    const row = normaliseOpenRequest({ id: record.id, firm, request: record.request }, record.asOf);
    return [deps.store.backbone.openRequests.put({ row, uscc: record.uscc })];
  },
};
