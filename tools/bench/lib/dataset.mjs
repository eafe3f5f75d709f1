// Generates the tasks benchmark data set in SQL, set-based (INSERT … SELECT over generate_series),
// at QUALITY.md's scale: ten times the initiative's foreseeable size.

/** Sizes of the data set; the board and "Meine Aufgaben" sizes are what issue #5 asks for. */
export const SIZES = {
  people: 5000,
  groups: 60,
  tasks: 200_000,
  boardOpenTasks: 500,
  boardDoneTasks: 1500,
  mineOpenTasks: 200,
  mineDoneTasks: 300,
};

export const BOARD_GROUP = 'Bench-Board';
export const PERSON_BOARD = { email: 'bench-board@bench.example', name: 'Bench Sprecherin' };
export const PERSON_MINE = { email: 'bench-mine@bench.example', name: 'Bench Zuständig' };

const FIRST_NAMES = [
  'Anna',
  'Jonas',
  'Sabine',
  'Thomas',
  'Katrin',
  'Michael',
  'Julia',
  'Stefan',
  'Claudia',
  'Andreas',
  'Petra',
  'Markus',
  'Susanne',
  'Frank',
  'Heike',
  'Jens',
  'Nicole',
  'Uwe',
  'Sandra',
  'Matthias',
  'Birgit',
  'Torsten',
  'Kerstin',
  'Ralf',
  'Anja',
  'Sven',
  'Ines',
  'Dirk',
  'Silke',
  'René',
  'Franziska',
  'Paul',
  'Lena',
  'Felix',
  'Marie',
  'Lukas',
  'Sophie',
  'Tim',
  'Laura',
  'Jörg',
];
const LAST_NAMES = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Schäfer',
  'Koch',
  'Bauer',
  'Richter',
  'Klein',
  'Wolf',
  'Schröder',
  'Neumann',
  'Schwarz',
  'Zimmermann',
  'Braun',
  'Krüger',
  'Hofmann',
  'Hartmann',
  'Lange',
  'Schmitt',
  'Werner',
  'Schmitz',
  'Krause',
  'Meier',
  'Lehmann',
  'Schmid',
  'Schulze',
  'Maier',
  'Köhler',
  'Herrmann',
  'König',
  'Walter',
  'Mayer',
  'Huber',
];
const TITLE_OBJECTS = [
  'Datenschutzfolgenabschätzung',
  'Sensorstandorte',
  'Ratsbeschluss',
  'Ausschreibung Bürger-App',
  'Open-Data-Katalog',
  'Schnittstelle zum Geoportal',
  'Protokoll der Monatsrunde',
  'Kostenschätzung',
  'Pilotkommunen-Liste',
  'Glasfaser-Ausbauplan',
  'Bekanntmachungssatzung',
  'Zwillings-Demonstrator',
  'Workshop-Einladung',
  'Leistungsbeschreibung',
  'Bürgerbefragung',
  'Stadtentwicklungskonzept',
  'Parkraumsensorik',
  'LoRaWAN-Gateway',
  'Barrierefreiheitsprüfung',
  'Haushaltsanmeldung',
];
const TITLE_VERBS = [
  'abstimmen',
  'entwerfen',
  'prüfen',
  'einreichen',
  'überarbeiten',
  'vorstellen',
  'beauftragen',
  'nachfassen',
  'freigeben',
  'dokumentieren',
  'zusammenfassen',
  'terminieren',
];
const SENTENCES = [
  'Bitte mit der Kämmerei die Finanzierung für das nächste Haushaltsjahr klären.',
  'Die Ergebnisse der letzten Sitzung sind im Protokoll festgehalten.',
  'Abstimmung mit dem Landkreis steht noch aus; Rückmeldung bis Monatsende erbeten.',
  'Die Sensoren liefern seit Montag Messwerte an die **Datenplattform**.',
  'Entwurf liegt im gemeinsamen Ordner, Anmerkungen bitte als Kommentar.',
  'Der Datenschutzbeauftragte hat um eine kurze Stellungnahme gebeten.',
  'Für die Umsetzung werden zwei Pilotkommunen gesucht.',
  'Die Schnittstelle folgt dem Standard *OGC SensorThings API*.',
  'Termin mit dem Bauhof zur Montage der Gateways vereinbaren.',
  'Die Bekanntmachungen sollen künftig auch maschinenlesbar erscheinen.',
  '- Entwurf prüfen\n- Rückfragen sammeln\n- Ergebnis in der Runde vorstellen',
  'Die Kosten werden anteilig von den beteiligten Kommunen getragen.',
  'Barrierefreiheit nach BITV 2.0 ist von Anfang an mitzudenken.',
  'Ein Muster der Leistungsbeschreibung stellt die Koordinierungsstelle bereit.',
  'Die Rückmeldungen der Bürgerinnen und Bürger werden ausgewertet.',
  'Offene Fragen bitte bis zur nächsten Monatsrunde sammeln.',
];
/** Rare on purpose: the search scenario looks for the stem of these. */
const FUNDING_SENTENCE = 'Die Förderanträge für die zweite Phase müssen bis zum Stichtag beim Land vorliegen.';
const COMMENTS = [
  'Erledigt, Unterlagen liegen im Ordner.',
  'Ich kümmere mich bis Freitag darum.',
  'Rückfrage an die Kämmerei ist raus.',
  'Können wir das in der nächsten Runde besprechen?',
  'Der Landkreis hat zugestimmt.',
  'Bitte noch die Kostenschätzung ergänzen.',
  'Entwurf ist überarbeitet, bitte einmal drüberschauen.',
];
/** One comment in fifty mentions the funding applications (searched for). */
const FUNDING_COMMENT = 'Die Förderanträge der Pilotkommunen sind vollständig.';
const LABELS = [
  'Förderung',
  'Datenschutz',
  'Beschaffung',
  'Öffentlichkeitsarbeit',
  'Technik',
  'Recht',
  'Haushalt',
  'Pilot',
  'Veranstaltung',
  'Dokumentation',
];

