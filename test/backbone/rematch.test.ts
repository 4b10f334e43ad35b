import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FirmSchema } from '#domain/firm.ts';
import { FundingRequestSchema } from '#domain/funding-request.ts';
import type { Principal } from '#domain/principal.ts';
import { type Product, ProductSchema } from '#domain/product.ts';
import { buildUscc } from '#domain/uscc.ts';
import { noMetrics } from '#shared/metrics.ts';
import { keys } from '#store/keys.ts';
import { LocalBus } from '#usecases/backbone/bus.ts';
import { rematchOpenRequests } from '#usecases/backbone/consumers/product-rematch.ts';
import { CONSUMERS, TIMER_HANDLERS } from '#usecases/backbone/index.ts';
import { sweepTimers } from '#usecases/backbone/sweep.ts';
import { registerFirm } from '#usecases/firms.ts';
import { changeProductStatus, createProduct, editProduct } from '#usecases/product-workflow.ts';
import { sendRequest, submitRequest } from '#usecases/requests.ts';
import { seedDemoCertifiedLists } from '../../local/seed.ts';
import { type BackboneWorld, createBackboneWorld } from '../support/backbone.ts';
import { xiamenLittleGiant } from '../support/fixtures.ts';

/**
 * The re-matching consumers on DynamoDB Local: a certificate that expires (timer → event →
 * consumer) and a product that goes live. Each is redelivered: the second delivery changes nothing.
 */
let w: BackboneWorld;
beforeAll(async () => {
  w = await createBackboneWorld();
});
afterAll(() => w.close());

const sweep = () => sweepTimers(w.deps, TIMER_HANDLERS);
const useCaseDeps = () => ({ store: w.store, metrics: noMetrics, now: w.deps.now, newId: randomUUID });

async function submit(uscc: string, amountYuan = 5_000_000) {
  const principal = { role: 'firm', userId: `user-${uscc}`, uscc } as Extract<Principal, { role: 'firm' }>;
  const ask = FundingRequestSchema.parse({
    amountYuan,
    purpose: 'working_capital',
    termMonths: 12,
    collateral: ['none'],
    kind: 'debt',
  });
  return (await submitRequest(useCaseDeps(), principal, ask, randomUUID())).request;
}

/** Hands an already handled event to a fresh bus again, as a redelivery would; returns the outcomes. */
async function redeliver(eventId: string) {
  const row = await w.raw.get(keys.event(eventId));
  const outcomes: string[] = [];
  const bus = new LocalBus(Object.values(CONSUMERS), w.deps, { onHandled: (i) => outcomes.push(i.outcome) });
  await bus.publish({ kind: 'event', event: row!.event });
  return outcomes;
}

