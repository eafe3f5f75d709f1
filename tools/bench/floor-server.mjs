// The floor of the tasks benchmark: a minimal Node `http` server that answers the same questions as
// the api's read endpoints with one hand-written SQL query each through `pg`, and nothing else (no
// framework, no session, no access check, no logging). The api's throughput is reported as a ratio
// of this server's, measured in the same run on the same machine (QUALITY.md).
//
//   DATABASE_URL=postgres://… FLOOR_PORT=3391 node tools/bench/floor-server.mjs
import http from 'node:http';
import pg from 'pg';

const PORT = Number(process.env.FLOOR_PORT ?? 3391);
// The api's default pool size (DATABASE_POOL_SIZE), so both sides get the same database concurrency.
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.FLOOR_POOL_SIZE ?? 10),
});

// The fields a card or list row shows: the same information as the api's TaskSummaryDto.
const CARD = `t.id, t.group_id, g.name AS group_name, g.short_name AS group_short_name, t.title, t.status,
  t.blocked_reason, t.priority, t.due_date::text AS due_date, t.labels, t.rank, t.version, t.updated_at,
  jsonb_array_length(t.checklist) AS checklist_total,
  (SELECT count(*) FROM jsonb_array_elements(t.checklist) e WHERE (e->>'done')::boolean)::int AS checklist_done,
  (SELECT count(*) FROM task_comment c WHERE c.task_id = t.id)::int AS comment_count,
  (SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'organizationName', o.display_name) ORDER BY a.name)
     FROM task_assignee ta JOIN account a ON a.id = ta.account_id LEFT JOIN organization o ON o.id = a.organization_id
    WHERE ta.task_id = t.id) AS assignees`;

const QUERIES = {
  board: `(SELECT ${CARD} FROM task t JOIN working_group g ON g.id = t.group_id
            WHERE t.group_id = $1 AND t.archived_at IS NULL AND t.status <> 'done' ORDER BY t.status, t.rank)
          UNION ALL
          (SELECT ${CARD} FROM task t JOIN working_group g ON g.id = t.group_id
            WHERE t.group_id = $1 AND t.archived_at IS NULL AND t.status = 'done' ORDER BY t.completed_at DESC, t.id DESC LIMIT 50)`,
  mine: `SELECT ${CARD} FROM task_assignee me JOIN task t ON t.id = me.task_id JOIN working_group g ON g.id = t.group_id
          WHERE me.account_id = $1 AND t.archived_at IS NULL AND t.status <> 'done'
          ORDER BY COALESCE(t.due_date, 'infinity'::date), t.priority DESC, t.id LIMIT 500`,
  list: `SELECT ${CARD}, COALESCE(t.due_date, 'infinity'::date)::text AS k0 FROM task t JOIN working_group g ON g.id = t.group_id
          WHERE t.group_id = $1 AND t.archived_at IS NULL
          ORDER BY COALESCE(t.due_date, 'infinity'::date), t.id LIMIT 51`,
  listAfter: `SELECT ${CARD}, COALESCE(t.due_date, 'infinity'::date)::text AS k0 FROM task t JOIN working_group g ON g.id = t.group_id
          WHERE t.group_id = $1 AND t.archived_at IS NULL AND (COALESCE(t.due_date, 'infinity'::date), t.id) > ($2::date, $3::uuid)
          ORDER BY COALESCE(t.due_date, 'infinity'::date), t.id LIMIT 51`,
  counts: `SELECT count(*)::int AS open,
            count(*) FILTER (WHERE t.due_date < (now() AT TIME ZONE 'Europe/Berlin')::date)::int AS overdue
           FROM task_assignee me JOIN task t ON t.id = me.task_id
          WHERE me.account_id = $1 AND t.archived_at IS NULL AND t.status <> 'done'`,
  search: `SELECT ${CARD} FROM task t JOIN working_group g ON g.id = t.group_id
          WHERE (t.group_id IN (SELECT group_id FROM group_membership WHERE account_id = $1 AND status = 'active')
                 OR EXISTS (SELECT 1 FROM task_assignee x WHERE x.task_id = t.id AND x.account_id = $1))
            AND t.archived_at IS NULL AND t.search @@ to_tsquery('german', $2)
          ORDER BY COALESCE(t.due_date, 'infinity'::date), t.id LIMIT 51`,
};

function route(url) {
  const [, name, id] = url.pathname.split('/');
  switch (name) {
    case 'board':
    case 'mine':
    case 'counts':
      return [QUERIES[name], [id]];
    case 'list': {
      const after = url.searchParams.get('after');
      return after ? [QUERIES.listAfter, [id, ...after.split(',')]] : [QUERIES.list, [id]];
    }
    case 'search': {
      // Every word as a prefix of a stemmed word, as the api's germanPrefixQuery() builds it.
      const words = (url.searchParams.get('q') ?? '').match(/[\p{L}\p{N}]+/gu) ?? ['-'];
      return [QUERIES.search, [id, words.map((w) => `${w}:*`).join(' & ')]];
    }
    default:
      return null;
  }
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://floor');
  if (url.pathname === '/ready') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  const found = route(url);
  if (!found) {
    res.writeHead(404).end();
    return;
  }
  try {
    const { rows } = await pool.query(found[0], found[1]);
    const body = JSON.stringify(url.pathname.startsWith('/counts/') ? rows[0] : { items: rows });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    res.writeHead(500).end();
  }
});
server.keepAliveTimeout = 60_000;
server.listen(PORT, '127.0.0.1', () => console.log(`floor listening on http://127.0.0.1:${PORT}`));

const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