/** A SQL text[] literal of JS strings. */
function textArray(values) {
  return `ARRAY[${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')}]::text[]`;
}

/**
 * Rows of `task` (with ids chosen up front) for a source relation `src(i, gid, status, archived)` plus random
 * columns; `search` is filled later together with the comments, as refreshSearch() would.
 */
function taskRowsSql(src) {
  const objects = TITLE_OBJECTS.length;
  const verbs = TITLE_VERBS.length;
  const sentences = SENTENCES.length;
  return `
    SELECT gen_random_uuid() AS id, s.gid AS group_id,
      CASE WHEN s.i % 50 = 0 THEN 'Förderantrag ' || (${textArray(TITLE_OBJECTS)})[1 + s.i % ${objects}] || ' ' || (${textArray(TITLE_VERBS)})[1 + (s.i / ${objects}) % ${verbs}]
           ELSE (${textArray(TITLE_OBJECTS)})[1 + s.i % ${objects}] || ' ' || (${textArray(TITLE_VERBS)})[1 + (s.i / ${objects}) % ${verbs}] END AS title,
      (${textArray(SENTENCES)})[1 + s.i % ${sentences}]
        || CASE WHEN s.i % 40 = 7 THEN E'\\n\\n' || '${FUNDING_SENTENCE}' ELSE '' END
        || CASE WHEN s.i % 3 = 0 THEN E'\\n\\n' || (${textArray(SENTENCES)})[1 + (s.i / ${sentences}) % ${sentences}] ELSE '' END AS description,
      s.status,
      CASE WHEN s.status = 'blocked' THEN 'Wartet auf die Freigabe der Kämmerei.' END AS blocked_reason,
      CASE WHEN s.rp < 0.15 THEN 1 WHEN s.rp < 0.75 THEN 2 WHEN s.rp < 0.93 THEN 3 ELSE 4 END AS priority,
      CASE WHEN s.rd < 0.3 THEN NULL ELSE current_date + ((s.rd - 0.3) / 0.7 * 540 - 360)::int END AS due_date,
      CASE WHEN s.rl < 0.4 THEN '{}'::text[]
           WHEN s.rl < 0.8 THEN ARRAY[(${textArray(LABELS)})[1 + s.i % 10]]
           ELSE ARRAY[(${textArray(LABELS)})[1 + s.i % 10], (${textArray(LABELS)})[1 + (s.i % 10 + 1 + (s.i / 10) % 9) % 10]] END AS labels,
      CASE WHEN s.rc < 0.5 THEN '[]'::jsonb ELSE (
        SELECT jsonb_agg(jsonb_build_object('id', gen_random_uuid(), 'text', 'Schritt ' || k, 'done', k <= s.i % 3) ORDER BY k)
          FROM generate_series(1, 1 + s.i % 5) k) END AS checklist,
      s.i::double precision AS rank,
      s.created_at,
      CASE WHEN s.status = 'done' THEN s.created_at + s.rx * (now() - s.created_at) END AS completed_at,
      CASE WHEN s.archived THEN now() - s.rx * interval '60 days' END AS archived_at
    FROM (
      SELECT src.*, random() AS rp, random() AS rd, random() AS rl, random() AS rc, random() AS rx,
             now() - random() * interval '730 days' AS created_at
        FROM (${src}) src
    ) s`;
}