describe('certificate expiry: timer → CertificateExpired → firm told, requests re-matched', () => {
  it('fires once at the expiry date, flags the products lost, and a redelivery changes nothing', async () => {
    // Prepare: a Xiamen little giant whose certificate (issued 2023-11-25) ends on 2026-11-25.
    w.clock.now = new Date('2026-11-23T02:00:00Z');
    const firm = FirmSchema.parse(
      xiamenLittleGiant({
        uscc: buildUscc('91', '350203', 'MA8EXP01'),
        certifications: [
          { tier: 'little_giant', level: 'national', issuedOn: '2023-11-25', authority: '工业和信息化部' },
        ],
      }),
    );
    expect(firm.certifications[0]!.expiresOn).toBe('2026-11-25');
    await registerFirm(useCaseDeps(), undefined, firm);
    await seedDemoCertifiedLists(w.store, new Date('2026-11-01T00:00:00Z'), [firm]);
    const request = await submit(firm.uscc);
    await w.drain();
    const timerId = `certificate-expiry:${firm.uscc}:little_giant/national`;
    expect(await w.store.backbone.timers.get(timerId)).toMatchObject({ dueAt: '2026-11-24T16:00:00.000Z' });
    const before = await w.store.requests.getMatches(request.id);
    expect(before?.matches.length).toBeGreaterThan(0);

    // Not due on the last valid day.
    w.clock.now = new Date('2026-11-24T15:00:00Z');
    expect((await sweep()).fired).toBe(0);

    // Act: the expiry date, two racing sweeps and a third.
    w.clock.now = new Date('2026-11-25T01:00:00Z');
    const [a, b] = await Promise.all([sweep(), sweep()]);
    const c = await sweep();
    await w.drain();

    // Assess: one firing, one event, one notice naming the lost products, the matches replaced.
    expect(a.fired + b.fired + c.fired).toBe(1);
    const eventId = `${timerId}@2026-11-24T16:00:00.000Z`;
    const row = await w.raw.get(keys.event(eventId));
    expect(row?.event).toMatchObject({
      type: 'CertificateExpired',
      detail: { uscc: firm.uscc, certificate: 'little_giant/national', expiresOn: '2026-11-25' },
    });
    const inbox = await w.store.backbone.notifications.list([`firm:${firm.uscc}`], 20);
    const notices = inbox.filter((n) => n.kind === 'certificate-expired');
    expect(notices).toHaveLength(1);
    const after = await w.store.requests.getMatches(request.id);
    const lost = await w.store.requests.lostProducts(request.id);
    const afterIds = new Set(after!.matches.map((m) => m.productId));
    const gone = before!.matches.filter((m) => !afterIds.has(m.productId));
    expect(gone.length).toBeGreaterThan(0);
    expect(lost.map((l) => l.productId).sort()).toEqual(gone.map((m) => m.productId).sort());
    expect(lost[0]!.cause.en).toContain('expired on 2026-11-25');
    expect(notices[0]!.body.zh).toContain(gone[0]!.name.zh);

    // Redelivery: the consumer sees its marker; nothing changes.
    expect(await redeliver(eventId)).toEqual(['duplicate']);
    expect(
      (await w.store.backbone.notifications.list([`firm:${firm.uscc}`], 20)).filter(
        (n) => n.kind === 'certificate-expired',
      ),
    ).toHaveLength(1);
    expect(await w.store.requests.lostProducts(request.id)).toEqual(lost);
    expect(await w.store.requests.getMatches(request.id)).toEqual(after);
  });

  it('a certificate renewed before its date retires the timer without an event', async () => {
    w.clock.now = new Date('2026-11-23T02:00:00Z');
    const firm = FirmSchema.parse(
      xiamenLittleGiant({
        uscc: buildUscc('91', '350203', 'MA8EXP02'),
        certifications: [
          { tier: 'little_giant', level: 'national', issuedOn: '2023-11-26', authority: '工业和信息化部' },
        ],
      }),
    );
    await registerFirm(useCaseDeps(), undefined, firm);
    await w.drain();
    // Renewed: the same certificate, a new issue date (the old timer's payload no longer matches).
    await w.store.firms.upsert(
      FirmSchema.parse({
        ...firm,
        certifications: [
          { tier: 'little_giant', level: 'national', issuedOn: '2026-11-20', authority: '工业和信息化部' },
        ],
      }),
      '2026-11-23T02:00:00Z',
    );
    w.clock.now = new Date('2026-11-26T01:00:00Z');
    await sweep();
    await w.drain();
    const timerId = `certificate-expiry:${firm.uscc}:little_giant/national`;
    expect(await w.raw.get(keys.event(`${timerId}@2026-11-25T16:00:00.000Z`))).toBeUndefined();
    const inbox = await w.store.backbone.notifications.list([`firm:${firm.uscc}`], 20);
    expect(inbox.filter((n) => n.kind === 'certificate-expired')).toHaveLength(0);
  });
});

