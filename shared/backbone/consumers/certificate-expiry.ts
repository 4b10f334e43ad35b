import { shanghaiDate } from '#domain/dates.ts';
import type { TransactItem } from '#store/db.ts';
import { loadActiveCatalog } from '#usecases/catalog.ts';
import type { Consumer } from '../context.ts';
import { notify } from '../notify.ts';
import { rematchRequest, type StoredMatches } from '../rematch-request.ts';

/** A firm has at most this many open requests re-matched per expiry (the transaction holds 2 items each). */
const MAX_REQUESTS = 40;

/**
 * CertificateExpired → the firm is told; each of its open requests is re-matched on the
 * day's catalog and its stored matches replaced; products it no longer qualifies for are
 * flagged as lost (on the institutions not yet sent to) and listed in the notice.
 */
export const certificateExpiry: Consumer = {
  name: 'certificate-expiry',
  async handle(event, deps) {
    const { uscc, certificate, expiresOn } = event.detail as {
      uscc: string;
      certificate: string;
      expiresOn: string;
    };
    const firm = await deps.store.firms.get(uscc);
    if (!firm) throw new Error(`firm ${uscc} not found`);
    const asOf = shanghaiDate(new Date(event.occurredAt));
    const catalog = await loadActiveCatalog(deps.store, deps.now().getTime());
    const page = await deps.store.requests.listByFirm(uscc, MAX_REQUESTS);
    const items: TransactItem[] = [];
    const lostNames: string[] = [];
    const cause = {
      zh: `资质 ${certificate} 已于 ${expiresOn} 到期`,
      en: `certificate ${certificate} expired on ${expiresOn}`,
    };
    for (const record of page.items.filter((r) => r.status === 'open')) {
      const before = await deps.store.requests.getMatches<StoredMatches>(record.id);
      const { after, lost } = rematchRequest({ firm, record, before, catalog, asOf }, cause);
      items.push(deps.store.requests.matchesPut(record.id, after));
      lostNames.push(...lost.map((l) => l.name.zh));
    }
    items.push(
      notify(deps, event, `firm:${uscc}`, {
        kind: 'certificate-expired',
        title: { zh: '资质已到期', en: 'A certificate expired' },
        body: {
          zh: `您的资质 ${certificate} 已于 ${expiresOn} 到期。${lostNames.length ? `不再符合条件的产品：${lostNames.join('、')}。` : ''}请及时更新资质。`,
          en: `Your certificate ${certificate} expired on ${expiresOn}.${lostNames.length ? ` Products no longer available: ${lostNames.length}.` : ''} Please renew it.`,
        },
        link: '/firm',
      }),
    );
    return items;
  },
};
