import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import { auth, bodyOf, json } from '../support/app.ts';
import { hangzhouLittleGiant, xiamenLittleGiant } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.drop());

const post = (path: string, body: unknown, token: string, headers: Record<string, string> = {}) =>
  world.app.request(path, json(body, token, headers));
const move = (leadId: string, action: object, token: string) =>
  post(`/api/leads/${leadId}/transitions`, action, token);

describe('a firm’s request, end to end on DynamoDB Local through the HTTP app', () => {
  it('register → sign in → submit → matches → send to 2 → one approves and disburses, the other declines → next-best', async () => {
    // Register, with the firm's first account.
    // A Hangzhou little giant: the city's SRDI zone has a bank, a guarantor and an insurer.
    const uscc = buildUscc('91', '330106', 'MA2TE2E1');
    const account = { email: 'cfo@e2e.example.cn', password: 'a-long-password', displayName: '财务总监' };
    const registered = await world.app.request(
      '/api/firms',
      json({ ...hangzhouLittleGiant({ uscc }), account }),
    );
    expect(registered.status).toBe(201);

    // Sign in.
    const signIn = await world.app.request(
      '/api/auth/sign-in',
      json({ email: account.email, password: account.password }),
    );
    expect(signIn.status).toBe(200);
    const { token: firmToken, principal } = await bodyOf(signIn);
    expect(principal).toMatchObject({ role: 'firm', uscc });

    // Submit: CNY 8M of working capital over 12 months, credit or IP pledge.
    const submitted = await post(
      '/api/requests',
      {
        amountYuan: 8_000_000,
        purpose: 'working_capital',
        termMonths: 12,
        collateral: ['none', 'ip'],
        kind: 'debt',
      },
      firmToken,
      { 'Idempotency-Key': 'e2e-submit-0001' },
    );
    expect(submitted.status).toBe(201);
    const { request } = await bodyOf(submitted);
    expect(request).toMatchObject({ uscc, status: 'open', sentTo: [] });

    // The stored matches.
    const matchesRes = await world.app.request(`/api/requests/${request.id}/matches`, auth(firmToken));
    expect(matchesRes.status).toBe(200);
    const { matches } = await bodyOf(matchesRes);
    const institutions = [
      ...new Set(matches.map((m: { institutionId: string }) => m.institutionId)),
    ] as string[];
    expect(institutions.length).toBeGreaterThanOrEqual(3);
    const [instA, instB] = institutions as [string, string];
    const pick = [instA, instB].map(
      (i) => matches.find((m: { institutionId: string }) => m.institutionId === i).productId,
    );

    // Send to the two institutions the firm picked.
    const sent = await post(`/api/requests/${request.id}/send`, { productIds: pick }, firmToken);
    expect(sent.status).toBe(201);
    const sentBody = await bodyOf(sent);
    expect(sentBody.request.sentTo).toEqual([instA, instB]);
    expect(await world.store.requests.consents(request.id)).toHaveLength(2);
    const leadA = `${request.id}.${instA}`;
    const leadB = `${request.id}.${instB}`;

    const officerA = await world.token({ role: 'officer', userId: 'officer-a', institutionId: instA });
    const officerB = await world.token({ role: 'officer', userId: 'officer-b', institutionId: instB });

    // Officer A sees an anonymous lead: no name, no uscc.
    const inbox = await world.app.request('/api/leads', auth(officerA));
    const inboxBody = await bodyOf(inbox);
    expect(inboxBody.items.map((l: { id: string }) => l.id)).toEqual([leadA]);
    const raw = JSON.stringify(inboxBody);
    expect(raw).not.toContain(uscc);
    expect(raw).not.toContain('杭州云栖芯片');
    // Bands, the city and the industry division: nothing exact about the firm (its ask stays exact).
    expect(inboxBody.items[0].profile).toMatchObject({
      standing: 'srdi_or_above',
      cityCode: '330100',
      industryDivision: 'I',
      amountYuan: 8_000_000,
    });
    for (const exact of ['330106', 'I6520', '"employees"', '"yearsSinceFounding"', '"expiresOn"', '"tier"'])
      expect(raw).not.toContain(exact);
    expect(inboxBody.items[0].firm).toBeNull();

    // A: view → accept → request info → firm responds → approve → disburse.
    expect((await move(leadA, { action: 'view' }, officerA)).status).toBe(200);
    expect((await move(leadA, { action: 'accept' }, officerA)).status).toBe(200);
    expect(
      (await move(leadA, { action: 'request_info', question: '请提供2025年审计报告' }, officerA)).status,
    ).toBe(200);
    expect((await move(leadA, { action: 'respond', answer: '已上传' }, firmToken)).status).toBe(200);
    // The firm reveals itself to A only.
    expect((await post(`/api/leads/${leadA}/reveal`, {}, firmToken)).status).toBe(200);
    const revealed = await bodyOf(await world.app.request(`/api/leads/${leadA}`, auth(officerA)));
    expect(revealed.firm).toEqual({ uscc, name: '杭州云栖芯片设计有限公司' });
    const approve = await move(
      leadA,
      { action: 'approve', amountYuan: 8_000_000, annualRateBp: 300, termMonths: 12 },
      officerA,
    );
    expect(approve.status).toBe(200);
    const disburse = await move(
      leadA,
      { action: 'disburse', amountYuan: 8_000_000, disbursedOn: '2026-11-23' },
      officerA,
    );
    expect(disburse.status).toBe(200);
    expect((await bodyOf(disburse)).status).toBe('disbursed');

    // B stays anonymous, and declines with a reason code.
    const leadBView = await bodyOf(await world.app.request(`/api/leads/${leadB}`, auth(officerB)));
    expect(leadBView.firm).toBeNull();
    const decline = await move(
      leadB,
      { action: 'decline', reasonCode: 'collateral_insufficient', text: '需追加抵押' },
      officerB,
    );
    expect(decline.status).toBe(200);

    // The firm sees both outcomes, and next-best products for the decline.
    const leads = await bodyOf(await world.app.request(`/api/requests/${request.id}/leads`, auth(firmToken)));
    const byId = Object.fromEntries(leads.items.map((l: { id: string }) => [l.id, l]));
    expect(byId[leadA].status).toBe('disbursed');
    expect(byId[leadA].disbursement).toEqual({ amountYuan: 8_000_000, disbursedOn: '2026-11-23' });
    expect(byId[leadB].status).toBe('declined');
    expect(byId[leadB].decline.reasonCode).toBe('collateral_insufficient');
    expect(byId[leadB].nextBest.length).toBeGreaterThan(0);
    for (const alt of byId[leadB].nextBest) expect([instA, instB]).not.toContain(alt.institutionId);
    expect(byId[leadA].nextBest).toBeUndefined();

    // The audit trail of A: one row per step, who/when/from/to.
    const audit = await bodyOf(await world.app.request(`/api/leads/${leadA}/audit`, auth(officerA)));
    expect(audit.items.map((e: { action: string; from: string; to: string }) => `${e.from}>${e.to}`)).toEqual(
      [
        'new>viewed',
        'viewed>accepted',
        'accepted>info_requested',
        'info_requested>firm_responded',
        'firm_responded>firm_responded', // reveal: identity shown, status unchanged
        'firm_responded>approved',
        'approved>disbursed',
      ],
    );
    expect(audit.items[0].actor).toEqual({ userId: 'officer-a', role: 'officer' });
  });

  it('withdrawing a request closes its open leads in the same transaction', async () => {
    const uscc = buildUscc('91', '350203', 'MA8TWDR1');
    await world.addFirm(xiamenLittleGiant({ uscc }));
    const firmToken = await world.token({ role: 'firm', userId: 'u-wd', uscc });
    const submitted = await bodyOf(
      await post(
        '/api/requests',
        { amountYuan: 5_000_000, purpose: 'working_capital', termMonths: 12 },
        firmToken,
        {
          'Idempotency-Key': 'withdraw-test-1',
        },
      ),
    );
    const sent = await post(`/api/requests/${submitted.request.id}/send`, { topK: 2 }, firmToken);
    expect(sent.status).toBe(201);
    const [first, second] = (await bodyOf(sent)).leads as { id: string; institutionId: string }[];
    const officer = await world.token({
      role: 'officer',
      userId: 'o-wd',
      institutionId: first!.institutionId,
    });
    expect((await move(first!.id, { action: 'accept' }, officer)).status).toBe(200);

    const withdrawn = await post(`/api/requests/${submitted.request.id}/withdraw`, {}, firmToken);
    expect(withdrawn.status).toBe(200);
    expect((await bodyOf(withdrawn)).closedLeads).toBe(2);
    for (const id of [first!.id, second!.id])
      expect((await world.store.leads.get(id))?.status).toBe('withdrawn');
    // A withdrawn lead can't be worked any more.
    const late = await move(
      first!.id,
      { action: 'approve', amountYuan: 1, annualRateBp: 300, termMonths: 12 },
      officer,
    );
    expect(late.status).toBe(422);
    expect((await bodyOf(late)).error.message.zh).toContain('撤回');
  });
});