describe('product published → open requests re-matched, firms with a new fit told', () => {
  const product: Product = ProductSchema.parse({
    id: 'xiamen-rematch-test-loan',
    kind: 'bank_loan',
    institutionId: 'xiamen-demo-bank',
    name: { zh: '测试重配贷（示例）', en: 'Re-match test loan (demo)' },
    amount: { maxYuan: 8_000_000 },
    term: { maxMonths: 24 },
    pricing: { type: 'lpr_spread', spreadBp: -50 },
    regionScope: ['3502'],
    eligibility: [{ rule: 'tier_at_least', tier: 'little_giant' }],
    demo: true,
    source: { city: 'xiamen', seedFile: '000_49b5be6c3e6efe59.txt' },
  });

  it('tells each fitting firm once with the product and its cost; a redelivery or a rerun tells nobody again', async () => {
    // Prepare: two open requests of Xiamen little giants (one asks for more than the product lends).
    w.clock.now = new Date('2026-11-23T02:00:00Z');
    const fits = await w.addFirm(xiamenLittleGiant({ uscc: buildUscc('91', '350203', 'MA8RM001') }));
    const tooBig = await w.addFirm(xiamenLittleGiant({ uscc: buildUscc('91', '350203', 'MA8RM002') }));
    const request = await submit(fits.uscc, 5_000_000);
    const other = await submit(tooBig.uscc, 20_000_000);
    await w.drain();
    expect((await w.store.requests.getMatches(request.id))!.matches.map((m) => m.productId)).not.toContain(
      product.id,
    );

    // Act: a Xiamen operator publishes a policy product of its region (live at once).
    w.clock.now = new Date('2026-11-23T03:00:00Z');
    const operator: Principal = { role: 'operator', userId: 'op-xm', regionPrefix: '3502' };
    await createProduct(useCaseDeps(), operator, product);
    await w.drain();

    // Assess: the fitting request now carries the product; its firm is told once, with the cost.
    const after = await w.store.requests.getMatches(request.id);
    expect(after!.matches.map((m) => m.productId)).toContain(product.id);
    const told = (await w.store.backbone.notifications.list([`firm:${fits.uscc}`], 20)).filter(
      (n) => n.kind === `new-fit:${request.id}`,
    );
    expect(told).toHaveLength(1);
    expect(told[0]!.title.zh).toContain(product.name.zh);
    expect(told[0]!.body.en).toMatch(/effective annual cost about \d+\.\d\d%/);
    expect((await w.store.requests.getMatches(other.id))!.matches.map((m) => m.productId)).not.toContain(
      product.id,
    );
    expect(
      (await w.store.backbone.notifications.list([`firm:${tooBig.uscc}`], 20)).filter((n) =>
        n.kind.startsWith('new-fit:'),
      ),
    ).toHaveLength(0);

    // Redelivery of the event, and a rerun of the consumer's work (a crash before its marker): nothing new.
    const published = told[0]!.eventId;
    expect(await redeliver(published)).toEqual(['duplicate']);
    const row = await w.raw.get(keys.event(published));
    const rerun = await rematchOpenRequests(row!.event, w.deps);
    expect(rerun.told).toBe(0);
    expect(
      (await w.store.backbone.notifications.list([`firm:${fits.uscc}`], 20)).filter(
        (n) => n.kind === `new-fit:${request.id}`,
      ),
    ).toHaveLength(1);
    expect(await w.store.requests.getMatches(request.id)).toEqual(after);
  });

  it('amended in place: a request its new terms leave out loses it (flagged, firm told); one they now admit gains it', async () => {
    // Prepare: a 3 M request holds the product; a 12 M one is over its ceiling.
    w.clock.now = new Date('2026-11-24T02:00:00Z');
    const small = await w.addFirm(xiamenLittleGiant({ uscc: buildUscc('91', '350203', 'MA8RM003') }));
    const large = await w.addFirm(xiamenLittleGiant({ uscc: buildUscc('91', '350203', 'MA8RM004') }));
    const smallRequest = await submit(small.uscc, 3_000_000);
    const largeRequest = await submit(large.uscc, 12_000_000);
    await w.drain();
    const has = async (id: string) =>
      (await w.store.requests.getMatches(id))!.matches.some((m) => m.productId === product.id);
    expect(await has(smallRequest.id)).toBe(true);
    expect(await has(largeRequest.id)).toBe(false);

    // Only an operator whose region owns the product amends it live; its bank retires and drafts anew.
    w.clock.now = new Date('2026-11-24T03:00:00Z');
    const amended = ProductSchema.parse({ ...product, amount: { minYuan: 10_000_000, maxYuan: 15_000_000 } });
    const chongqing: Principal = { role: 'operator', userId: 'op-cq', regionPrefix: '50' };
    const bank: Principal = { role: 'officer', userId: 'o-xm', institutionId: product.institutionId };
    await expect(editProduct(useCaseDeps(), chongqing, product.id, amended)).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(editProduct(useCaseDeps(), bank, product.id, amended)).rejects.toMatchObject({
      code: 'unprocessable',
    });

    // Act: the operator amends the live product: 10–15 M only.
    const operator: Principal = { role: 'operator', userId: 'op-xm', regionPrefix: '3502' };
    await editProduct(useCaseDeps(), operator, product.id, amended);
    await w.drain();

    // Assess
    expect(await has(smallRequest.id)).toBe(false);
    expect((await w.store.requests.lostProducts(smallRequest.id)).map((l) => l.productId)).toContain(
      product.id,
    );
    const lostNotice = (await w.store.backbone.notifications.list([`firm:${small.uscc}`], 20)).filter(
      (n) => n.kind === `lost-fit:${smallRequest.id}`,
    );
    expect(lostNotice).toHaveLength(1);
    expect(lostNotice[0]!.body.en).toContain('terms changed');
    expect(await has(largeRequest.id)).toBe(true);
    expect(
      (await w.store.backbone.notifications.list([`firm:${large.uscc}`], 20)).filter(
        (n) => n.kind === `new-fit:${largeRequest.id}`,
      ),
    ).toHaveLength(1);
    // Redelivered: nothing changes.
    expect(await redeliver(lostNotice[0]!.eventId)).toEqual(['duplicate']);
    const row = await w.raw.get(keys.event(lostNotice[0]!.eventId));
    expect((await rematchOpenRequests(row!.event, w.deps)).told).toBe(0);
  });

  it('retired: open requests lose it, a firm with a lead on it is told the lead keeps its course, no new lead reaches it', async () => {
    // Prepare: two 12 M requests hold the amended product; one was already sent to the bank.
    w.clock.now = new Date('2026-11-25T02:00:00Z');
    const sentFirm = await w.addFirm(xiamenLittleGiant({ uscc: buildUscc('91', '350203', 'MA8RM005') }));
    const openFirm = await w.addFirm(xiamenLittleGiant({ uscc: buildUscc('91', '350203', 'MA8RM006') }));
    const sent = await submit(sentFirm.uscc, 12_000_000);
    const open = await submit(openFirm.uscc, 12_000_000);
    const sentPrincipal = w.firmPrincipal(sentFirm.uscc);
    await sendRequest(useCaseDeps(), sentPrincipal, sent.id, { productIds: [product.id] });
    await w.drain();

    // Act: the bank's officer retires it.
    w.clock.now = new Date('2026-11-25T03:00:00Z');
    await changeProductStatus(
      useCaseDeps(),
      { role: 'officer', userId: 'o-xm', institutionId: product.institutionId },
      product.id,
      'retire',
    );
    await w.drain();

    // Assess: out of both requests' matches; flagged lost only where not yet sent.
    for (const r of [sent, open])
      expect((await w.store.requests.getMatches(r.id))!.matches.map((m) => m.productId)).not.toContain(
        product.id,
      );
    expect((await w.store.requests.lostProducts(open.id)).map((l) => l.productId)).toContain(product.id);
    expect((await w.store.requests.lostProducts(sent.id)).map((l) => l.productId)).not.toContain(product.id);
    const sentNotice = (await w.store.backbone.notifications.list([`firm:${sentFirm.uscc}`], 20)).filter(
      (n) => n.kind === `lost-fit:${sent.id}`,
    );
    expect(sentNotice).toHaveLength(1);
    expect(sentNotice[0]!.body.en).toContain('retired');
    expect(sentNotice[0]!.body.en).toContain('keeps its course');
    expect(await w.store.leads.get(`${sent.id}.${product.institutionId}`)).toMatchObject({ status: 'new' });
    // No new lead can name it.
    await expect(
      sendRequest(useCaseDeps(), w.firmPrincipal(openFirm.uscc), open.id, { productIds: [product.id] }),
    ).rejects.toMatchObject({ fields: [{ path: 'productIds' }] });
    // Redelivered: nothing changes.
    expect(await redeliver(sentNotice[0]!.eventId)).toEqual(['duplicate']);
    const row = await w.raw.get(keys.event(sentNotice[0]!.eventId));
    expect((await rematchOpenRequests(row!.event, w.deps)).told).toBe(0);
  });
});
