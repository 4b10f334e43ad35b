import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '#domain/uscc.ts';
import { keys } from '#store/keys.ts';
import { auth, bodyOf, json } from '../support/app.ts';
import { xiamenLittleGiant } from '../support/fixtures.ts';
import { createWorld, type World } from '../support/world.ts';

/**
 * A lead's questions and answers are items of their own beside the lead. Appended to the
 * lead item, ~22 rounds of long questions and answers passed DynamoDB's 400 KB item limit
 * and every later answer failed.
 */
const ROUNDS = 50;

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.drop());

describe('a long question/answer thread', () => {
  it(`${ROUNDS} rounds of the longest question and answer all succeed, and the lead item stays small`, async () => {
    const uscc = buildUscc('91', '350203', 'MA8THRD1');
    await world.addFirm(xiamenLittleGiant({ uscc }));
    const firm = await world.token({ role: 'firm', userId: 'u-msg', uscc });
    const submitted = await bodyOf(
      await world.app.request(
        '/api/requests',
        json({ amountYuan: 8_000_000, purpose: 'working_capital', termMonths: 12 }, firm, {
          'Idempotency-Key': 'messages-1',
        }),
      ),
    );
    const sent = await bodyOf(
      await world.app.request(`/api/requests/${submitted.request.id}/send`, json({ topK: 1 }, firm)),
    );
    const lead = sent.leads[0] as { id: string; institutionId: string };
    const officer = await world.token({
      role: 'officer',
      userId: 'o-msg',
      institutionId: lead.institutionId,
    });
    const move = (body: object, token: string) =>
      world.app.request(`/api/leads/${lead.id}/transitions`, json(body, token));
    expect((await move({ action: 'accept' }, officer)).status).toBe(200);

    // The longest texts the actions take, in Chinese (3 bytes a character in UTF-8).
    const question = (n: number) =>
      `第${n}轮：${'请补充近三年经审计的财务报表。'.repeat(200)}`.slice(0, 2000);
    const answer = (n: number) => `第${n}轮：${'已上传至资料区，请查收。'.repeat(400)}`.slice(0, 4000);
    for (let n = 1; n <= ROUNDS; n++) {
      const asked = await move({ action: 'request_info', question: question(n) }, officer);
      expect(asked.status, `round ${n}: ask`).toBe(200);
      const answered = await move({ action: 'respond', answer: answer(n) }, firm);
      expect(answered.status, `round ${n}: answer`).toBe(200);
    }

    // The lead item holds no message: a few KB, whatever the thread's length (~900 KB here).
    const raw = await world.store.db.doc.send(
      new GetCommand({ TableName: world.store.db.tableName, Key: keys.lead(lead.id) }),
    );
    const size = Buffer.byteLength(JSON.stringify(raw.Item));
    expect(size).toBeLessThan(8_000);

    // Both sides read the whole thread, in order.
    for (const token of [officer, firm]) {
      const read = await bodyOf(await world.app.request(`/api/leads/${lead.id}`, auth(token)));
      expect(read.messages).toHaveLength(2 * ROUNDS);
      expect(read.messages.map((m: { by: string }) => m.by)).toEqual(
        Array.from({ length: 2 * ROUNDS }, (_, i) => (i % 2 ? 'firm' : 'officer')),
      );
      expect(read.messages[2 * ROUNDS - 1].text).toBe(answer(ROUNDS));
      expect(read.messages[0].text).toBe(question(1));
    }
    // A list carries no thread.
    const inbox = await bodyOf(await world.app.request('/api/leads', auth(officer)));
    expect(inbox.items[0].id).toBe(lead.id);
    expect(inbox.items[0].messages).toBeUndefined();
  }, 180_000);
});