/** Status mix of the general tasks: most done, as in a portal used for years. */
const STATUS_MIX = `CASE WHEN r < 0.70 THEN 'done' WHEN r < 0.85 THEN 'open' WHEN r < 0.95 THEN 'in_progress' ELSE 'blocked' END`;

/**
 * The steps, in order: [description, SQL]. Run in one session (setseed makes the random
 * choices repeatable; parallel workers would not share the seed).
 */
export function datasetSteps() {
  const others = SIZES.groups - 6 - 1;
  const regularPeople = SIZES.people - 2;
  const general = SIZES.tasks - SIZES.boardOpenTasks - SIZES.boardDoneTasks;
  return [
    ['session settings', `SET max_parallel_workers_per_gather = 0; SELECT setseed(0.42)`],
    [
      'municipalities become members',
      `UPDATE organization SET membership_status = 'active', membership_changed_at = now() - interval '400 days'
        WHERE kind IN ('city', 'municipality')`,
    ],
    [
      `${SIZES.people} people`,
      `INSERT INTO account (email, name, organization_id, role, status, version, privacy_accepted_at, created_at, updated_at)
       SELECT 'person' || n || '@bench.example',
              (${textArray(FIRST_NAMES)})[1 + n % ${FIRST_NAMES.length}] || ' ' || (${textArray(LAST_NAMES)})[1 + (n / ${FIRST_NAMES.length} + n) % ${LAST_NAMES.length}],
              o.ids[1 + (n * 7919) % o.cnt], 'member', 'active', 1, now(), now() - interval '500 days', now()
         FROM generate_series(1, ${regularPeople}) n,
              (SELECT array_agg(id ORDER BY ags) AS ids, count(*)::int AS cnt FROM organization) o;
       INSERT INTO account (email, name, organization_id, role, status, version, privacy_accepted_at)
       SELECT e.email, e.name, (SELECT id FROM organization ORDER BY ags LIMIT 1), 'member', 'active', 1, now()
         FROM (VALUES ('${PERSON_BOARD.email}', '${PERSON_BOARD.name}'), ('${PERSON_MINE.email}', '${PERSON_MINE.name}')) e(email, name)`,
    ],
    [
      `${SIZES.groups - 6} more groups (6 seeded)`,
      `INSERT INTO working_group (kind, number, name, short_name, description, phase, version)
       SELECT 'pilot_project', NULL, 'Projektgruppe ' || lpad(n::text, 2, '0'), 'PG ' || lpad(n::text, 2, '0'),
              'Generiert für den Benchmark.', 'Phase 2 (2024/25)', 1
         FROM generate_series(1, ${others}) n;
       INSERT INTO working_group (kind, number, name, short_name, description, phase, version)
       VALUES ('other', NULL, '${BOARD_GROUP}', '${BOARD_GROUP}', 'Die Gruppe des Board-Szenarios.', NULL, 1)`,
    ],
    [
      'group memberships (each person in 1–3 groups)',
      `CREATE TEMP TABLE bench_groups AS
         SELECT row_number() OVER (ORDER BY number NULLS LAST, name) - 1 AS gi, id
           FROM working_group WHERE name <> '${BOARD_GROUP}';
       INSERT INTO group_membership (group_id, account_id, role, status, joined_at)
       SELECT g.id, a.id, CASE WHEN j = 0 AND a.n % 40 = 0 THEN 'lead' ELSE 'member' END, 'active', now() - interval '300 days'
         FROM (SELECT id, substring(email FROM 'person(\\d+)@')::int AS n FROM account WHERE email LIKE 'person%') a
         CROSS JOIN LATERAL generate_series(0, a.n % 3) j
         JOIN bench_groups g ON g.gi = (a.n * 7 + j * 13) % ${others + 6};
       INSERT INTO group_membership (group_id, account_id, role, status, joined_at)
       SELECT (SELECT id FROM working_group WHERE name = '${BOARD_GROUP}'), a.id,
              CASE WHEN a.n % 330 = 0 THEN 'lead' ELSE 'member' END, 'active', now() - interval '200 days'
         FROM (SELECT id, substring(email FROM 'person(\\d+)@')::int AS n FROM account WHERE email LIKE 'person%') a
        WHERE a.n % 33 = 0;
       -- The board person: a member of the board's group and of UAG 1 (the biggest group).
       INSERT INTO group_membership (group_id, account_id, role, status, joined_at)
       SELECT g.id, (SELECT id FROM account WHERE email = '${PERSON_BOARD.email}'), 'member', 'active', now()
         FROM working_group g WHERE g.name = '${BOARD_GROUP}' OR g.number = 1`,
    ],
    [
      `${general.toLocaleString('en')} tasks over 59 groups (skewed: UAG 1 largest)`,
      `CREATE TEMP TABLE bench_task AS ${taskRowsSql(`
         SELECT i, g.id AS gid, ${STATUS_MIX.replaceAll('r <', 'x.r <')} AS status, i % 97 = 0 AS archived
           FROM (SELECT i, random() AS r, least(${others + 5}, floor(${others + 6} * power(random(), 1.8)))::int AS gi
                   FROM generate_series(1, ${general}) i) x
           JOIN bench_groups g ON g.gi = x.gi`)}`,
    ],
    [
      `board group: ${SIZES.boardOpenTasks} open + ${SIZES.boardDoneTasks} done tasks`,
      `INSERT INTO bench_task ${taskRowsSql(`
         SELECT ${general} + i AS i, (SELECT id FROM working_group WHERE name = '${BOARD_GROUP}') AS gid,
                CASE WHEN i > ${SIZES.boardOpenTasks} THEN 'done' WHEN i % 10 < 5 THEN 'open' WHEN i % 10 < 8 THEN 'in_progress' ELSE 'blocked' END AS status,
                false AS archived
           FROM generate_series(1, ${SIZES.boardOpenTasks + SIZES.boardDoneTasks}) i`)}`,
    ],
    [
      'assignees (1–2 group members per task)',
      `CREATE TEMP TABLE bench_members AS
         SELECT group_id, array_agg(account_id ORDER BY account_id) AS ids, count(*)::int AS n
           FROM group_membership WHERE status = 'active' GROUP BY group_id;
       CREATE TEMP TABLE bench_assignee AS
         SELECT DISTINCT ON (task_id, account_id) task_id, account_id, assigned_at FROM (
           SELECT t.id AS task_id, m.ids[1 + floor(random() * m.n)::int] AS account_id, t.created_at AS assigned_at
             FROM bench_task t JOIN bench_members m USING (group_id)
           UNION ALL
           SELECT t.id, m.ids[1 + floor(random() * m.n)::int], t.created_at
             FROM bench_task t JOIN bench_members m USING (group_id) WHERE random() < 0.4) x`,
    ],
    [
      `Meine Aufgaben person: ${SIZES.mineOpenTasks} open + ${SIZES.mineDoneTasks} done tasks in 4 groups`,
      `INSERT INTO group_membership (group_id, account_id, role, status, joined_at)
       SELECT g.id, (SELECT id FROM account WHERE email = '${PERSON_MINE.email}'), 'member', 'active', now()
         FROM bench_groups g WHERE g.gi IN (0, 1, 2, 6);
       INSERT INTO bench_assignee (task_id, account_id, assigned_at)
       SELECT x.id, (SELECT id FROM account WHERE email = '${PERSON_MINE.email}'), x.created_at
         FROM (SELECT t.id, t.status, t.created_at,
                      row_number() OVER (PARTITION BY t.group_id, t.status = 'done' ORDER BY random()) AS rn
                 FROM bench_task t JOIN bench_groups g ON g.id = t.group_id
                WHERE g.gi IN (0, 1, 2, 6) AND t.archived_at IS NULL) x
        WHERE (x.status <> 'done' AND x.rn <= ${SIZES.mineOpenTasks / 4})
           OR (x.status = 'done' AND x.rn <= ${SIZES.mineDoneTasks / 4})`,
    ],
    [
      'comments (a quarter of the tasks, 1–3 each)',
      `CREATE TEMP TABLE bench_comment AS
         SELECT gen_random_uuid() AS id, t.id AS task_id, m.ids[1 + floor(random() * m.n)::int] AS author_id,
                CASE WHEN random() < 0.02 THEN '${FUNDING_COMMENT}'
                     ELSE (${textArray(COMMENTS)})[1 + floor(random() * ${COMMENTS.length})::int] END AS body,
                t.created_at + random() * (now() - t.created_at) AS created_at
           FROM (SELECT id, group_id, created_at, 1 + floor(random() * 3)::int AS nc FROM bench_task WHERE random() < 0.25) t
           JOIN bench_members m USING (group_id)
           CROSS JOIN LATERAL generate_series(1, t.nc) k`,
    ],
    [
      'insert tasks with their German search vector (as refreshSearch builds it)',
      `INSERT INTO task (id, group_id, title, description, status, blocked_reason, priority, due_date, labels, checklist,
                         rank, search, created_by, completed_at, archived_at, version, created_at, updated_at)
       SELECT t.id, t.group_id, t.title, t.description, t.status, t.blocked_reason, t.priority, t.due_date, t.labels,
              t.checklist, t.rank,
              setweight(to_tsvector('german', t.title), 'A')
                || setweight(to_tsvector('german', t.description), 'B')
                || setweight(to_tsvector('german', COALESCE(c.bodies, '')), 'C'),
              NULL, t.completed_at, t.archived_at, 1, t.created_at, GREATEST(t.created_at, t.completed_at, t.archived_at)
         FROM bench_task t
         LEFT JOIN (SELECT task_id, string_agg(body, ' ' ORDER BY created_at) AS bodies FROM bench_comment GROUP BY task_id) c
           ON c.task_id = t.id`,
    ],
    [
      'sessions (everyone signed in lately, plus ended ones)',
      `INSERT INTO session (token_hash, account_id, created_at, last_seen_at, expires_at, revoked_at, revoked_reason, user_agent, ip)
       SELECT encode(sha256(convert_to(gen_random_uuid()::text || k, 'UTF8')), 'hex'), a.id,
              now() - interval '2 hours', now() - random() * interval '50 minutes', now() + interval '10 hours',
              CASE WHEN k > 1 THEN now() - interval '1 day' END, CASE WHEN k > 1 THEN 'logout' END, 'Mozilla/5.0', '192.0.2.1'
         FROM account a CROSS JOIN generate_series(1, 3) k`,
    ],
    [
      'insert assignees and comments',
      `INSERT INTO task_assignee (task_id, account_id, assigned_at) SELECT task_id, account_id, assigned_at FROM bench_assignee;
       INSERT INTO task_comment (id, task_id, author_id, body, mentions, created_at)
       SELECT id, task_id, author_id, body, '{}', created_at FROM bench_comment;
       DROP TABLE bench_task, bench_assignee, bench_comment, bench_members, bench_groups`,
    ],
  ];
}

