// The SQL the api runs for the benchmarked endpoints, for EXPLAIN (ANALYZE, BUFFERS).
//
// The card columns (SUMMARY_COLUMNS and the Europe/Berlin date expressions) are read from the
// service's source at run time, so they cannot drift. The statements around them are copies of
// libs/server/tasks/src/queries/task-queries.service.ts and task-keyset.ts; each carries a
// `signature` (a fragment that must occur verbatim in those files) so that a change there is
// reported instead of silently explaining stale SQL.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const TASKS_SRC = 'libs/server/tasks/src';
const SOURCES = ['queries/task-queries.service.ts', 'queries/task-keyset.ts', 'access/task-standing.ts'];

const squash = (text) => text.replace(/\s+/g, ' ').trim();

/** The exported template-string constants of task-rows.ts, with ${…} references resolved. */
export function readRowConstants(root) {
  const source = readFileSync(join(root, TASKS_SRC, 'queries/task-rows.ts'), 'utf8');
  const constants = {};
  for (const match of source.matchAll(/export const (\w+) = `([^`]*)`;/g)) constants[match[1]] = match[2];
  const resolve = (text, depth = 0) =>
    text.replace(/\$\{(\w+)\}/g, (_, name) => {
      if (!(name in constants) || depth > 5) throw new Error(`task-rows.ts: cannot resolve \${${name}}`);
      return resolve(constants[name], depth + 1);
    });
  for (const name of ['BERLIN_TODAY', 'BERLIN_END_OF_WEEK', 'SUMMARY_COLUMNS']) {
    if (!constants[name]) throw new Error(`task-rows.ts: ${name} not found (has the file changed shape?)`);
  }
  return Object.fromEntries(Object.entries(constants).map(([k, v]) => [k, resolve(v)]));
}

/**
 * The statements, each with its parameters and the fragment of the source it was copied from.
 * `p` holds the concrete ids of the data set and the cursor of the list's second page.
 */
export function apiStatements(root, p) {
  const { SUMMARY_COLUMNS: COLS, BERLIN_TODAY: TODAY, BERLIN_END_OF_WEEK: END_OF_WEEK } = readRowConstants(root);
  const DUE = `COALESCE(t.due_date, 'infinity'::date)`;
  const listFrom = `FROM task t JOIN working_group g ON g.id = t.group_id WHERE`;
  const visible = `(t.group_id IN (SELECT group_id FROM group_membership WHERE account_id = $1 AND status = 'active')
          OR EXISTS (SELECT 1 FROM task_assignee x WHERE x.task_id = t.id AND x.account_id = $1))`;
  return [
    {
      endpoint: 'every request',
      name: 'session lookup (SessionGuard)',
      sql: `SELECT s.id, s.account_id, a.role, s.last_seen_at, s.second_factor_pending,
                a.totp_enabled_at IS NOT NULL AS totp_enabled, a.organization_id, a.is_contact
           FROM session s JOIN account a ON a.id = s.account_id
          WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
            AND s.last_seen_at > now() - make_interval(mins => $2) AND a.status = 'active'`,
      params: [p.tokenHash, 60],
      source: 'libs/server/identity/src/sessions/session.service.ts',
      signature: null,
    },
    {
      endpoint: 'board',
      name: 'role in the group (groupRoleOf, TypeORM findOneBy)',
      sql: `SELECT "GroupMembership"."id", "GroupMembership"."group_id", "GroupMembership"."account_id",
                "GroupMembership"."role", "GroupMembership"."status"
           FROM "group_membership" "GroupMembership"
          WHERE (("GroupMembership"."account_id" = $1) AND ("GroupMembership"."group_id" = $2) AND ("GroupMembership"."status" = $3))
          LIMIT 1`,
      params: [p.boardPersonId, p.boardGroupId, 'active'],
      signature: 'findOneBy(GroupMembership, { accountId, groupId, status: ',
    },
    {
      endpoint: 'board',
      name: 'open cards (per column, rank order, at most 500 each)',
      sql: `SELECT c.* FROM unnest(ARRAY['open', 'in_progress', 'blocked']) AS s(status)
           CROSS JOIN LATERAL (
             SELECT ${COLS} FROM task t JOIN working_group g ON g.id = t.group_id
              WHERE t.group_id = $1 AND t.archived_at IS NULL AND t.status = s.status
              ORDER BY t.rank, t.id LIMIT 500) c`,
      params: [p.boardGroupId],
      signature: `WHERE t.group_id = $1 AND t.archived_at IS NULL AND t.status = s.status ORDER BY t.rank, t.id LIMIT`,
    },
    {
      endpoint: 'board',
      name: 'done cards (completed last, 50)',
      sql: `SELECT ${COLS} FROM task t JOIN working_group g ON g.id = t.group_id
          WHERE t.group_id = $1 AND t.archived_at IS NULL AND t.status = 'done'
          ORDER BY t.completed_at DESC, t.id DESC LIMIT 50`,
      params: [p.boardGroupId],
      signature: `WHERE t.group_id = $1 AND t.archived_at IS NULL AND t.status = 'done' ORDER BY t.completed_at DESC, t.id DESC LIMIT`,
    },
    {
      endpoint: 'board',
      name: 'column counts',
      sql: `SELECT status, count(*)::int AS n FROM task WHERE group_id = $1 AND archived_at IS NULL GROUP BY status`,
      params: [p.boardGroupId],
      signature: `SELECT status, count(*)::int AS n FROM task WHERE group_id = $1 AND archived_at IS NULL GROUP BY status`,
    },
    {
      endpoint: 'board',
      name: 'labels in use',
      sql: `SELECT DISTINCT l FROM task t, unnest(t.labels) l WHERE t.group_id = $1 AND t.archived_at IS NULL`,
      params: [p.boardGroupId],
      signature: `SELECT DISTINCT l FROM task t, unnest(t.labels) l WHERE t.group_id = $1 AND t.archived_at IS NULL`,
    },
    {
      endpoint: 'board',
      name: 'members',
      sql: `SELECT a.id, a.name, o.display_name AS "organizationName"
         FROM group_membership m
         JOIN account a ON a.id = m.account_id AND a.status = 'active'
         LEFT JOIN organization o ON o.id = a.organization_id
        WHERE m.group_id = $1 AND m.status = 'active'
        ORDER BY a.name, a.id`,
      params: [p.boardGroupId],
      signature: `WHERE m.group_id = $1 AND m.status = 'active' ORDER BY a.name, a.id`,
    },
    {
      endpoint: 'board (largest group)',
      name: `column counts, ${p.bigGroupName}`,
      sql: `SELECT status, count(*)::int AS n FROM task WHERE group_id = $1 AND archived_at IS NULL GROUP BY status`,
      params: [p.bigGroupId],
      signature: `SELECT status, count(*)::int AS n FROM task WHERE group_id = $1 AND archived_at IS NULL GROUP BY status`,
    },
    {
      endpoint: 'board (largest group)',
      name: `labels in use, ${p.bigGroupName}`,
      sql: `SELECT DISTINCT l FROM task t, unnest(t.labels) l WHERE t.group_id = $1 AND t.archived_at IS NULL`,
      params: [p.bigGroupId],
      signature: `SELECT DISTINCT l FROM task t, unnest(t.labels) l WHERE t.group_id = $1 AND t.archived_at IS NULL`,
    },
    {
      endpoint: 'mine',
      name: 'Meine Aufgaben',
      sql: `SELECT ${COLS}
           FROM task_assignee me
           JOIN task t ON t.id = me.task_id
           JOIN working_group g ON g.id = t.group_id
          WHERE me.account_id = $1 AND t.archived_at IS NULL AND t.status <> 'done'
          ORDER BY ${DUE}, t.priority DESC, t.id
          LIMIT 500`,
      params: [p.minePersonId],
      signature: `WHERE me.account_id = $1 AND t.archived_at IS NULL AND t.status <> 'done' ORDER BY COALESCE(t.due_date, 'infinity'::date), t.priority DESC, t.id`,
    },
    {
      endpoint: 'mine, counts',
      name: 'counts (my open, overdue, due this week)',
      sql: `SELECT count(*)::int AS open,
              count(*) FILTER (WHERE t.due_date < ${TODAY})::int AS overdue,
              count(*) FILTER (WHERE t.due_date BETWEEN ${TODAY} AND ${END_OF_WEEK})::int AS due_this_week
         FROM task_assignee me JOIN task t ON t.id = me.task_id
        WHERE me.account_id = $1 AND t.archived_at IS NULL AND t.status <> 'done'`,
      params: [p.minePersonId],
      signature: `FROM task_assignee me JOIN task t ON t.id = me.task_id WHERE me.account_id = $1 AND t.archived_at IS NULL AND t.status <> 'done'`,
    },
    {
      endpoint: 'list page 1',
      name: 'group list sorted by due date, first page',
      sql: `SELECT ${COLS}, ${DUE}::text AS k0, t.id::text AS k1
          ${listFrom} t.group_id = $1 AND t.archived_at IS NULL
          ORDER BY ${DUE} ASC, t.id ASC LIMIT 51`,
      params: [p.bigGroupId],
      signature: `due: { parts: [DUE, ID], descending: false }`,
    },
    {
      endpoint: 'list page 2',
      name: 'group list sorted by due date, after the cursor',
      sql: `SELECT ${COLS}, ${DUE}::text AS k0, t.id::text AS k1
          ${listFrom} t.group_id = $1 AND t.archived_at IS NULL
          AND (${DUE}, t.id) > ($2::date, $3::uuid)
          ORDER BY ${DUE} ASC, t.id ASC LIMIT 51`,
      params: [p.bigGroupId, ...p.cursorValues],
      signature:
        "return `(${parts.map((p) => p.sql).join(', ')}) ${descending ? '<' : '>'} (${placeholders.join(', ')})`;",
    },
    {
      endpoint: 'search',
      name: 'full text "Förderantrag" over the groups a member sees',
      sql: `SELECT ${COLS}, ${DUE}::text AS k0, t.id::text AS k1
          ${listFrom} ${visible}
          AND t.archived_at IS NULL
          AND t.search @@ to_tsquery('german', $2)
          ORDER BY ${DUE} ASC, t.id ASC LIMIT 51`,
      // germanPrefixQuery('Förderantrag') in task-rows.ts: every word as a prefix of a stemmed word.
      params: [p.boardPersonId, 'Förderantrag:*'],
      signature: `AND t.search @@ to_tsquery('german', `,
    },
  ];
}

/** Statements whose signature no longer occurs in the service source (the copy may be stale). */
export function staleStatements(root, statements) {
  const source = squash(SOURCES.map((f) => readFileSync(join(root, TASKS_SRC, f), 'utf8')).join('\n'));
  return statements.filter((s) => s.signature && !source.includes(squash(s.signature))).map((s) => s.name);
}

const INDEX_USE = /(?:Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\S+)/g;
/** The tables whose lists must be served by an index (issue #5); other sequential scans are listed for information. */
const SEQ_ON_TASKS = /Seq Scan on (task|task_assignee|task_comment)\b/g;
const SEQ_ANY = /Seq Scan on (\w+)/g;

/** Index names a plan uses and the sequential scans of large tables it contains. */
export function planFacts(planText) {
  const indexes = [...new Set([...planText.matchAll(INDEX_USE)].map((m) => m[1]))];
  const seqScans = [...new Set([...planText.matchAll(SEQ_ON_TASKS)].map((m) => m[1]))];
  const otherSeqScans = [...new Set([...planText.matchAll(SEQ_ANY)].map((m) => m[1]))].filter(
    (t) => !seqScans.includes(t),
  );
  const time = /Execution Time: ([\d.]+) ms/.exec(planText)?.[1];
  const top = planText.split('\n').find((l) => /Buffers:/.test(l));
  return {
    indexes,
    seqScans,
    otherSeqScans,
    executionMs: time ? Number(time) : null,
    buffers: top ? top.trim().replace(/^Buffers: /, '') : '',
    jit: /\nJIT:/.test(planText),
  };
}

/**
 * The plan without the per-row subplans of the card columns (assignees, comment count, checklist),
 * which repeat for every statement: what decides whether a list is served by an index.
 */
export function abridgePlan(planText) {
  const lines = planText.split('\n');
  const out = [];
  let skipIndent = -1;
  for (const line of lines) {
    const indent = line.search(/\S/);
    if (skipIndent >= 0 && indent > skipIndent) continue;
    skipIndent = -1;
    if (/^\s*SubPlan \d+/.test(line)) {
      out.push(`${line.trimEnd()} (card columns, abridged)`);
      skipIndent = indent;
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}
