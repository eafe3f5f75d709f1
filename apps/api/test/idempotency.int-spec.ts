import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AccountsService, CLI_ORIGIN, TotpService } from '@srp/server/identity';
import { berlinDate, TestHttpClient, TestPerson, useApiHarness } from '@srp/server/testing';
import { createApiApp } from '../src/app/create-api-app';

/**
 * Double submits (QUALITY.md fault matrix: "50 identical concurrent POSTs → one object, one
 * reminder"): a signed-in POST with an Idempotency-Key runs once per account and key; repetitions
 * get the stored answer, a different request with the same key a 409, a failed one leaves the key free.
 */
describe('Idempotency-Key', () => {
  const api = useApiHarness({
    createApiApp,
    identity: { AccountsService, TotpService, CLI_ORIGIN },
    label: 'Idempotenztest',
  });
  const { next, newPerson, newGroup, putIn } = api;

  /** A group with an author and a colleague the author may assign. */
  async function team(): Promise<{ group: string; author: TestPerson; colleague: TestPerson }> {
    const group = await newGroup();
    const author = await newPerson();
    const colleague = await newPerson();
    await putIn(group, author);
    await putIn(group, colleague);
    return { group, author, colleague };
  }

  const postWithKey = (person: TestPerson | TestHttpClient, path: string, body: unknown, key: string) =>
    ('client' in person ? person.client : person).request('POST', path, {
      body,
      headers: { 'Idempotency-Key': key },
    });

  async function tasksTitled(title: string): Promise<Array<{ id: string }>> {
    const { rows } = await api.pg.query(`SELECT id FROM task WHERE title = $1`, [title]);
    return rows;
  }

  async function keyRows(accountId: string): Promise<Array<{ key: string; state: string }>> {
    const { rows } = await api.pg.query(`SELECT key, state FROM idempotent_request WHERE account_id = $1`, [accountId]);
    return rows;
  }

  it('50 identical concurrent POST /api/tasks: one task, one task.created event, 50 × 201 with its id', async () => {
    const { group, author, colleague } = await team();
    const title = `Doppelt geklickt ${next()}`;
    const key = randomUUID();
    const body = { groupId: group, title, assigneeIds: [colleague.id], dueDate: berlinDate(7) };

    const responses = await Promise.all(Array.from({ length: 50 }, () => postWithKey(author, '/api/tasks', body, key)));

    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const tasks = await tasksTitled(title);
    expect(tasks).toHaveLength(1);
    expect(new Set(responses.map((r) => r.body.id))).toEqual(new Set([tasks[0].id]));
    // Every answer is the whole detail, the replays too.
    for (const r of responses) expect(r.body).toMatchObject({ title, assignees: [{ id: colleague.id }], version: 1 });
    const replayed = responses.filter((r) => r.headers.get('idempotent-replayed') === 'true');
    expect(replayed).toHaveLength(49);
    const { rows: events } = await api.pg.query(`SELECT kind FROM task_event WHERE task_id = $1`, [tasks[0].id]);
    expect(events).toEqual([{ kind: 'task.created' }]);
    const { rows: audit } = await api.pg.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE subject_id = $1 AND action = 'task.created'`,
      [tasks[0].id],
    );
    expect(audit[0].n).toBe(1);
    expect(await keyRows(author.id)).toEqual([{ key, state: 'done' }]);

    // A later repetition (a retry after a lost answer) gets the same answer again.
    const later = await postWithKey(author, '/api/tasks', body, key);
    expect(later.status).toBe(201);
    expect(later.body.id).toBe(tasks[0].id);
    expect(later.headers.get('idempotent-replayed')).toBe('true');
    expect(await tasksTitled(title)).toHaveLength(1);
  });

  it('the same key with another body or another URL is a 409 and creates nothing', async () => {
    const { group, author } = await team();
    const key = randomUUID();
    const title = `Erste Anfrage ${next()}`;
    expect((await postWithKey(author, '/api/tasks', { groupId: group, title }, key)).status).toBe(201);

    const other = `Andere Anfrage ${next()}`;
    const conflict = await postWithKey(author, '/api/tasks', { groupId: group, title: other }, key);
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ code: 'CONFLICT' });
    expect(conflict.body.message).toMatch(/Idempotency-Key wurde bereits für eine andere Anfrage verwendet/);
    expect(await tasksTitled(other)).toHaveLength(0);

    const otherUrl = await postWithKey(author, '/api/meetings', { title }, key);
    expect(otherUrl.status).toBe(409);

    // The order of the fields does not make it another request.
    const reordered = await postWithKey(author, '/api/tasks', { title, groupId: group }, key);
    expect(reordered.status).toBe(201);
    expect(await tasksTitled(title)).toHaveLength(1);
  });

  it('a key belongs to one account: another person with the same key creates their own task', async () => {
    const { group, author, colleague } = await team();
    const key = randomUUID();
    const title = `Gleicher Schlüssel ${next()}`;
    const first = await postWithKey(author, '/api/tasks', { groupId: group, title }, key);
    const second = await postWithKey(colleague, '/api/tasks', { groupId: group, title }, key);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(await tasksTitled(title)).toHaveLength(2);
  });

  it.each([
    ['empty', ''],
    ['longer than 128 characters', 'k'.repeat(129)],
    ['not ASCII', 'schl\u00fcssel'],
  ])('an invalid key (%s) is a 400 with a German message and creates nothing', async (_name, key) => {
    const { group, author } = await team();
    const title = `Ungültiger Schlüssel ${next()}`;
    const response = await postWithKey(author, '/api/tasks', { groupId: group, title }, key);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'BAD_REQUEST', details: { header: 'Idempotency-Key' } });
    expect(response.body.message).toMatch(/Idempotency-Key muss aus 1 bis 128 druckbaren ASCII-Zeichen/);
    expect(await tasksTitled(title)).toHaveLength(0);
    expect(await keyRows(author.id)).toEqual([]);
  });

  it('without a key every POST creates its own task', async () => {
    const { group, author } = await team();
    const title = `Ohne Schlüssel ${next()}`;
    const first = await author.client.post('/api/tasks', { groupId: group, title });
    const second = await author.client.post('/api/tasks', { groupId: group, title });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).not.toBe(first.body.id);
    expect(await tasksTitled(title)).toHaveLength(2);
    expect(await keyRows(author.id)).toEqual([]);
  });

  it('a failed first request leaves the key free: the corrected retry with it succeeds once', async () => {
    const { group, author } = await team();
    const key = randomUUID();
    const failed = await postWithKey(author, '/api/tasks', { groupId: group, title: '   ' }, key);
    expect(failed.status).toBe(400);
    expect(failed.body.code).toBe('VALIDATION_FAILED');
    expect(await keyRows(author.id)).toEqual([]);
    // A refusal by the service (not the validation pipe) leaves it free too.
    const outsider = await newGroup();
    const refused = await postWithKey(author, '/api/tasks', { groupId: outsider, title: 'Fremde Gruppe' }, key);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(await keyRows(author.id)).toEqual([]);
    // Concurrent repetitions of a failing request each take the freed key in turn and fail alike.
    const burst = await Promise.all(
      Array.from({ length: 10 }, () => postWithKey(author, '/api/tasks', { groupId: group, title: '' }, key)),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(10).fill(400));
    expect(await keyRows(author.id)).toEqual([]);

    const title = `Korrigiert ${next()}`;
    const corrected = await postWithKey(author, '/api/tasks', { groupId: group, title }, key);
    expect(corrected.status).toBe(201);
    expect(corrected.headers.get('idempotent-replayed')).toBeNull();
    const again = await postWithKey(author, '/api/tasks', { groupId: group, title }, key);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(corrected.body.id);
    expect(await tasksTitled(title)).toHaveLength(1);
  });

  it('a key older than 24 hours counts no longer; a pending row left behind by a crash is taken over', async () => {
    const { group, author } = await team();
    const key = randomUUID();
    const first = await postWithKey(author, '/api/tasks', { groupId: group, title: `Gestern ${next()}` }, key);
    expect(first.status).toBe(201);
    await api.pg.query(
      `UPDATE idempotent_request SET created_at = now() - interval '25 hours' WHERE account_id = $1 AND key = $2`,
      [author.id, key],
    );
    const title = `Heute ${next()}`;
    const fresh = await postWithKey(author, '/api/tasks', { groupId: group, title }, key);
    expect(fresh.status).toBe(201);
    expect(fresh.body.id).not.toBe(first.body.id);
    expect(await keyRows(author.id)).toEqual([{ key, state: 'done' }]);

    const stuck = randomUUID();
    const stuckTitle = `Nach Absturz ${next()}`;
    const body = { groupId: group, title: stuckTitle };
    await api.pg.query(
      `INSERT INTO idempotent_request (account_id, key, method, path, body_hash, created_at)
       VALUES ($1, $2, 'POST', '/api/tasks', 'x', now() - interval '10 minutes')`,
      [author.id, stuck],
    );
    const retried = await postWithKey(author, '/api/tasks', body, stuck);
    expect(retried.status).toBe(201);
    expect(await tasksTitled(stuckTitle)).toHaveLength(1);
  });

  it('401 without a session, also with a key; nothing is stored', async () => {
    const { group } = await team();
    const stranger = new TestHttpClient(api.url);
    await stranger.get('/api/auth/me');
    const title = `Unangemeldet ${next()}`;
    const key = randomUUID();
    const response = await postWithKey(stranger, '/api/tasks', { groupId: group, title }, key);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
    expect(await tasksTitled(title)).toHaveLength(0);
    const { rows } = await api.pg.query(`SELECT count(*)::int AS n FROM idempotent_request WHERE key = $1`, [key]);
    expect(rows[0].n).toBe(0);
  });

  it('50 identical concurrent POST /api/meetings: one meeting', async () => {
    const coordinator = await newPerson('coordinator');
    const title = `Einmaliger Termin ${next()}`;
    const body = {
      kind: 'sonstiges',
      title,
      format: 'online',
      onlineUrl: 'https://meet.example.org/idempotenz',
      date: berlinDate(14),
      startTime: '10:00',
      endTime: '11:00',
    };
    const key = randomUUID();

    const responses = await Promise.all(
      Array.from({ length: 50 }, () => postWithKey(coordinator, '/api/meetings', body, key)),
    );

    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const { rows } = await api.pg.query(`SELECT id FROM meeting WHERE title = $1`, [title]);
    expect(rows).toHaveLength(1);
    expect(new Set(responses.map((r) => r.body.meeting.id))).toEqual(new Set([rows[0].id]));
    const { rows: audit } = await api.pg.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE subject_id = $1 AND action = 'meeting.created'`,
      [rows[0].id],
    );
    expect(audit[0].n).toBe(1);
  });
});
