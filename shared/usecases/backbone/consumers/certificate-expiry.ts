import { shanghaiDate } from '#domain/dates.ts';
import type { Effect } from '#store/effects.ts';
import { loadActiveCatalog } from '../../catalog.ts';
import type { Consumer } from '../context.ts';
import { notify } from '../notify.ts';
import { rematchRequest } from '../rematch-request.ts';

/** A firm has at most this many open requests re-matched per expiry (one row each, one transaction). */
const MAX_REQUESTS = 60;

/**
 * CertificateExpired → the firm is told; each of its open requests is re-matched on the
 * day's catalog and its stored matches replaced; products it no longer qualifies for are
 * flagged as lost (for institutions not yet sent to) and named in the notice.
 */
export const certificateExpiry: Consumer = {
  name: 'certificate-expiry',
  async handle(event, deps) {
    if (event.type !== 'CertificateExpired') return [];
    const { uscc, certificate, expiresOn } = event.detail;
    const firm = await deps.store.firms.get(uscc);
    if (!firm) throw new Error(`firm ${uscc} not found`);
    const asOf = shanghaiDate(new Date(event.occurredAt));
    const catalog = await loadActiveCatalog(deps.store, deps.now().getTime());
    const page = await deps.store.requests.listByFirm(uscc, MAX_REQUESTS);
    const effects: Effect[] = [];
    const lostNames: string[] = [];
    const cause = {
      zh: `资质 ${certificate} 已于 ${expiresOn} 到期`,
      en: `certificate ${certificate} expired on ${expiresOn}`,
    };
    for (const record of page.items.filter((r) => r.status === 'open')) {
      const [before, lostBefore] = await Promise.all([
        deps.store.requests.getMatches(record.id),
        deps.store.requests.lostProducts(record.id),
      ]);
      const { after, lost, lostProducts } = rematchRequest(
        { firm, record, before, lostBefore, catalog, asOf },
        cause,
      );
      effects.push({ kind: 'matches', requestId: record.id, matches: after, lostProducts });
      lostNames.push(...lost.map((l) => l.name.zh));
    }
    effects.push(
      notify(event, `firm:${uscc}`, {
        kind: 'certificate-expired',
        title: { zh: '资质已到期', en: 'A certificate expired' },
        body: {
          zh: `您的资质 ${certificate} 已于 ${expiresOn} 到期。${lostNames.length ? `不再符合条件的产品：${lostNames.join('、')}。` : ''}请及时更新资质。`,
          en: `Your certificate ${certificate} expired on ${expiresOn}.${lostNames.length ? ` Products no longer available: ${lostNames.length}.` : ''} Please renew it.`,
        },
        link: '/firm',
      }),
    );
    return effects;
  },
};