/** What the data set holds, for the report (and to check the generator did what it promises). */
export async function describeDataset(client) {
  const one = async (sql, params = []) => (await client.query(sql, params)).rows[0];
  const counts = await one(`SELECT
      (SELECT count(*) FROM organization WHERE kind IN ('city', 'municipality'))::int AS municipalities,
      (SELECT count(*) FROM account)::int AS people,
      (SELECT count(*) FROM working_group)::int AS groups,
      (SELECT count(*) FROM group_membership)::int AS memberships,
      (SELECT count(*) FROM task)::int AS tasks,
      (SELECT count(*) FROM task WHERE status = 'done')::int AS tasks_done,
      (SELECT count(*) FROM task WHERE due_date IS NULL)::int AS tasks_undated,
      (SELECT count(*) FROM task_assignee)::int AS assignees,
      (SELECT count(*) FROM task_comment)::int AS comments,
      (SELECT count(*) FROM task WHERE search @@ to_tsquery('german', 'Förderantrag:*'))::int AS search_hits,
      pg_size_pretty(pg_total_relation_size('task')) AS task_size`);
  const board = await one(
    `SELECT g.id, count(*) FILTER (WHERE t.status <> 'done')::int AS open, count(*)::int AS total
       FROM working_group g JOIN task t ON t.group_id = g.id WHERE g.name = $1 GROUP BY g.id`,
    [BOARD_GROUP],
  );
  const big = await one(
    `SELECT g.id, g.name, count(*)::int AS total FROM working_group g JOIN task t ON t.group_id = g.id
      GROUP BY g.id, g.name ORDER BY count(*) DESC LIMIT 1`,
  );
  const mine = await one(
    `SELECT a.id, count(*) FILTER (WHERE t.status <> 'done')::int AS open, count(DISTINCT t.group_id)::int AS groups
       FROM account a JOIN task_assignee ta ON ta.account_id = a.id JOIN task t ON t.id = ta.task_id
      WHERE a.email = $1 GROUP BY a.id`,
    [PERSON_MINE.email],
  );
  const boardPerson = await one(`SELECT id FROM account WHERE email = $1`, [PERSON_BOARD.email]);
  return { counts, board, big, mine, boardPersonId: boardPerson.id };
}
