import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { AccountsService, CLI_ORIGIN, TotpService } from '@srp/server/identity';
import { berlinDate, TestHttpClient, TestPerson, UNKNOWN_ID, useApiHarness } from '@srp/server/testing';
import { createApiApp } from '../src/app/create-api-app';

// Tests read arbitrary JSON bodies.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The Sunday that ends the current ISO week in Europe/Berlin. */
function berlinEndOfWeek(): string {
  const isoDay = new Date(`${berlinDate()}T00:00:00Z`).getUTCDay() || 7;
  return berlinDate(7 - isoDay);
}

/**
 * Tasks (#5): creating, reading and changing them by role and object (members, leads, assignees,
 * people who left, coordinators, outsiders), optimistic locking, German search, keyset paging,
 * filters, Meine Aufgaben with counts, the board with moving cards, comments with @mentions, the
 * activity history, links, archive and restore, CSV export, the `task_event` outbox and the audit
 * log. Every test builds its own people and groups; the seeded UAGs 2 and 4 serve the tenant test.
 */
describe('tasks', () => {
  const api = useApiHarness({
    createApiApp,
    identity: { AccountsService, TotpService, CLI_ORIGIN },
    label: 'Aufgabentest',
  });
  const { uag, next, newPerson, newGroup, putIn } = api;

  // ---------------------------------------------------------------------------------------------
  // Factories and helpers
  // ---------------------------------------------------------------------------------------------

  /** Creates a task through the api (expects 201). */
  async function newTask(person: TestPerson, groupId: string, fields: Record<string, unknown> = {}): Promise<Json> {
    const response = await person.client.post('/api/tasks', { groupId, title: `Aufgabe ${next()}`, ...fields });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body;
  }

  const patch = (person: TestPerson, id: string, body: unknown) =>
    person.client.request('PATCH', `/api/tasks/${id}`, { body });

  const move = (person: TestPerson, id: string, body: unknown) => person.client.post(`/api/tasks/${id}/move`, body);

  /** Every item of a list, following the keyset cursor page by page. */
  async function listAll(person: TestPerson, query: string, pageSize = 100): Promise<Json[]> {
    const items: Json[] = [];
    let cursor: string | null = null;
    do {
      const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await person.client.get(`/api/tasks?${query}&limit=${pageSize}${suffix}`);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(pageSize);
      items.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return items;
  }

  const titles = (items: Json[]) => items.map((t: Json) => t.title as string);

  /** The outbox rows of one task, oldest first. */
  async function events(taskId: string): Promise<Array<{ kind: string; payload: Json }>> {
    const { rows } = await api.pg.query(`SELECT kind, payload FROM task_event WHERE task_id = $1 ORDER BY seq`, [
      taskId,
    ]);
    return rows;
  }

  /** The audit rows of one task, oldest first. */
  async function audit(
    taskId: string,
    action?: string,
  ): Promise<Array<{ action: string; actor_id: string; details: Json }>> {
    const { rows } = await api.pg.query(
      `SELECT action, actor_id, details FROM audit_event
        WHERE subject_type = 'task' AND subject_id = $1 AND ($2::text IS NULL OR action = $2)
        ORDER BY occurred_at, id`,
      [taskId, action ?? null],
    );
    return rows;
  }

  async function taskRow(id: string): Promise<Json> {
    const { rows } = await api.pg.query(`SELECT * FROM task WHERE id = $1`, [id]);
    return rows[0];
  }

  /** A page of the board as { status: [titles] }. */
  async function boardTitles(person: TestPerson, groupId: string): Promise<Record<string, string[]>> {
    const board = await person.client.get(`/api/groups/${groupId}/board`);
    expect(board.status).toBe(200);
    return Object.fromEntries(board.body.columns.map((c: Json) => [c.status, titles(c.tasks)]));
  }

  const fieldsOf = (body: Json) => (body.details as Array<{ field: string }>).map((d) => d.field);

  // ---------------------------------------------------------------------------------------------
  describe('POST /api/tasks', () => {
    it('creates a task with assignees, due date, labels and checklist; history, outbox and audit', async () => {
      const group = await newGroup();
      const author = await newPerson('member', 'Anna Anlegerin');
      const colleague = await newPerson('member', 'Bruno Bearbeiter');
      await putIn(group, author);
      await putIn(group, colleague);
      const due = berlinDate(5);
      const created = await author.client.post('/api/tasks', {
        groupId: group,
        title: '  Förderantrag Sensorik vorbereiten  ',
        description: 'Unterlagen **sammeln**<script>alert(1)</script>',
        priority: 'high',
        assigneeIds: [colleague.id, author.id],
        dueDate: due,
        labels: ['Förderung', 'förderung', 'Sensorik'],
        checklist: [{ text: 'Entwurf schreiben' }, { text: 'Zahlen prüfen', done: true }],
      });
      expect(created.status).toBe(201);
      const task = created.body;
      expect(task).toMatchObject({
        title: 'Förderantrag Sensorik vorbereiten',
        status: 'open',
        priority: 'high',
        dueDate: due,
        overdue: false,
        labels: ['Förderung', 'Sensorik'],
        checklistTotal: 2,
        checklistDone: 1,
        commentCount: 0,
        version: 1,
        archivedAt: null,
        group: { id: group },
        createdBy: { id: author.id, name: 'Anna Anlegerin' },
        permissions: { edit: true, work: true, comment: true, archive: false, restore: false },
      });
      expect(task.assignees.map((a: Json) => a.name)).toEqual(['Anna Anlegerin', 'Bruno Bearbeiter']);
      expect(task.checklist).toEqual([
        { id: expect.any(String), text: 'Entwurf schreiben', done: false },
        { id: expect.any(String), text: 'Zahlen prüfen', done: true },
      ]);
      expect(task.descriptionHtml).toContain('<strong>sammeln</strong>');
      expect(task.descriptionHtml).not.toContain('<script');
      expect(task.activity.map((a: Json) => a.kind)).toEqual(['created']);
      expect(task.members.map((m: Json) => m.id).sort()).toEqual([author.id, colleague.id].sort());

      // The permanent URL shows the same to the colleague.
      const read = await colleague.client.get(`/api/tasks/${task.id}`);
      expect(read.status).toBe(200);
      expect(read.body.title).toBe('Förderantrag Sensorik vorbereiten');

      expect(await events(task.id)).toEqual([
        {
          kind: 'task.created',
          // Every event carries the task's state after the change (what reminders plan from).
          payload: {
            actorId: author.id,
            task: {
              groupId: group,
              status: 'open',
              dueDate: due,
              assigneeIds: [colleague.id, author.id].sort(),
              archived: false,
              version: 1,
            },
          },
        },
      ]);
      const rows = await audit(task.id);
      expect(rows).toEqual([
        {
          action: 'task.created',
          actor_id: author.id,
          details: expect.objectContaining({ after: expect.objectContaining({ groupId: group, dueDate: due }) }),
        },
      ]);
    });

    it('refuses invalid input and unknown fields with 400 and field errors, and writes nothing', async () => {
      const group = await newGroup();
      const author = await newPerson();
      const outsider = await newPerson();
      await putIn(group, author);
      const post = (body: Record<string, unknown>) =>
        author.client.post('/api/tasks', { groupId: group, title: 'Gültiger Titel', ...body });
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ title: '   ' }, 'title'],
        [{ title: 'x'.repeat(201) }, 'title'],
        [{ dueDate: '2026-02-30' }, 'dueDate'],
        [{ dueDate: '30.01.2026' }, 'dueDate'],
        [{ assigneeIds: [outsider.id] }, 'assigneeIds'],
        [{ assigneeIds: ['nope'] }, 'assigneeIds'],
        [{ status: 'blocked' }, 'blockedReason'],
        [{ status: 'blocked', blockedReason: '  ' }, 'blockedReason'],
        [{ status: 'waiting' }, 'status'],
        [{ priority: 'sofort' }, 'priority'],
        [{ labels: ['a,b'] }, 'labels'],
        [{ checklist: [{ text: ' ' }] }, 'checklist.0.text'],
        [{ version: 3 }, 'version'],
        [{ organizationId: UNKNOWN_ID }, 'organizationId'],
        [{ createdBy: outsider.id }, 'createdBy'],
        [{ groupId: 'UAG 1' }, 'groupId'],
      ];
      for (const [body, field] of cases) {
        const response = await post(body);
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(response.body.code).toBe('VALIDATION_FAILED');
        expect(fieldsOf(response.body), JSON.stringify(body)).toContain(field);
      }
      const { rows } = await api.pg.query(`SELECT count(*)::int AS n FROM task WHERE group_id = $1`, [group]);
      expect(rows[0].n).toBe(0);
    });

    it('is 401 signed out, 403 for someone outside the group, 404 for an unknown group', async () => {
      const group = await newGroup();
      const outsider = await newPerson();
      const anonymous = new TestHttpClient(api.url);
      await anonymous.get('/api/auth/me');
      expect((await anonymous.post('/api/tasks', { groupId: group, title: 'Anonym' })).status).toBe(401);
      expect((await anonymous.get('/api/tasks')).status).toBe(401);
      const forbidden = await outsider.client.post('/api/tasks', { groupId: group, title: 'Fremd' });
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.code).toBe('FORBIDDEN');
      expect((await outsider.client.post('/api/tasks', { groupId: UNKNOWN_ID, title: 'Nirgends' })).status).toBe(404);
      // Unknown or malformed task ids are 404 on every task route.
      const otherId = '00000000-0000-4000-8000-000000000001';
      for (const id of [UNKNOWN_ID, 'kaputt']) {
        expect((await outsider.client.get(`/api/tasks/${id}`)).status).toBe(404);
        expect((await patch(outsider, id, { title: 'x', version: 1 })).status).toBe(404);
        expect((await move(outsider, id, { status: 'done', version: 1 })).status).toBe(404);
        expect((await outsider.client.post(`/api/tasks/${id}/comments`, { body: 'x' })).status).toBe(404);
        expect((await outsider.client.post(`/api/tasks/${id}/links`, { taskId: otherId })).status).toBe(404);
        expect((await outsider.client.delete(`/api/tasks/${id}/links/${otherId}`)).status).toBe(404);
        expect((await outsider.client.post(`/api/tasks/${id}/archive`, { version: 1 })).status).toBe(404);
        expect((await outsider.client.post(`/api/tasks/${id}/restore`, { version: 1 })).status).toBe(404);
      }
      // Someone who only asked to join is no member yet.
      await api.pg.query(
        `INSERT INTO group_membership (group_id, account_id, role, status, requested_at)
         VALUES ($1, $2, 'member', 'requested', now())`,
        [group, outsider.id],
      );
      expect((await outsider.client.post('/api/tasks', { groupId: group, title: 'Fremd' })).status).toBe(403);
      const { rows } = await api.pg.query(`SELECT count(*)::int AS n FROM task WHERE group_id = $1`, [group]);
      expect(rows[0].n).toBe(0);
    });

    it('lets coordinators create tasks in any group', async () => {
      const group = await newGroup();
      const coordinator = await newPerson('coordinator');
      const task = await newTask(coordinator, group, { title: 'Von der Koordination' });
      expect(task.permissions).toMatchObject({ edit: true, archive: true });
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('tenant separation', () => {
    it('keeps UAG 4’s tasks from a member of UAG 2 everywhere; coordinators see all', async () => {
      const inTwo = await newPerson('member', 'Zweier Mitglied');
      const inFour = await newPerson('member', 'Vierer Mitglied');
      const coordinator = await newPerson('coordinator');
      await putIn(uag[2], inTwo);
      await putIn(uag[4], inFour);
      const own = await newTask(inTwo, uag[2], { title: 'Zweier Aufgabe Kiefernwald', labels: ['Mandant'] });
      const foreign = await newTask(inFour, uag[4], {
        title: 'Vierer Aufgabe Kiefernwald',
        description: 'Vertraulich: Haushaltsentwurf Kiefernwald',
        labels: ['Mandant'],
      });

      // The board, the task, the group's list: all 404, as if there were nothing.
      expect((await inTwo.client.get(`/api/groups/${uag[4]}/board`)).status).toBe(404);
      const detail = await inTwo.client.get(`/api/tasks/${foreign.id}`);
      expect(detail.status).toBe(404);
      const missing = await inTwo.client.get(`/api/tasks/${UNKNOWN_ID}`);
      expect({ ...detail.body, correlationId: null }).toEqual({ ...missing.body, correlationId: null });
      expect((await inTwo.client.get(`/api/tasks?groupId=${uag[4]}`)).status).toBe(404);
      expect((await inTwo.client.get(`/api/tasks/export?groupId=${uag[4]}`)).status).toBe(404);
      // Nor can they change it.
      expect((await patch(inTwo, foreign.id, { title: 'Übernommen', version: 1 })).status).toBe(404);
      expect((await move(inTwo, foreign.id, { status: 'done', version: 1 })).status).toBe(404);
      expect((await inTwo.client.post(`/api/tasks/${foreign.id}/comments`, { body: 'Hallo' })).status).toBe(404);
      expect((await inTwo.client.post(`/api/tasks/${foreign.id}/archive`, { version: 1 })).status).toBe(404);
      expect((await taskRow(foreign.id)).version).toBe(1);

      // Lists across groups (only by search or person: what an index narrows down), search and
      // export hold only what they may see.
      expect((await inTwo.client.get('/api/tasks?sort=updated')).status).toBe(400);
      const everything = await listAll(inTwo, 'q=Aufgabe&sort=updated');
      expect(everything.map((t) => t.id)).toContain(own.id);
      expect(everything.filter((t) => t.group.id !== uag[2])).toEqual([]);
      const search = await inTwo.client.get('/api/tasks?q=Kiefernwald');
      expect(titles(search.body.items)).toEqual(['Zweier Aufgabe Kiefernwald']);
      expect((await inTwo.client.get('/api/tasks?q=Haushaltsentwurf')).body.items).toEqual([]);
      expect(titles((await inTwo.client.get('/api/tasks?q=Kiefernwald&label=mandant')).body.items)).toEqual([
        'Zweier Aufgabe Kiefernwald',
      ]);
      const csv = await inTwo.client.get('/api/tasks/export?q=Aufgabe');
      expect(csv.status).toBe(200);
      expect(csv.body).toContain('Zweier Aufgabe Kiefernwald');
      expect(csv.body).not.toContain('Vierer Aufgabe');

      // Coordinators see every group.
      const board = await coordinator.client.get(`/api/groups/${uag[4]}/board`);
      expect(board.status).toBe(200);
      expect(board.body.columns[0].tasks.map((t: Json) => t.id)).toContain(foreign.id);
      expect((await coordinator.client.get(`/api/tasks/${foreign.id}`)).status).toBe(200);
      expect(
        (await coordinator.client.get(`/api/tasks?groupId=${uag[4]}`)).body.items.map((t: Json) => t.id),
      ).toContain(foreign.id);
      expect(titles((await coordinator.client.get('/api/tasks?q=Kiefernwald')).body.items).sort()).toEqual([
        'Vierer Aufgabe Kiefernwald',
        'Zweier Aufgabe Kiefernwald',
      ]);
      const all = await coordinator.client.get('/api/tasks/export?q=Kiefernwald&label=Mandant');
      expect(all.body).toContain('Vierer Aufgabe Kiefernwald');
      expect(all.body).toContain('Zweier Aufgabe Kiefernwald');
      // … and act in every group: edit, archive, restore.
      const edited = await patch(coordinator, foreign.id, { title: 'Vierer Aufgabe (Koordination)', version: 1 });
      expect(edited.status).toBe(200);
      expect((await coordinator.client.post(`/api/tasks/${foreign.id}/archive`, { version: 2 })).status).toBe(200);
      expect((await coordinator.client.post(`/api/tasks/${foreign.id}/restore`, { version: 3 })).status).toBe(200);
      expect((await audit(foreign.id)).map((r) => [r.action, r.actor_id])).toEqual([
        ['task.created', inFour.id],
        ['task.updated', coordinator.id],
        ['task.archived', coordinator.id],
        ['task.restored', coordinator.id],
      ]);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('assignees, leads, archive and restore', () => {
    it('an assignee who is no lead changes status and checklist but cannot delete; a lead archives and restores', async () => {
      const group = await newGroup();
      const lead = await newPerson('member', 'Lena Leitung');
      const assignee = await newPerson('member', 'Alex Zuständig');
      const other = await newPerson();
      await putIn(group, lead, 'lead');
      await putIn(group, assignee);
      await putIn(group, other);
      const task = await newTask(other, group, {
        title: 'Archivierbare Aufgabe',
        assigneeIds: [assignee.id],
        checklist: [{ text: 'Punkt eins' }],
        dueDate: berlinDate(3),
      });

      const working = await patch(assignee, task.id, { status: 'in_progress', version: 1 });
      expect(working.status).toBe(200);
      expect(working.body).toMatchObject({ status: 'in_progress', version: 2 });
      const moved = await move(assignee, task.id, {
        status: 'blocked',
        blockedReason: 'Wartet auf Zusage',
        version: 2,
      });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ status: 'blocked', blockedReason: 'Wartet auf Zusage', version: 3 });
      const ticked = await patch(assignee, task.id, {
        checklist: [{ id: task.checklist[0].id, text: 'Punkt eins', done: true }],
        version: 3,
      });
      expect(ticked.status).toBe(200);
      expect(ticked.body).toMatchObject({ checklistDone: 1, version: 4 });
      expect(ticked.body.checklist[0].id).toBe(task.checklist[0].id);
      expect(ticked.body.permissions).toMatchObject({ work: true, archive: false });

      // Deleting is for leads and coordinators.
      for (const person of [assignee, other]) {
        const refused = await person.client.post(`/api/tasks/${task.id}/archive`, { version: 4 });
        expect(refused.status).toBe(403);
      }
      expect((await taskRow(task.id)).archived_at).toBeNull();
      expect((await lead.client.post(`/api/tasks/${task.id}/archive`, {})).status).toBe(400);
      const stale = await lead.client.post(`/api/tasks/${task.id}/archive`, { version: 3 });
      expect(stale.status).toBe(409);
      expect(stale.body.details).toEqual({ currentVersion: 4 });

      const archived = await lead.client.post(`/api/tasks/${task.id}/archive`, { version: 4 });
      expect(archived.status).toBe(200);
      expect(archived.body).toMatchObject({
        archivedAt: expect.any(String),
        restorableUntil: expect.any(String),
        permissions: { edit: false, work: false, archive: false, restore: true },
      });
      const days = (Date.parse(archived.body.restorableUntil) - Date.parse(archived.body.archivedAt)) / 86_400_000;
      expect(days).toBe(30);

      // Gone from board, lists, Meine Aufgaben and the counts; 404 for members.
      const columns = await boardTitles(lead, group);
      expect(Object.values(columns).flat()).not.toContain('Archivierbare Aufgabe');
      expect((await listAll(lead, `groupId=${group}`)).map((t) => t.id)).not.toContain(task.id);
      expect((await assignee.client.get('/api/tasks/mine')).body.items).toEqual([]);
      expect((await assignee.client.get('/api/tasks/counts')).body).toEqual({ open: 0, overdue: 0, dueThisWeek: 0 });
      expect((await assignee.client.get(`/api/tasks/${task.id}`)).status).toBe(404);
      expect((await other.client.get(`/api/tasks/${task.id}`)).status).toBe(404);
      expect((await patch(assignee, task.id, { status: 'done', version: 5 })).status).toBe(404);
      // Leads see it, cannot change it until restored, and find it in the archive.
      expect((await lead.client.get(`/api/tasks/${task.id}`)).status).toBe(200);
      expect((await patch(lead, task.id, { title: 'Noch geändert', version: 5 })).status).toBe(409);
      expect((await lead.client.post(`/api/tasks/${task.id}/comments`, { body: 'Noch da?' })).status).toBe(409);
      expect((await lead.client.post(`/api/tasks/${task.id}/archive`, { version: 5 })).status).toBe(409);
      const archive = await lead.client.get(`/api/tasks?groupId=${group}&archived=true`);
      expect(archive.status).toBe(200);
      expect(archive.body.items.map((t: Json) => t.id)).toEqual([task.id]);
      expect((await other.client.get(`/api/tasks?groupId=${group}&archived=true`)).status).toBe(403);
      expect((await other.client.get(`/api/tasks?archived=true`)).status).toBe(400);
      expect((await other.client.post(`/api/tasks/${task.id}/restore`, { version: 5 })).status).toBe(404);

      const restored = await lead.client.post(`/api/tasks/${task.id}/restore`, { version: 5 });
      expect(restored.status).toBe(200);
      expect(restored.body).toMatchObject({ archivedAt: null, version: 6, permissions: { archive: true } });
      expect((await lead.client.post(`/api/tasks/${task.id}/restore`, { version: 6 })).status).toBe(409);
      expect((await boardTitles(lead, group)).blocked).toEqual(['Archivierbare Aufgabe']);
      expect((await assignee.client.get('/api/tasks/mine')).body.items.map((t: Json) => t.id)).toEqual([task.id]);
      expect((await other.client.get(`/api/tasks/${task.id}`)).status).toBe(200);

      expect((await events(task.id)).map((e) => e.kind)).toEqual([
        'task.created',
        'task.status_changed',
        'task.status_changed',
        'task.archived',
        'task.restored',
      ]);
      expect((await events(task.id))[4].payload).toMatchObject({
        actorId: lead.id,
        task: { status: 'blocked', dueDate: berlinDate(3), assigneeIds: [assignee.id], archived: false },
      });
      expect((await events(task.id))[3].payload.task).toMatchObject({ archived: true });
      expect((await audit(task.id)).map((r) => [r.action, r.actor_id])).toEqual([
        ['task.created', other.id],
        ['task.updated', assignee.id],
        ['task.moved', assignee.id],
        ['task.updated', assignee.id],
        ['task.archived', lead.id],
        ['task.restored', lead.id],
      ]);
      const kinds = (await lead.client.get(`/api/tasks/${task.id}`)).body.activity.map((a: Json) => a.kind);
      expect(kinds).toEqual(expect.arrayContaining(['archived', 'restored', 'checklist_changed', 'status_changed']));
    });

    it('lists the archive newest first page by page, and restores only within 30 days (409 after)', async () => {
      const group = await newGroup();
      const lead = await newPerson();
      await putIn(group, lead, 'lead');
      const task = await newTask(lead, group, { title: 'Lange her' });
      const others: string[] = [];
      for (const title of ['Archiv 1', 'Archiv 2', 'Archiv 3']) {
        const other = await newTask(lead, group, { title });
        expect((await lead.client.post(`/api/tasks/${other.id}/archive`, { version: 1 })).status).toBe(200);
        others.push(other.id);
      }
      expect((await listAll(lead, `groupId=${group}&archived=true`, 1)).map((t) => t.id)).toEqual(others.reverse());
      expect((await lead.client.post(`/api/tasks/${task.id}/archive`, { version: 1 })).status).toBe(200);
      await api.pg.query(`UPDATE task SET archived_at = now() - interval '31 days' WHERE id = $1`, [task.id]);
      const late = await lead.client.post(`/api/tasks/${task.id}/restore`, { version: 2 });
      expect(late.status).toBe(409);
      expect(late.body.message).toContain('30 Tage');
      expect((await taskRow(task.id)).archived_at).not.toBeNull();
      expect((await lead.client.get(`/api/tasks/${task.id}`)).body.permissions.restore).toBe(false);
      expect(
        (await lead.client.get(`/api/tasks?groupId=${group}&archived=true`)).body.items.map((t: Json) => t.id),
      ).not.toContain(task.id);
      expect((await audit(task.id, 'task.restored')).length).toBe(0);
      expect((await events(task.id)).map((e) => e.kind)).toEqual(['task.created', 'task.archived']);
    });

    it('an assignee who left the group still sees the task and works on it, but cannot edit it', async () => {
      const group = await newGroup();
      const lead = await newPerson();
      const leaver = await newPerson('member', 'Gerd Gegangen');
      await putIn(group, lead, 'lead');
      await putIn(group, leaver);
      const task = await newTask(lead, group, {
        title: 'Bleibt bei Gerd',
        assigneeIds: [leaver.id],
        checklist: [{ text: 'Übergabe' }],
      });
      await api.pg.query(`DELETE FROM group_membership WHERE group_id = $1 AND account_id = $2`, [group, leaver.id]);

      const seen = await leaver.client.get(`/api/tasks/${task.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body.permissions).toMatchObject({ edit: false, work: true, archive: false });
      expect((await leaver.client.get('/api/tasks/mine')).body.items.map((t: Json) => t.id)).toEqual([task.id]);
      expect((await listAll(leaver, 'assignee=me&sort=due')).map((t) => t.id)).toEqual([task.id]);
      expect((await leaver.client.get(`/api/groups/${group}/board`)).status).toBe(404);

      const status = await patch(leaver, task.id, { status: 'in_progress', version: 1 });
      expect(status.status).toBe(200);
      const checklist = await patch(leaver, task.id, {
        checklist: [{ id: task.checklist[0].id, text: 'Übergabe', done: true }],
        version: 2,
      });
      expect(checklist.status).toBe(200);
      expect((await move(leaver, task.id, { status: 'done', version: 3 })).status).toBe(200);

      for (const body of [
        { title: 'Umbenannt', version: 4 },
        { status: 'open', title: 'Umbenannt', version: 4 },
        { dueDate: berlinDate(1), version: 4 },
        { assigneeIds: [], version: 4 },
      ]) {
        const refused = await patch(leaver, task.id, body);
        expect(refused.status, JSON.stringify(body)).toBe(403);
      }
      const row = await taskRow(task.id);
      expect(row).toMatchObject({ title: 'Bleibt bei Gerd', status: 'done', version: 4, due_date: null });
      expect((await leaver.client.post(`/api/tasks/${task.id}/archive`, { version: 4 })).status).toBe(403);

      // Whoever is assigned may stay assigned after leaving; nobody new from outside the group.
      const kept = await patch(lead, task.id, { assigneeIds: [leaver.id, lead.id], version: 4 });
      expect(kept.status).toBe(200);
      expect(kept.body.assignees.map((a: Json) => a.id).sort()).toEqual([leaver.id, lead.id].sort());
      expect((await patch(lead, task.id, { assigneeIds: [lead.id], version: 5 })).status).toBe(200);
      const back = await patch(lead, task.id, { assigneeIds: [leaver.id], version: 6 });
      expect(back.status).toBe(400);
      expect(fieldsOf(back.body)).toEqual(['assigneeIds']);
      expect((await leaver.client.get(`/api/tasks/${task.id}`)).status).toBe(404);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('optimistic locking', () => {
    it('of two concurrent changes with the same version one wins, the other gets 409 and writes nothing', async () => {
      const group = await newGroup();
      const first = await newPerson();
      const second = await newPerson();
      await putIn(group, first);
      await putIn(group, second);
      const task = await newTask(first, group, { title: 'Umkämpft' });
      const [a, b] = await Promise.all([
        patch(first, task.id, { title: 'Fassung A', dueDate: berlinDate(10), version: 1 }),
        patch(second, task.id, { title: 'Fassung B', dueDate: berlinDate(20), version: 1 }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const [won, lost] = a.status === 200 ? [a, b] : [b, a];
      expect(lost.body).toMatchObject({ code: 'CONFLICT', details: { currentVersion: 2 } });
      expect(lost.body.message).toEqual(expect.any(String));
      const row = await taskRow(task.id);
      expect(row).toMatchObject({ title: won.body.title, version: 2 });
      expect(row.due_date).not.toBeNull();
      expect((await events(task.id)).map((e) => [e.kind, e.payload.to ?? null])).toEqual([
        ['task.created', null],
        ['task.due_changed', won.body.dueDate],
      ]);
      expect((await audit(task.id, 'task.updated')).length).toBe(1);
      const activity = (await first.client.get(`/api/tasks/${task.id}`)).body.activity.map((x: Json) => x.kind);
      expect(activity.filter((k: string) => k === 'due_changed')).toHaveLength(1);
    });

    it('a stale move is 409 and changes nothing', async () => {
      const group = await newGroup();
      const member = await newPerson();
      await putIn(group, member);
      const task = await newTask(member, group, { title: 'Alt' });
      expect((await patch(member, task.id, { title: 'Neu', version: 1 })).status).toBe(200);
      const before = await taskRow(task.id);
      const stale = await move(member, task.id, { status: 'done', version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.details).toEqual({ currentVersion: 2 });
      expect(await taskRow(task.id)).toEqual(before);
      expect((await events(task.id)).map((e) => e.kind)).toEqual(['task.created']);
      expect((await audit(task.id, 'task.moved')).length).toBe(0);
      expect((await patch(member, task.id, { title: 'Ohne Version' })).status).toBe(400);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('German full-text search', () => {
    it('finds "Förderantrag" in "Förderanträge", and words of comments', async () => {
      const group = await newGroup();
      const member = await newPerson();
      await putIn(group, member);
      const funding = await newTask(member, group, {
        title: 'Mittel einwerben',
        description: 'Wir sammeln die Förderanträge der Kommunen im Burgenlandkreis.',
      });
      await newTask(member, group, { title: 'Etwas anderes', description: 'Mit Anträgen hat das nichts zu tun.' });
      const found = await member.client.get(`/api/tasks?groupId=${group}&q=${encodeURIComponent('Förderantrag')}`);
      expect(found.status).toBe(200);
      expect(found.body.items.map((t: Json) => t.id)).toEqual([funding.id]);

      const other = await newTask(member, group, { title: 'Ausschreibung' });
      expect(
        (await member.client.get(`/api/tasks?groupId=${group}&q=Vergabeunterlage`)).body.items.map((t: Json) => t.id),
      ).toEqual([]);
      const commented = await member.client.post(`/api/tasks/${other.id}/comments`, {
        body: 'Die Vergabeunterlagen liegen jetzt im Ordner.',
      });
      expect(commented.status).toBe(201);
      expect(
        (await member.client.get(`/api/tasks?groupId=${group}&q=Vergabeunterlage`)).body.items.map((t: Json) => t.id),
      ).toEqual([other.id]);
      // A changed title is searchable at once.
      expect((await patch(member, funding.id, { title: 'Breitbandausbau', version: 1 })).status).toBe(200);
      expect(titles((await member.client.get(`/api/tasks?groupId=${group}&q=Breitbandausbau`)).body.items)).toEqual([
        'Breitbandausbau',
      ]);
      // Words are prefixes: the beginning of a long compound finds it.
      expect(titles((await member.client.get(`/api/tasks?groupId=${group}&q=Breitband`)).body.items)).toEqual([
        'Breitbandausbau',
      ]);
      // Search syntax is not an error.
      for (const q of ['"Förder', 'a & | ! :* (', 'OR -']) {
        expect((await member.client.get(`/api/tasks?groupId=${group}&q=${encodeURIComponent(q)}`)).status).toBe(200);
      }
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('GET /api/tasks: keyset paging, sorting and filters', () => {
    it('pages through every task exactly once by due date (undated last) and by last change', async () => {
      const group = await newGroup();
      const member = await newPerson();
      await putIn(group, member);
      const dues = [berlinDate(3), berlinDate(1), berlinDate(3), null, berlinDate(1), null, berlinDate(10)];
      const tasks: Json[] = [];
      for (const [i, dueDate] of dues.entries())
        tasks.push(await newTask(member, group, { title: `Seite ${i}`, dueDate }));

      const byDue = [...tasks].sort(
        (a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || (a.id < b.id ? -1 : 1),
      );
      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const page = await member.client.get(`/api/tasks?groupId=${group}&sort=due&limit=3${suffix}`);
        expect(page.status).toBe(200);
        pages.push(page.body.items.map((t: Json) => t.id));
        cursor = page.body.nextCursor;
      } while (cursor && pages.length < 10);
      expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual(byDue.map((t) => t.id));

      // A change moves a task to the front of "last changed".
      expect((await patch(member, tasks[2].id, { priority: 'urgent', version: 1 })).status).toBe(200);
      const byUpdated = [tasks[2], ...tasks.filter((_, i) => i !== 2).reverse()].map((t) => t.id);
      expect((await listAll(member, `groupId=${group}&sort=updated`, 3)).map((t) => t.id)).toEqual(byUpdated);
      expect((await listAll(member, `groupId=${group}&sort=created`, 2)).map((t) => t.id)).toEqual(
        [...tasks].reverse().map((t) => t.id),
      );
      const byPriority = await listAll(member, `groupId=${group}&sort=priority`, 3);
      expect(byPriority[0].id).toBe(tasks[2].id);
      expect(new Set(byPriority.map((t) => t.id)).size).toBe(7);
    });

    it('refuses a tampered, foreign or garbage cursor with 400', async () => {
      const group = await newGroup();
      const member = await newPerson();
      await putIn(group, member);
      for (let i = 0; i < 3; i++) await newTask(member, group, { dueDate: berlinDate(i) });
      const first = await member.client.get(`/api/tasks?groupId=${group}&sort=due&limit=1`);
      const cursor: string = first.body.nextCursor;
      expect(cursor).toEqual(expect.any(String));
      const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      const tampered = Buffer.from(JSON.stringify([decoded[0], "2026-01-01' OR 1=1 --", decoded[2]])).toString(
        'base64url',
      );
      for (const [sort, bad] of [
        ['due', tampered],
        ['updated', cursor],
        ['due', 'kein-cursor'],
        ['due', Buffer.from('{"a":1}').toString('base64url')],
      ]) {
        const response = await member.client.get(
          `/api/tasks?groupId=${group}&sort=${sort}&limit=1&cursor=${encodeURIComponent(bad)}`,
        );
        expect(response.status, `${sort} ${bad}`).toBe(400);
        expect(fieldsOf(response.body)).toEqual(['cursor']);
      }
      for (const query of ['limit=0', 'limit=101', 'sort=title', 'due=tomorrow', 'status=waiting', 'assignee=Anna']) {
        expect((await member.client.get(`/api/tasks?groupId=${group}&${query}`)).status, query).toBe(400);
      }
    });

    it('filters by assignee, status, label and due date (Europe/Berlin today)', async () => {
      const group = await newGroup();
      const me = await newPerson();
      const colleague = await newPerson();
      await putIn(group, me);
      await putIn(group, colleague);
      const make = (title: string, fields: Record<string, unknown>) => newTask(me, group, { title, ...fields });
      await make('A überfällig', { assigneeIds: [me.id], labels: ['Förderung'], dueDate: berlinDate(-1) });
      await make('B heute', { assigneeIds: [me.id], status: 'in_progress', dueDate: berlinDate(0) });
      await make('C blockiert', {
        assigneeIds: [colleague.id],
        status: 'blocked',
        blockedReason: 'Wartet',
        labels: ['Förderung'],
      });
      await make('D erledigt', { assigneeIds: [me.id], status: 'done', dueDate: berlinDate(-1) });
      await make('E später', { dueDate: berlinDate(8) });
      const filtered = async (query: string) =>
        titles(await listAll(me, `groupId=${group}&${query}`)).sort((a, b) => a.localeCompare(b));

      expect(await filtered('assignee=me')).toEqual(['A überfällig', 'B heute', 'D erledigt']);
      expect(await filtered(`assignee=${colleague.id}`)).toEqual(['C blockiert']);
      expect(await filtered('status=open,in_progress')).toEqual(['A überfällig', 'B heute', 'E später']);
      expect(await filtered('status=done')).toEqual(['D erledigt']);
      expect(await filtered(`label=${encodeURIComponent('Förderung')}`)).toEqual(['A überfällig', 'C blockiert']);
      expect(await filtered('due=overdue')).toEqual(['A überfällig']);
      expect(await filtered('due=this_week')).toEqual(['B heute']);
      expect(await filtered('due=none')).toEqual(['C blockiert']);
      expect(await filtered('assignee=me&status=open,in_progress&due=overdue')).toEqual(['A überfällig']);
      const overdue = await listAll(me, `groupId=${group}&sort=due`);
      expect(overdue.filter((t) => t.overdue).map((t) => t.title)).toEqual(['A überfällig']);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('Meine Aufgaben and counts', () => {
    it('lists what is assigned to me across groups, not done, overdue first, undated last; counts match', async () => {
      const first = await newGroup();
      const second = await newGroup();
      const me = await newPerson();
      const lead = await newPerson();
      for (const group of [first, second]) {
        await putIn(group, me);
        await putIn(group, lead, 'lead');
      }
      const mine = (group: string, title: string, fields: Record<string, unknown> = {}) =>
        newTask(lead, group, { title, assigneeIds: [me.id], ...fields });
      await mine(first, 'Ohne Datum');
      await mine(second, 'In zwei Tagen', { dueDate: berlinDate(2) });
      await mine(first, 'Vor drei Tagen', { dueDate: berlinDate(-3) });
      await mine(second, 'Gestern', { dueDate: berlinDate(-1), status: 'in_progress' });
      await mine(first, 'Heute', { dueDate: berlinDate(0), priority: 'low' });
      await mine(second, 'Schon erledigt', { dueDate: berlinDate(-5), status: 'done' });
      await newTask(lead, first, { title: 'Nicht meine', dueDate: berlinDate(-4) });
      const gone = await mine(second, 'Gelöscht', { dueDate: berlinDate(-6) });
      expect((await lead.client.post(`/api/tasks/${gone.id}/archive`, { version: 1 })).status).toBe(200);

      const response = await me.client.get('/api/tasks/mine');
      expect(response.status).toBe(200);
      expect(response.body.today).toBe(berlinDate(0));
      expect(titles(response.body.items)).toEqual([
        'Vor drei Tagen',
        'Gestern',
        'Heute',
        'In zwei Tagen',
        'Ohne Datum',
      ]);
      expect(response.body.items.map((t: Json) => t.overdue)).toEqual([true, true, false, false, false]);
      expect(new Set(response.body.items.map((t: Json) => t.group.id))).toEqual(new Set([first, second]));
      const dueThisWeek = 1 + (berlinDate(2) <= berlinEndOfWeek() ? 1 : 0);
      expect(response.body.counts).toEqual({ open: 5, overdue: 2, dueThisWeek });
      expect((await me.client.get('/api/tasks/counts')).body).toEqual(response.body.counts);
      expect((await lead.client.get('/api/tasks/counts')).body).toEqual({ open: 0, overdue: 0, dueThisWeek: 0 });
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('the board and moving cards', () => {
    it('shows four columns with counts and reorders by afterTaskId', async () => {
      const group = await newGroup();
      const lead = await newPerson();
      const member = await newPerson();
      const outsider = await newPerson();
      await putIn(group, lead, 'lead');
      await putIn(group, member);
      const a = await newTask(member, group, { title: 'A', labels: ['Zwei', 'Eins'] });
      const b = await newTask(member, group, { title: 'B' });
      const c = await newTask(member, group, { title: 'C' });

      const board = await member.client.get(`/api/groups/${group}/board`);
      expect(board.status).toBe(200);
      expect(board.body.columns.map((col: Json) => [col.status, col.count])).toEqual([
        ['open', 3],
        ['in_progress', 0],
        ['blocked', 0],
        ['done', 0],
      ]);
      expect(board.body).toMatchObject({ labels: ['Eins', 'Zwei'], permissions: { create: true, archive: false } });
      expect(board.body.members.map((m: Json) => m.id).sort()).toEqual([lead.id, member.id].sort());
      expect((await lead.client.get(`/api/groups/${group}/board`)).body.permissions.archive).toBe(true);
      expect((await outsider.client.get(`/api/groups/${group}/board`)).status).toBe(404);
      expect((await member.client.get(`/api/groups/${UNKNOWN_ID}/board`)).status).toBe(404);
      expect((await member.client.get(`/api/groups/kaputt/board`)).status).toBe(404);
      expect((await boardTitles(member, group)).open).toEqual(['A', 'B', 'C']);

      const versions: Record<string, number> = { [a.id]: 1, [b.id]: 1, [c.id]: 1 };
      const go = async (task: Json, body: Record<string, unknown>, expected = 200) => {
        const response = await move(member, task.id, { version: versions[task.id], ...body });
        expect(response.status, JSON.stringify(response.body)).toBe(expected);
        if (response.status === 200) versions[task.id] = response.body.version;
        return response;
      };
      await go(c, { status: 'open', afterTaskId: a.id });
      expect((await boardTitles(member, group)).open).toEqual(['A', 'C', 'B']);
      await go(b, { status: 'open', afterTaskId: null });
      expect((await boardTitles(member, group)).open).toEqual(['B', 'A', 'C']);
      await go(b, { status: 'open', afterTaskId: c.id });
      expect((await boardTitles(member, group)).open).toEqual(['A', 'C', 'B']);

      // To another column: at the top unless told, after a card of that column otherwise.
      await go(a, { status: 'in_progress' });
      const blocked = await go(b, { status: 'blocked' }, 400);
      expect(fieldsOf(blocked.body)).toEqual(['blockedReason']);
      const elsewhere = await go(c, { status: 'in_progress', afterTaskId: b.id }, 409);
      expect(elsewhere.body.code).toBe('CONFLICT');
      await go(c, { status: 'in_progress', afterTaskId: a.id });
      await go(b, { status: 'blocked', blockedReason: 'Haushaltssperre' });
      let columns = await boardTitles(member, group);
      expect(columns).toEqual({ open: [], in_progress: ['A', 'C'], blocked: ['B'], done: [] });
      expect(
        (await member.client.get(`/api/groups/${group}/board`)).body.columns.map((col: Json) => col.count),
      ).toEqual([0, 2, 1, 0]);
      await go(c, { status: 'done' });
      const done = await member.client.get(`/api/tasks/${c.id}`);
      expect(done.body.completedAt).toEqual(expect.any(String));
      columns = await boardTitles(member, group);
      expect(columns.done).toEqual(['C']);
      expect((await move(outsider, a.id, { status: 'done', version: versions[a.id] })).status).toBe(404);
      expect((await move(member, a.id, { status: 'later', version: versions[a.id] })).status).toBe(400);

      expect((await events(b.id)).map((e) => [e.kind, e.payload.to ?? null])).toEqual([
        ['task.created', null],
        ['task.status_changed', 'blocked'],
      ]);
      const moves = await audit(b.id, 'task.moved');
      expect(moves.length).toBe(3);
      expect(moves[2].details).toMatchObject({ before: { status: 'open' }, after: { status: 'blocked' } });
    });

    it('keeps the order when cards are dropped between close neighbours many times', async () => {
      const group = await newGroup();
      const member = await newPerson();
      await putIn(group, member);
      const first = await newTask(member, group, { title: 'Erste' });
      const last = await newTask(member, group, { title: 'Letzte' });
      const x = await newTask(member, group, { title: 'X' });
      const y = await newTask(member, group, { title: 'Y' });
      const versions: Record<string, number> = { [x.id]: 1, [y.id]: 1 };
      // Dropping X and Y alternately right after "Erste" halves the gap each time, until the column
      // has to be renumbered.
      for (let i = 0; i < 26; i++) {
        const card = i % 2 ? y : x;
        const response = await move(member, card.id, {
          status: 'open',
          afterTaskId: first.id,
          version: versions[card.id],
        });
        expect(response.status).toBe(200);
        versions[card.id] = response.body.version;
      }
      expect((await boardTitles(member, group)).open).toEqual(['Erste', 'Y', 'X', 'Letzte']);
      const { rows } = await api.pg.query(`SELECT id, rank FROM task WHERE group_id = $1 ORDER BY rank`, [group]);
      expect(rows.map((r) => r.id)).toEqual([first.id, y.id, x.id, last.id]);
      expect(new Set(rows.map((r) => r.rank)).size).toBe(4);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('changes, comments with @mentions and the history', () => {
    it('records every change in the history, the outbox and the audit log', async () => {
      const group = await newGroup();
      const author = await newPerson('member', 'Hanna Historie');
      const mira = await newPerson('member', 'Mira Meldung');
      const tom = await newPerson('member', 'Tom Teamer');
      const otto = await newPerson('member', 'Otto Außen');
      await putIn(group, author);
      await putIn(group, mira);
      await putIn(group, tom);
      const task = await newTask(author, group, {
        title: 'Mit Verlauf',
        assigneeIds: [author.id],
        dueDate: berlinDate(7),
        checklist: [{ text: 'Erster Punkt' }],
      });

      const due = berlinDate(14);
      const changed = await patch(author, task.id, {
        status: 'in_progress',
        assigneeIds: [mira.id],
        dueDate: due,
        checklist: [{ id: task.checklist[0].id, text: 'Erster Punkt', done: true }, { text: 'Zweiter Punkt' }],
        title: 'Mit Verlauf und mehr',
        version: 1,
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ status: 'in_progress', dueDate: due, version: 2, checklistDone: 1 });
      expect(changed.body.assignees.map((a: Json) => a.id)).toEqual([mira.id]);
      const notMember = await patch(author, task.id, { assigneeIds: [mira.id, otto.id], version: 2 });
      expect(notMember.status).toBe(400);
      expect(fieldsOf(notMember.body)).toEqual(['assigneeIds']);
      expect((await patch(author, task.id, { groupId: UNKNOWN_ID, version: 2 })).status).toBe(400);
      expect((await patch(author, task.id, { dueDate: '2026-13-01', version: 2 })).status).toBe(400);
      expect((await patch(author, task.id, { status: 'blocked', version: 2 })).status).toBe(400);
      expect((await taskRow(task.id)).version).toBe(2);

      const comment = await author.client.post(`/api/tasks/${task.id}/comments`, {
        body: 'Bitte prüfen, @Mira Meldung und @Otto Außen und @Hanna Historie! <script>alert(1)</script>',
        mentionIds: [mira.id, otto.id, tom.id, author.id],
      });
      expect(comment.status).toBe(201);
      const [saved] = comment.body.comments;
      expect(saved.mentions.map((m: Json) => m.id)).toEqual([mira.id]);
      expect(saved.author).toMatchObject({ id: author.id, name: 'Hanna Historie' });
      expect(saved.bodyHtml).not.toContain('<script');
      expect(comment.body.commentCount).toBe(1);
      const plain = await mira.client.post(`/api/tasks/${task.id}/comments`, { body: 'Erledige ich.' });
      expect(plain.status).toBe(201);
      expect(plain.body.comments.map((c: Json) => c.body)).toEqual([saved.body, 'Erledige ich.']);
      expect((await mira.client.post(`/api/tasks/${task.id}/comments`, { body: '  ' })).status).toBe(400);
      expect((await mira.client.post(`/api/tasks/${task.id}/comments`, { body: 'x', version: 1 })).status).toBe(400);
      expect((await mira.client.post(`/api/tasks/${UNKNOWN_ID}/comments`, { body: 'x' })).status).toBe(404);
      expect((await otto.client.post(`/api/tasks/${task.id}/comments`, { body: 'x' })).status).toBe(404);

      const detail = (await tom.client.get(`/api/tasks/${task.id}`)).body;
      const kinds = detail.activity.map((a: Json) => a.kind);
      for (const kind of [
        'created',
        'status_changed',
        'assignees_changed',
        'due_changed',
        'checklist_changed',
        'updated',
      ]) {
        expect(kinds, kind).toContain(kind);
      }
      expect(kinds.filter((k: string) => k === 'commented')).toHaveLength(2);
      expect(kinds[kinds.length - 1]).toBe('created');
      const entry = (kind: string) => detail.activity.find((a: Json) => a.kind === kind);
      expect(entry('status_changed').details).toEqual({ from: 'open', to: 'in_progress' });
      expect(entry('due_changed').details).toEqual({ from: berlinDate(7), to: due });
      expect(entry('assignees_changed').details).toEqual({
        added: [{ id: mira.id, name: 'Mira Meldung' }],
        removed: [{ id: author.id, name: 'Hanna Historie' }],
      });
      expect(entry('checklist_changed').details).toMatchObject({ checked: ['Erster Punkt'], added: ['Zweiter Punkt'] });
      expect(entry('updated').details).toEqual({
        fields: ['title'],
        changes: { title: { from: expect.any(String), to: expect.any(String) } },
      });
      expect(entry('created').actor).toMatchObject({ id: author.id, name: 'Hanna Historie' });

      const outbox = await events(task.id);
      expect(outbox.map((e) => e.kind)).toEqual([
        'task.created',
        'task.status_changed',
        'task.due_changed',
        'task.assignees_changed',
        'task.mentioned',
      ]);
      expect(outbox[0].payload.task).toMatchObject({ assigneeIds: [author.id], dueDate: berlinDate(7), version: 1 });
      expect(outbox[1].payload).toMatchObject({ from: 'open', to: 'in_progress', actorId: author.id });
      expect(outbox[1].payload.task).toMatchObject({ status: 'in_progress' });
      expect(outbox[3].payload).toMatchObject({
        added: [mira.id],
        removed: [author.id],
        task: { assigneeIds: [mira.id] },
      });
      expect(outbox[2].payload).toMatchObject({ from: berlinDate(7), to: due, task: { assigneeIds: [mira.id] } });
      expect(outbox[4].payload).toMatchObject({ commentId: saved.id, mentionedIds: [mira.id], actorId: author.id });
      // Versions only grow, so a consumer can apply events in any order (newest state wins).
      const versions = outbox.map((e) => e.payload.task.version as number);
      expect([...versions].sort((a, b) => a - b)).toEqual(versions);

      const rows = await audit(task.id);
      expect(rows.map((r) => r.action)).toEqual(['task.created', 'task.updated', 'task.commented', 'task.commented']);
      expect(rows[1].details).toMatchObject({
        before: { title: 'Mit Verlauf', status: 'open', dueDate: berlinDate(7) },
        after: { title: 'Mit Verlauf und mehr', status: 'in_progress', dueDate: due, assigneeIds: [mira.id] },
      });
      expect(rows[2].details).toEqual({ commentId: saved.id, mentions: [mira.id] });
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('status, blocked reason and due date', () => {
    it('changes the blocked reason, clears it with the status, clears a due date, and stamps completion', async () => {
      const group = await newGroup();
      const member = await newPerson();
      await putIn(group, member);
      const due = berlinDate(3);
      const task = await newTask(member, group, {
        title: 'Blockiert',
        status: 'blocked',
        blockedReason: 'Wartet auf Rückmeldung',
        dueDate: due,
      });
      expect(task).toMatchObject({ status: 'blocked', blockedReason: 'Wartet auf Rückmeldung' });
      const reason = await patch(member, task.id, { blockedReason: '  Neuer Grund ', version: 1 });
      expect(reason.status).toBe(200);
      expect(reason.body.blockedReason).toBe('Neuer Grund');
      expect(reason.body.activity[0]).toMatchObject({ kind: 'updated', details: { fields: ['blockedReason'] } });
      const noReason = await patch(member, task.id, { blockedReason: null, version: 2 });
      expect(noReason.status).toBe(400);
      expect(fieldsOf(noReason.body)).toEqual(['blockedReason']);

      const open = await patch(member, task.id, { status: 'open', version: 2 });
      expect(open.body).toMatchObject({ status: 'open', blockedReason: null, version: 3 });
      const cleared = await patch(member, task.id, { dueDate: null, version: 3 });
      expect(cleared.body).toMatchObject({ dueDate: null, overdue: false, version: 4 });
      const done = await patch(member, task.id, { status: 'done', version: 4 });
      expect(done.body.completedAt).toEqual(expect.any(String));
      const reopened = await patch(member, task.id, { status: 'in_progress', version: 5 });
      expect(reopened.body.completedAt).toBeNull();

      expect((await events(task.id)).map((e) => [e.kind, e.payload.from, e.payload.to])).toEqual([
        ['task.created', undefined, undefined],
        ['task.status_changed', 'blocked', 'open'],
        ['task.due_changed', due, null],
        ['task.status_changed', 'open', 'done'],
        ['task.status_changed', 'done', 'in_progress'],
      ]);
      expect((await taskRow(task.id)).blocked_reason).toBeNull();
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('links between tasks', () => {
    it('links and unlinks, refuses doubles, itself and tasks out of sight', async () => {
      const group = await newGroup();
      const foreignGroup = await newGroup();
      const member = await newPerson();
      const stranger = await newPerson();
      const coordinator = await newPerson('coordinator');
      await putIn(group, member);
      await putIn(foreignGroup, stranger);
      const one = await newTask(member, group, { title: 'Eins' });
      const two = await newTask(member, group, { title: 'Zwei' });
      const hidden = await newTask(stranger, foreignGroup, { title: 'Verborgen' });

      const linked = await member.client.post(`/api/tasks/${one.id}/links`, { taskId: two.id });
      expect(linked.status).toBe(200);
      expect(linked.body.links).toEqual([
        { id: two.id, title: 'Zwei', status: 'open', groupShortName: expect.any(String) },
      ]);
      expect((await member.client.get(`/api/tasks/${two.id}`)).body.links.map((l: Json) => l.id)).toEqual([one.id]);
      expect((await member.client.post(`/api/tasks/${two.id}/links`, { taskId: one.id })).status).toBe(409);
      const self = await member.client.post(`/api/tasks/${one.id}/links`, { taskId: one.id });
      expect(self.status).toBe(400);
      expect(fieldsOf(self.body)).toEqual(['taskId']);
      const outOfSight = await member.client.post(`/api/tasks/${one.id}/links`, { taskId: hidden.id });
      const unknown = await member.client.post(`/api/tasks/${one.id}/links`, { taskId: UNKNOWN_ID });
      expect(outOfSight.status).toBe(400);
      expect({ ...outOfSight.body, correlationId: null }).toEqual({ ...unknown.body, correlationId: null });
      expect((await member.client.post(`/api/tasks/${one.id}/links`, { taskId: 'nope' })).status).toBe(400);
      expect((await stranger.client.post(`/api/tasks/${one.id}/links`, { taskId: hidden.id })).status).toBe(404);

      // A coordinator links across groups; the member does not learn of the foreign task.
      expect((await coordinator.client.post(`/api/tasks/${hidden.id}/links`, { taskId: one.id })).status).toBe(200);
      expect((await member.client.get(`/api/tasks/${one.id}`)).body.links.map((l: Json) => l.id)).toEqual([two.id]);
      expect(
        (await coordinator.client.get(`/api/tasks/${one.id}`)).body.links.map((l: Json) => l.title).sort(),
      ).toEqual(['Verborgen', 'Zwei']);

      const unlinked = await member.client.delete(`/api/tasks/${two.id}/links/${one.id}`);
      expect(unlinked.status).toBe(200);
      expect(unlinked.body.links).toEqual([]);
      expect((await member.client.delete(`/api/tasks/${two.id}/links/${one.id}`)).status).toBe(404);
      expect((await member.client.delete(`/api/tasks/${two.id}/links/kaputt`)).status).toBe(404);
      expect((await stranger.client.delete(`/api/tasks/${one.id}/links/${hidden.id}`)).status).toBe(404);

      const kinds = (await member.client.get(`/api/tasks/${one.id}`)).body.activity.map((a: Json) => a.kind);
      // The coordinator's link to the hidden task stays out of the member's history, title and all.
      expect(kinds.filter((k: string) => k === 'linked')).toHaveLength(1);
      expect(JSON.stringify((await member.client.get(`/api/tasks/${one.id}`)).body.activity)).not.toContain(
        'Verborgen',
      );
      expect(kinds.filter((k: string) => k === 'unlinked')).toHaveLength(1);
      expect((await audit(one.id)).map((r) => r.action)).toEqual(['task.created', 'task.linked']);
      expect((await audit(two.id)).map((r) => r.action)).toEqual(['task.created', 'task.unlinked']);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('malformed input', () => {
    it('answers odd bodies and queries on every write and list route with 400 and changes nothing', async () => {
      const group = await newGroup();
      const member = await newPerson();
      await putIn(group, member);
      const task = await newTask(member, group, { title: 'Robust', checklist: [{ text: 'Punkt' }] });
      const odd: unknown[] = [
        [],
        'text',
        42,
        null,
        { title: null },
        { title: 42 },
        { description: null },
        { status: null },
        { priority: null },
        { dueDate: 20261218 },
        { dueDate: '' },
        { labels: null },
        { labels: [1] },
        { labels: 'Förderung' },
        { assigneeIds: null },
        { assigneeIds: [member.id, member.id] },
        { checklist: null },
        { checklist: [null] },
        { checklist: ['Punkt'] },
        { checklist: [{ text: 'a', id: 'x' }] },
        { checklist: [{ text: 'a', done: 'ja' }] },
        { blockedReason: 42 },
        { version: 'eins' },
        { version: -1 },
        { version: 1.5 },
      ];
      const failures: string[] = [];
      const expect400 = async (label: string, response: Promise<{ status: number }>) => {
        const { status } = await response;
        if (status !== 400) failures.push(`${label}: ${status}`);
      };
      for (const body of odd) {
        const json = JSON.stringify(body);
        const isObject = body !== null && typeof body === 'object' && !Array.isArray(body);
        const versioned = isObject && !('version' in body) ? { ...body, version: 1 } : body;
        await expect400(`POST /api/tasks ${json}`, member.client.post('/api/tasks', body));
        if (isObject) {
          await expect400(
            `POST /api/tasks with group ${json}`,
            member.client.post('/api/tasks', { groupId: group, title: 'Gültig', ...body }),
          );
        }
        await expect400(`PATCH ${json}`, patch(member, task.id, versioned));
        await expect400(`move ${json}`, move(member, task.id, versioned));
        await expect400(`comment ${json}`, member.client.post(`/api/tasks/${task.id}/comments`, body));
        await expect400(`link ${json}`, member.client.post(`/api/tasks/${task.id}/links`, body));
        await expect400(`archive ${json}`, member.client.post(`/api/tasks/${task.id}/archive`, body));
        await expect400(`restore ${json}`, member.client.post(`/api/tasks/${task.id}/restore`, body));
      }
      await expect400('archive without a body', member.client.post(`/api/tasks/${task.id}/archive`));
      await expect400('move without a body', member.client.post(`/api/tasks/${task.id}/move`));
      await expect400('a NUL byte in a title', patch(member, task.id, { title: 'Null\u0000Byte', version: 1 }));
      await expect400(
        'a NUL byte in a comment',
        member.client.post(`/api/tasks/${task.id}/comments`, { body: 'Null\u0000Byte' }),
      );
      for (const query of [
        'limit=abc',
        'archived=vielleicht',
        `q=${'x'.repeat(201)}`,
        'groupId=kaputt',
        `cursor=${'A'.repeat(301)}`,
        `label=${'x'.repeat(41)}`,
      ]) {
        await expect400(`GET /api/tasks?${query}`, member.client.get(`/api/tasks?${query}`));
        await expect400(`GET /api/tasks/export?${query}`, member.client.get(`/api/tasks/export?${query}`));
      }
      expect(failures).toEqual([]);
      // A search of control characters only has no word to look for: nothing found, no error.
      const nul = await member.client.get('/api/tasks?q=%00');
      expect([nul.status, nul.body.items]).toEqual([200, []]);
      expect(await taskRow(task.id)).toMatchObject({ title: 'Robust', version: 1 });
      const { rows } = await api.pg.query(`SELECT count(*)::int AS n FROM task WHERE group_id = $1`, [group]);
      expect(rows[0].n).toBe(1);
    });
  });

  // ---------------------------------------------------------------------------------------------
  describe('CSV export', () => {
    it('exports the filtered list with German headers, semicolons and BOM, formulas neutralised', async () => {
      const group = await newGroup();
      const member = await newPerson('member', 'Clara Export');
      await putIn(group, member);
      await newTask(member, group, {
        title: '=HYPERLINK("http://example.org","Klick")',
        labels: ['Export'],
        assigneeIds: [member.id],
        dueDate: '2026-12-18',
        checklist: [{ text: 'a', done: true }, { text: 'b' }],
      });
      await newTask(member, group, {
        title: 'Zweite; mit "Anführungszeichen"',
        labels: ['Export'],
        priority: 'urgent',
      });
      await newTask(member, group, { title: 'Nicht im Export' });

      const response = await member.client.get(`/api/tasks/export?groupId=${group}&label=Export&sort=due`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/csv');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="aufgaben-[a-z0-9-]+\.csv"$/);
      // fetch's text() drops a BOM: read the bytes as they came.
      const raw = await fetch(`${api.url}/api/tasks/export?groupId=${group}&label=Export&sort=due`, {
        headers: { cookie: [...member.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      const bytes = Buffer.from(await raw.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      const [header, ...rows] = parse(text, { delimiter: ';', bom: true }) as string[][];
      expect(header).toEqual([
        'Titel',
        'Arbeitsgruppe',
        'Status',
        'Blockiert wegen',
        'Priorität',
        'Fällig am',
        'Zuständig',
        'Schlagwörter',
        'Checkliste',
        'Kommentare',
        'Zuletzt geändert',
        'Link',
      ]);
      expect(rows.map((r) => r[0])).toEqual([
        `'=HYPERLINK("http://example.org","Klick")`,
        'Zweite; mit "Anführungszeichen"',
      ]);
      expect(rows[0]).toEqual(
        expect.arrayContaining(['Offen', 'Normal', '18.12.2026', 'Clara Export', 'Export', '1/2', '0']),
      );
      expect(rows[1][4]).toBe('Dringend');
      expect(rows[0][11]).toMatch(/^\/aufgaben\/[0-9a-f-]{36}$/);
      expect((await member.client.get(`/api/tasks/export?groupId=${group}&sort=nope`)).status).toBe(400);
    });
  });
});
