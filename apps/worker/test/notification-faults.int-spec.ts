import { randomUUID } from 'node:crypto';
import { Test, TestingModule } from '@nestjs/testing';
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AccountsService, CLI_ORIGIN, TotpService } from '@srp/server/identity';
import { DigestHandler, ReminderSweepHandler } from '@srp/server/notifications';
import {
  AppConfig,
  JOB_SCHEDULES,
  JobName,
  JobQueueService,
  JobWorkerService,
  MailReconcileHandler,
  QueueName,
} from '@srp/server/platform';
import {
  berlinDate,
  CaughtMail,
  clearRedisPrefix,
  freePort,
  RedisServerProcess,
  RunningProcess,
  SmtpCatcher,
  SmtpCatcherOptions,
  startBuiltApp,
  startRedisServer,
  TestHttpClient,
  TestPerson,
  testConfig,
  useApiHarness,
  waitFor,
} from '@srp/server/testing';
// The api harness (people, sessions) runs the api in-process; the faults hit the built processes.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createApiApp } from '../../api/src/app/create-api-app';
import { WorkerModule } from '../src/app/app.module';

// Tests read arbitrary JSON bodies and rows.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Clean-up steps (of one test, or of a describe block's shared processes), run last first. */
type Scope = Array<() => Promise<unknown>>;

/** A person who only receives (an active account without a password: never signs in). */
interface Recipient {
  id: string;
  email: string;
}

/** What the invariant check found (also the numbers a failing assertion is read against). */
interface DeliveryReport {
  reminders: number;
  personal: number;
  emails: number;
  sent: number;
  uncertain: string[];
  failed: string[];
  caught: number;
}

const FAST = { NOTIFY_BATCH_SECONDS: '1', REMINDER_SWEEP_MS: '300' };
const SCHEDULE_IDS = JOB_SCHEDULES.map((s) => s.id).sort();
const CRON_SCHEDULE_IDS = JOB_SCHEDULES.filter((s) => 'cron' in s).map((s) => s.id);

/**
 * The fault matrix of QUALITY.md for reminders and notifications (issue #7), with the built
 * worker and api as real processes, real PostgreSQL, real Redis and a real SMTP catcher. Every
 * scenario ends with the same invariant check (`verifyDelivered`): nothing lost (every due
 * reminder of the scenario is `done`, or `skipped` for a quiet reason the scenario expects; every
 * fan-out row has all its children), in-app exactly once (one `notification` per delivered
 * personal reminder), and e-mail duplicates only where logged as uncertain (per outbox row, by its
 * stable Message-ID: `sent` was caught exactly once, `uncertain` at most once, `failed` never; per
 * recipient: caught mails minus intended ones ≤ that person's uncertain rows).
 *
 * Where the real thresholds are too slow for a test, the test says so where it shortens them:
 * - kill -9: the mail reconciler flags `sending` rows after 10 min; the test runs the worker's
 *   own MailReconcileHandler in-process (a WorkerModule that consumes no jobs) with threshold 0
 *   right after the kill, before a new worker starts, so only the dead worker's rows can be in
 *   `sending` then.
 * - Redis restarted empty: the reconcilers re-drive rows queued more than 30 s (reminders) or
 *   created more than 60 s ago (mails); the test moves those timestamps back by an hour ("the
 *   outage lasted longer") and lets the worker's re-created schedulers do the rest.
 *
 * Run alone with `npm run test:faults` (after `npm run build`).
 */
describe('notification faults (QUALITY.md fault matrix)', () => {
  const api = useApiHarness({
    createApiApp,
    identity: { AccountsService, TotpService, CLI_ORIGIN },
    label: 'Fehlertest',
    config: FAST,
  });
  const perTest: Scope = [];

  async function drain(scope: Scope): Promise<void> {
    while (scope.length) await (scope.pop() as () => Promise<unknown>)().catch(() => undefined);
  }

  afterEach(() => drain(perTest));
  // A process that finished starting only after its test timed out registered itself late.
  afterAll(() => drain(perTest));

  // ---------------------------------------------------------------------------------------------
  // Processes and servers
  // ---------------------------------------------------------------------------------------------

  async function catcher(options: SmtpCatcherOptions = {}, scope = perTest): Promise<SmtpCatcher> {
    const smtp = await new SmtpCatcher(options).start();
    scope.unshift(() => smtp.stop()); // servers stop after the processes that talk to them
    return smtp;
  }

  async function redisServer(port?: number): Promise<RedisServerProcess> {
    const redis = await startRedisServer(port);
    perTest.unshift(() => redis.kill());
    return redis;
  }

  /** One scenario's configuration: the file's database and secret, an own Redis prefix. */
  function scenarioConfig(overrides: Record<string, string>, scope = perTest): AppConfig {
    const config = testConfig({
      DATABASE_URL: api.config.DATABASE_URL,
      SECRET_KEY: api.config.SECRET_KEY,
      PUBLIC_URL: api.config.PUBLIC_URL,
      ...FAST,
      ...overrides,
    });
    scope.push(() => clearRedisPrefix(config.REDIS_PREFIX));
    return config;
  }

  async function startWorker(config: AppConfig, scope = perTest): Promise<RunningProcess> {
    const worker = await startBuiltApp('worker', config, 'worker started');
    scope.push(() => worker.stop('SIGTERM', 10_000));
    return worker;
  }

  async function startApi(config: AppConfig, scope = perTest): Promise<{ process: RunningProcess; url: string }> {
    const port = await freePort();
    const process = await startBuiltApp('api', config, 'api listening', { PORT: String(port) });
    scope.push(() => process.stop('SIGTERM', 10_000));
    return { process, url: `http://127.0.0.1:${port}` };
  }

  /**
   * Starts processes side by side. When one fails, it waits for the others first, so that every
   * process that did start has registered its clean-up before the test ends.
   */
  async function together<P extends readonly Promise<unknown>[]>(
    ...starts: P
  ): Promise<{ -readonly [K in keyof P]: Awaited<P[K]> }> {
    const results = await Promise.allSettled(starts);
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as {
      -readonly [K in keyof P]: Awaited<P[K]>;
    };
  }

  /**
   * The worker's services in this process without its job runtime (JobWorkerService replaced):
   * for calling reconcilers, digests and the sweep directly, and adding jobs; it consumes nothing.
   */
  async function workerServices(config: AppConfig): Promise<TestingModule> {
    const moduleRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot(config)] })
      .overrideProvider(JobWorkerService)
      .useValue({})
      .compile();
    moduleRef.useLogger(false);
    perTest.push(() => moduleRef.close());
    return moduleRef;
  }

  /** A client for another api process, signed in as the person (sessions live in PostgreSQL). */
  function signedIn(url: string, person: TestPerson): TestHttpClient {
    const client = new TestHttpClient(url);
    for (const [name, value] of person.client.cookies) client.cookies.set(name, value);
    return client;
  }

  /** The scheduler ids in Redis, over all queues (duplicates kept, to be counted). */
  async function schedulerIds(config: AppConfig): Promise<string[]> {
    const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
    connection.on('error', () => undefined);
    try {
      const ids: string[] = [];
      for (const name of Object.values(QueueName)) {
        const queue = new Queue(name, { connection, prefix: config.REDIS_PREFIX });
        ids.push(...(await queue.getJobSchedulers()).map((s) => s.key));
        await queue.close();
      }
      return ids.sort();
    } finally {
      connection.disconnect();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Data
  // ---------------------------------------------------------------------------------------------

  async function dbNow(): Promise<Date> {
    const { rows } = await api.pg.query(`SELECT now() AS now`);
    return rows[0].now;
  }

  async function recipients(count: number): Promise<Recipient[]> {
    const emails = Array.from({ length: count }, () => `fehlertest-empfang${api.next()}@example.org`);
    const { rows } = await api.pg.query(
      `INSERT INTO account (email, name, role, status, version)
       SELECT e, 'Empfang ' || split_part(e, '@', 1), 'member', 'active', 1 FROM unnest($1::text[]) AS e
       RETURNING id, email`,
      [emails],
    );
    return rows;
  }

  async function joinGroup(groupId: string, people: Array<{ id: string }>): Promise<void> {
    await api.pg.query(
      `INSERT INTO group_membership (group_id, account_id, role, status, joined_at)
       SELECT $1, p, 'member', 'active', now() FROM unnest($2::uuid[]) AS p`,
      [groupId, people.map((p) => p.id)],
    );
  }

  /** Personal reminders due now, written as the planner would ("your join request was approved"). */
  async function dueDecisions(people: Recipient[], perPerson: number, groupId: string): Promise<string[]> {
    const { rows } = await api.pg.query(
      `INSERT INTO reminder (kind, account_id, subject_type, subject_id, due_at, dedupe_key, payload)
       SELECT 'group_join_decided', p, 'group', $2, now(), 'fehlertest:' || gen_random_uuid(), '{"approved": true}'
         FROM unnest($1::uuid[]) AS p, generate_series(1, $3::int)
       RETURNING id`,
      [people.map((p) => p.id), groupId, perPerson],
    );
    return rows.map((r: Json) => r.id);
  }

  async function outboxOf(reminderId: string): Promise<Json> {
    const { rows } = await api.pg.query(`SELECT * FROM mail_outbox WHERE dedupe_key = $1`, [`reminder:${reminderId}`]);
    return rows[0];
  }

  function meetingFields(fields: Record<string, unknown>): Record<string, unknown> {
    return {
      kind: 'sonstiges',
      title: `Runde ${api.next()}`,
      format: 'online',
      onlineUrl: 'https://konferenz.example.org/raum/7',
      date: berlinDate(14),
      startTime: '10:00',
      endTime: '11:00',
      ...fields,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Waiting and the invariant
  // ---------------------------------------------------------------------------------------------

  /**
   * The scenario's outbox rows: joined through its reminders (created_at may be moved back); a
   * reminder's own mail has the key `reminder:<id>`, mails to meeting guests `reminder:<id>:guest:<id>`.
   */
  const SCENARIO_OUTBOX = `mail_outbox o JOIN reminder r
      ON o.dedupe_key = 'reminder:' || r.id::text OR o.dedupe_key LIKE 'reminder:' || r.id::text || ':%'
   WHERE r.created_at >= $1`;

  /** Waits until nothing of the scenario is due-and-planned (batch windows included), queued or being sent. */
  async function settle(since: Date, timeoutMs = 30_000): Promise<void> {
    await waitFor(
      'every due reminder and its e-mail to be processed',
      async () => {
        const { rows } = await api.pg.query(
          `SELECT (SELECT count(*)::int FROM reminder WHERE created_at >= $1
                     AND (status = 'queued' OR (status = 'planned' AND due_at <= now() + interval '3 seconds'))) AS r,
                  (SELECT count(*)::int FROM ${SCENARIO_OUTBOX} AND o.status IN ('queued', 'sending', 'retrying')) AS m`,
          [since],
        );
        return rows[0].r === 0 && rows[0].m === 0;
      },
      timeoutMs,
      100,
    );
  }

  /**
   * The invariant of every fault test, over the reminders created since `since` and the mails
   * `caught` by the scenario's SMTP catchers. `quiet`: the skip outcomes the scenario expects;
   * `failed`: how many outbox rows may be `failed` (a permanent SMTP refusal).
   */
  async function verifyDelivered(
    since: Date,
    caught: CaughtMail[],
    options: { quiet?: string[]; failed?: number } = {},
  ): Promise<DeliveryReport> {
    const { rows: reminders } = await api.pg.query(
      `SELECT r.id, r.kind, r.account_id, r.status, r.outcome, r.parent_id, r.due_at <= now() AS due, a.email
         FROM reminder r LEFT JOIN account a ON a.id = r.account_id WHERE r.created_at >= $1`,
      [since],
    );
    // Nothing lost: nothing still waiting, nothing given up on, skipped only for an expected quiet reason.
    const stuck = reminders.filter(
      (r: Json) => r.status === 'queued' || r.status === 'failed' || (r.status === 'planned' && r.due),
    );
    expect(stuck, 'due reminders neither delivered nor quiet').toEqual([]);
    for (const r of reminders.filter((x: Json) => x.status === 'skipped')) {
      expect(options.quiet ?? [], `${r.kind} reminder skipped as "${r.outcome}"`).toContain(r.outcome);
    }
    // A fan-out row has exactly the children its outcome names.
    for (const parent of reminders.filter((r: Json) => r.account_id === null && r.status === 'done')) {
      const count = Number(/^fanout:(\d+)$/.exec(parent.outcome ?? '')?.[1] ?? NaN);
      expect(
        reminders.filter((r: Json) => r.parent_id === parent.id),
        `children of ${parent.kind}`,
      ).toHaveLength(count);
    }

    // In-app exactly once: one notification per delivered personal reminder, to its person.
    const personal = reminders.filter((r: Json) => r.account_id !== null && r.status === 'done');
    const { rows: notifications } = await api.pg.query(
      `SELECT reminder_id, account_id FROM notification WHERE reminder_id = ANY($1::uuid[])`,
      [reminders.map((r: Json) => r.id)],
    );
    expect(notifications, 'one notification per delivered personal reminder').toHaveLength(personal.length);
    const notified = new Map(notifications.map((n: Json) => [n.reminder_id, n.account_id]));
    for (const r of personal) expect(notified.get(r.id), `notification of ${r.kind} ${r.id}`).toBe(r.account_id);

    // One outbox row per e-mail reminder, to the person's address (and none for the others).
    const emailed = personal.filter((r: Json) => r.outcome === 'email');
    const { rows: outbox } = await api.pg.query(
      `SELECT o.id, o.dedupe_key, o.recipient, o.status, o.attempts, o.last_error FROM ${SCENARIO_OUTBOX}`,
      [since],
    );
    const rowOf = new Map(outbox.map((o: Json) => [o.dedupe_key, o]));
    const own = reminders.filter((r: Json) => rowOf.has(`reminder:${r.id}`));
    expect(own.map((r: Json) => r.id).sort(), 'reminders with an e-mail').toEqual(
      emailed.map((r: Json) => r.id).sort(),
    );
    for (const r of emailed) expect((rowOf.get(`reminder:${r.id}`) as Json).recipient).toBe(r.email);

    // Caught mails by their stable Message-ID (<outbox id@host>).
    const caughtPerRow = new Map<string, number>();
    for (const mail of caught) {
      const id = /^<([^@>]+)@/.exec(mail.parsed.messageId ?? '')?.[1] ?? `unknown:${mail.parsed.messageId}`;
      caughtPerRow.set(id, (caughtPerRow.get(id) ?? 0) + 1);
    }
    const known = new Set(outbox.map((o: Json) => o.id));
    expect(
      [...caughtPerRow.keys()].filter((id) => !known.has(id)),
      'caught mails without an outbox row',
    ).toEqual([]);
    for (const o of outbox) {
      const n = caughtPerRow.get(o.id) ?? 0;
      if (o.status === 'sent') expect(n, `sent mail ${o.id} caught`).toBe(1);
      else if (o.status === 'uncertain') {
        expect(n, `uncertain mail ${o.id} caught`).toBeLessThanOrEqual(1);
        expect(o.last_error).toMatch(/unterbrochen/);
      } else if (o.status === 'failed') expect(n, `failed mail ${o.id} caught`).toBe(0);
      else expect.fail(`mail ${o.id} ended ${o.status}`);
    }
    const failed = outbox.filter((o: Json) => o.status === 'failed');
    expect(failed, 'failed mails').toHaveLength(options.failed ?? 0);

    // Per recipient (the fault matrix's wording): duplicates ≤ uncertain rows, nothing missing beyond them.
    const recipientsOf = new Set<string>(outbox.map((o: Json) => o.recipient));
    for (const address of recipientsOf) {
      const rows = outbox.filter((o: Json) => o.recipient === address);
      const intended = rows.filter((o: Json) => o.status !== 'failed').length;
      const uncertain = rows.filter((o: Json) => o.status === 'uncertain').length;
      const got = rows.reduce((sum: number, o: Json) => sum + (caughtPerRow.get(o.id) ?? 0), 0);
      expect(got - intended, `duplicates to ${address}`).toBeLessThanOrEqual(uncertain);
      expect(intended - got, `mails missing to ${address}`).toBeLessThanOrEqual(uncertain);
    }
    return {
      reminders: reminders.length,
      personal: personal.length,
      emails: emailed.length,
      sent: outbox.filter((o: Json) => o.status === 'sent').length,
      uncertain: outbox.filter((o: Json) => o.status === 'uncertain').map((o: Json) => o.id),
      failed: failed.map((o: Json) => o.id),
      caught: caught.length,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // The fault matrix
  // ---------------------------------------------------------------------------------------------

  it('worker kill -9 mid-delivery: a new worker delivers the rest, in-app once, duplicates only where uncertain', async () => {
    const since = await dbNow();
    // The first SMTP server holds every message 4 s, so several sends are in flight at the kill.
    const slow = await catcher({ delayMs: 4_000 });
    const fast = await catcher();
    const config = scenarioConfig({ SMTP_URL: slow.url });
    const first = await startWorker(config);
    const people = await recipients(10);
    const group = await api.newGroup();
    const ids = await dueDecisions(people, 3, group);
    expect(ids).toHaveLength(30);

    // Kill while messages are held by the SMTP server (not while their bytes are still on the wire:
    // the catcher would see a half-received message): the latest send began at least 1 s ago
    // (time for its bytes even on a busy machine); the next ones begin only as earlier ones are
    // accepted, 4 s after they began.
    let started = slow.started;
    let startedChangedAt = Date.now();
    await waitFor(
      'mails being received while more are in flight',
      async () => {
        if (slow.started !== started) [started, startedChangedAt] = [slow.started, Date.now()];
        if (slow.messages.length < 5 || slow.started <= slow.messages.length) return false;
        if (Date.now() - startedChangedAt < 1_000) return false;
        const { rows } = await api.pg.query(
          `SELECT count(*)::int AS n FROM reminder WHERE id = ANY($1::uuid[]) AND status <> 'done'`,
          [ids],
        );
        return rows[0].n === 0;
      },
      40_000,
      20,
    );
    expect(await first.stop('SIGKILL')).toBe('SIGKILL');
    const { rows: inFlight } = await api.pg.query(
      `SELECT o.id FROM ${SCENARIO_OUTBOX} AND o.status = 'sending' ORDER BY o.id`,
      [since],
    );
    expect(inFlight.length, 'mails in flight at the kill').toBeGreaterThan(0);

    // The reconcilers, with the crash window shortened to "now" (see the file comment).
    const services = await workerServices(config);
    const reconciled = await services
      .get(MailReconcileHandler)
      .reconcile({ pendingForSeconds: 0, sendingForSeconds: 0 });
    expect(reconciled.markedUncertain).toBe(inFlight.length);
    await services.get(ReminderSweepHandler).reconcile({ olderThanSeconds: 0 });

    // A new worker (another SMTP server, no delay) on the same Redis takes over the waiting jobs.
    await startWorker(scenarioConfig({ SMTP_URL: fast.url, REDIS_PREFIX: config.REDIS_PREFIX }));
    // Jobs active in the dead worker come back only through BullMQ's stalled check (30–60 s).
    await settle(since, 75_000);

    const report = await verifyDelivered(since, [...slow.messages, ...fast.messages]);
    expect(report.personal).toBe(30);
    expect(report.emails).toBe(30);
    expect(report.uncertain.sort()).toEqual(inFlight.map((r: Json) => r.id));
    expect(report.sent + report.uncertain.length).toBe(30);
    expect(fast.messages.length, 'the new worker sent what was left').toBeGreaterThan(0);
    for (const person of people) {
      const { rows } = await api.pg.query(`SELECT count(*)::int AS n FROM notification WHERE account_id = $1`, [
        person.id,
      ]);
      expect(rows[0].n).toBe(3);
    }
  }, 120_000);

  it('Redis restarted empty: the worker re-creates its schedulers and delivers every reminder once', async () => {
    const since = await dbNow();
    // A private redis-server: the shared one serves other test files at the same time.
    const redis = await redisServer();
    const smtp = await catcher({ delayMs: 600 });
    // Two mail jobs at a time against a slow server: most mails are still waiting in Redis when it dies.
    const config = scenarioConfig({ SMTP_URL: smtp.url, REDIS_URL: redis.url, MAIL_CONCURRENCY: '2' });
    const [worker, portal] = await together(startWorker(config), startApi(config));
    const lead = await api.newPerson('member');
    const members = await recipients(4);
    const group = await api.newGroup();
    await api.putIn(group, lead, 'lead');
    await joinGroup(group, members);
    const client = signedIn(portal.url, lead);

    const before = await client.post('/api/tasks', {
      groupId: group,
      title: 'Vor dem Ausfall',
      assigneeIds: members.map((m) => m.id),
    });
    expect(before.status, JSON.stringify(before.body)).toBe(201);
    await dueDecisions(members, 3, group);
    // Redis dies while mails wait in its queues.
    await waitFor(
      'mails waiting in Redis',
      async () => {
        if (smtp.messages.length < 1) return false;
        const { rows } = await api.pg.query(
          `SELECT count(*)::int AS n FROM ${SCENARIO_OUTBOX} AND o.status = 'queued'`,
          [since],
        );
        return rows[0].n >= 3;
      },
      20_000,
      20,
    );
    await redis.kill('SIGKILL');

    // The api keeps working without Redis: the reminder is a row in PostgreSQL.
    const startedAt = Date.now();
    const during = await client.post('/api/tasks', {
      groupId: group,
      title: 'Während des Ausfalls',
      assigneeIds: members.map((m) => m.id),
    });
    expect(during.status, JSON.stringify(during.body)).toBe(201);
    expect(Date.now() - startedAt, 'the api did not wait for Redis').toBeLessThan(3_000);

    await redisServer(redis.port);
    const restartedAt = Date.now();
    expect(await schedulerIds(config)).toEqual([]);
    // "The outage lasted longer than the reconcilers' thresholds" (see the file comment).
    await api.pg.query(
      `UPDATE reminder SET queued_at = queued_at - interval '1 hour' WHERE status = 'queued' AND created_at >= $1`,
      [since],
    );
    await api.pg.query(
      `UPDATE mail_outbox o SET created_at = o.created_at - interval '1 hour' FROM reminder r
        WHERE o.dedupe_key = 'reminder:' || r.id::text AND r.created_at >= $1 AND o.status IN ('queued', 'retrying')`,
      [since],
    );

    await waitFor(
      'the worker to re-create its schedulers (all of JOB_SCHEDULES: is dist/ up to date?)',
      async () => JSON.stringify(await schedulerIds(config)) === JSON.stringify(SCHEDULE_IDS),
      40_000,
      250,
    );
    expect(Date.now() - restartedAt).toBeLessThan(35_000);
    await settle(since, 40_000);
    expect(worker.child.exitCode, 'the worker survived the outage').toBeNull();

    const report = await verifyDelivered(since, smtp.messages);
    expect(report.uncertain).toEqual([]);
    for (const member of members) {
      const mails = smtp.to(member.email);
      expect(mails.some((m) => m.parsed.text?.includes('Vor dem Ausfall'))).toBe(true);
      expect(mails.some((m) => m.parsed.text?.includes('Während des Ausfalls'))).toBe(true);
      expect(mails.filter((m) => /^Sie sind jetzt Mitglied/.test(m.parsed.subject ?? ''))).toHaveLength(3);
    }
  }, 120_000);

  it('two workers and two api processes: no reminder twice, one scheduler per id, one digest per person and day', async () => {
    const since = await dbNow();
    const smtp = await catcher();
    const config = scenarioConfig({ SMTP_URL: smtp.url });
    const [one, two] = await together(startWorker(config), startWorker(config));
    const [first, second] = await together(startApi(config), startApi(config));
    const coordinator = await api.newPerson('coordinator');
    const lead = await api.newPerson('member');
    const members = await recipients(6);
    const group = await api.newGroup();
    await api.putIn(group, lead, 'lead');
    await joinGroup(group, members);
    const ids = members.map((m) => m.id);

    const created = await Promise.all([
      signedIn(first.url, lead).post('/api/tasks', { groupId: group, title: 'Über Api eins', assigneeIds: ids }),
      signedIn(second.url, lead).post('/api/tasks', {
        groupId: group,
        title: 'Über Api zwei',
        assigneeIds: ids.slice(0, 3),
      }),
      signedIn(second.url, lead).post('/api/tasks', {
        groupId: group,
        title: 'Bald überfällig',
        assigneeIds: ids.slice(0, 2),
        dueDate: berlinDate(5),
      }),
      signedIn(first.url, coordinator).post('/api/meetings', meetingFields({ invitedPersonIds: ids })),
      signedIn(second.url, coordinator).post(
        '/api/meetings',
        meetingFields({ invitedPersonIds: [...ids.slice(3), lead.id] }),
      ),
    ]);
    for (const response of created) expect(response.status, JSON.stringify(response.body)).toBe(201);
    // Volume for the two workers, and two more sweeps competing with the scheduled one.
    await dueDecisions(members, 4, group);
    const services = await workerServices(config);
    const sweep = services.get(ReminderSweepHandler);
    await Promise.all([sweep.sweep(), sweep.sweep()]);

    // Two digest runs at once, twice: in both workers (jobs) and in this process (concurrent calls).
    await api.pg.query(`UPDATE task SET due_date = $2::date WHERE id = $1`, [created[2].body.id, berlinDate(-2)]);
    const queues = services.get(JobQueueService);
    const digestJobs: Array<[JobName.DigestOverdue | JobName.DigestWeekly, string]> = [
      [JobName.DigestOverdue, 'fehlertest-overdue-1'],
      [JobName.DigestOverdue, 'fehlertest-overdue-2'],
      [JobName.DigestWeekly, 'fehlertest-weekly-1'],
      [JobName.DigestWeekly, 'fehlertest-weekly-2'],
    ];
    await Promise.all(digestJobs.map(([job, id]) => queues.add(job, {}, id)));
    const digests = services.get(DigestHandler);
    await Promise.all([digests.overdue(), digests.weekly(), digests.overdue(), digests.weekly()]);
    await waitFor('the digest jobs to run', async () => {
      const queue = queues.queue(QueueName.Notifications);
      const states = await Promise.all(digestJobs.map(async ([, id]) => (await queue.getJob(id))?.getState()));
      return states.every((s) => s === 'completed');
    });
    await settle(since, 40_000);

    const report = await verifyDelivered(since, smtp.messages, { quiet: ['quiet:nothing_this_week'] });
    expect(report.uncertain).toEqual([]);
    // One overdue digest per person and day, one weekly digest per person and week.
    const { rows: overdue } = await api.pg.query(
      `SELECT account_id, count(*)::int AS n FROM reminder WHERE kind = 'task_overdue' AND created_at >= $1 GROUP BY account_id`,
      [since],
    );
    expect(overdue.map((r: Json) => [r.account_id, r.n]).sort()).toEqual(
      ids
        .slice(0, 2)
        .map((id) => [id, 1])
        .sort(),
    );
    const { rows: weekly } = await api.pg.query(
      `SELECT count(*)::int AS rows, count(DISTINCT account_id)::int AS people,
              (SELECT count(*)::int FROM account WHERE status = 'active') AS active
         FROM reminder WHERE kind = 'weekly_digest' AND created_at >= $1`,
      [since],
    );
    expect(weekly[0].rows).toBe(weekly[0].people);
    expect(weekly[0].people).toBe(weekly[0].active);
    for (const member of members.slice(0, 2)) {
      expect(smtp.to(member.email).filter((m) => /überfällige Aufgabe/.test(m.parsed.subject ?? ''))).toHaveLength(1);
    }
    for (const member of members) {
      expect(smtp.to(member.email).filter((m) => /^Einladung:/.test(m.parsed.subject ?? ''))).toHaveLength(
        member === members[3] || member === members[4] || member === members[5] ? 2 : 1,
      );
    }

    // One scheduler per id, and at most one pending run per scheduler (exactly one per cron slot).
    expect(await schedulerIds(config)).toEqual(SCHEDULE_IDS);
    const pending = new Map<string, number>();
    for (const name of Object.values(QueueName)) {
      for (const job of await queues.queue(name).getJobs(['delayed', 'waiting', 'prioritized'])) {
        if (job.repeatJobKey) pending.set(job.repeatJobKey, (pending.get(job.repeatJobKey) ?? 0) + 1);
      }
    }
    for (const [id, count] of pending) expect(count, `pending runs of ${id}`).toBeLessThanOrEqual(1);
    for (const id of CRON_SCHEDULE_IDS) expect(pending.get(id), `next run of ${id}`).toBe(1);
    // Both workers took part.
    for (const worker of [one, two]) expect(worker.output()).toMatch(/mail sent/);
  }, 90_000);

  describe('with one worker and one api process', () => {
    const shared: Scope = [];
    let smtp: SmtpCatcher;
    let config: AppConfig;
    let portal: { url: string };

    beforeAll(async () => {
      smtp = await catcher({}, shared);
      config = scenarioConfig({ SMTP_URL: smtp.url }, shared);
      [, portal] = await together(startWorker(config, shared), startApi(config, shared));
    });

    afterAll(() => drain(shared));

    /** Where the shared catcher stands now: what it caught and started since then. */
    function mark(): { caught: () => CaughtMail[]; started: () => number } {
      const messages = smtp.messages.length;
      const started = smtp.started;
      return { caught: () => smtp.messages.slice(messages), started: () => smtp.started - started };
    }

    it('SMTP answering 4xx twice, then accepting: delivered on the third attempt, nothing lost', async () => {
      const since = await dbNow();
      const mails = mark();
      smtp.failNext(2, 451);
      const [person] = await recipients(1);
      const [reminderId] = await dueDecisions([person as Recipient], 1, await api.newGroup());

      const retrying = await waitFor('the first attempt to fail', async () => {
        const row = await outboxOf(reminderId as string);
        return row?.status === 'retrying' ? row : undefined;
      });
      expect(retrying.last_error).toMatch(/451|Try again/);
      // Backoff 5 s, then 10 s: about 15 s until the third attempt.
      const sent = await waitFor(
        'the mail to be delivered after the retries',
        async () => {
          const row = await outboxOf(reminderId as string);
          return row?.status === 'sent' ? row : undefined;
        },
        30_000,
        200,
      );
      expect(sent.attempts).toBe(3);
      expect(mails.started()).toBe(3);
      expect(mails.caught()).toHaveLength(1);
      await settle(since);
      const report = await verifyDelivered(since, mails.caught());
      expect([report.personal, report.sent]).toEqual([1, 1]);
    });

    it('SMTP answering 5xx: the mail is failed with the reason, not retried, and listed for admins', async () => {
      const since = await dbNow();
      const mails = mark();
      smtp.failNext(1, 550);
      const [person] = await recipients(1);
      const [reminderId] = await dueDecisions([person as Recipient], 1, await api.newGroup());

      const failed = await waitFor('the mail to be marked failed', async () => {
        const row = await outboxOf(reminderId as string);
        return row?.status === 'failed' ? row : undefined;
      });
      expect(failed.attempts).toBe(1);
      expect(failed.last_error).toMatch(/550|Mailbox unavailable/);
      // Not retried: BullMQ gave up for good, and the reconciler leaves failed rows alone.
      const services = await workerServices(config);
      const job = await waitFor('the job to be failed for good', async () => {
        const found = await services.get(JobQueueService).queue(QueueName.Mail).getJob(failed.id);
        return found && (await found.getState()) === 'failed' ? found : undefined;
      });
      expect(job.attemptsMade).toBe(1);
      await services.get(MailReconcileHandler).reconcile({ pendingForSeconds: 0 });
      await settle(since);
      expect((await outboxOf(reminderId as string)).attempts).toBe(1);
      expect(mails.started()).toBe(1);

      const admin = await api.newPerson('admin');
      const list = await admin.client.get('/api/admin/notifications/failed');
      expect(list.status).toBe(200);
      expect(list.body.items.find((i: Json) => i.id === failed.id)).toMatchObject({
        status: 'failed',
        recipient: (person as Recipient).email,
        attempts: 1,
        lastError: expect.stringMatching(/550/),
      });
      // The person still has the in-app notice; the mail waits for an admin's retry.
      const report = await verifyDelivered(since, mails.caught(), { failed: 1 });
      expect(report.failed).toEqual([failed.id]);
    });

    it('50 identical concurrent POST /api/tasks: one task, one reminder, one mail, one in-app notification', async () => {
      const since = await dbNow();
      const mails = mark();
      const author = await api.newPerson('member');
      const assignee = await api.newPerson('member');
      const group = await api.newGroup();
      await api.putIn(group, author);
      await api.putIn(group, assignee);
      const client = signedIn(portal.url, author);
      const title = `Doppelt abgeschickt ${api.next()}`;
      const key = randomUUID();

      const responses = await Promise.all(
        Array.from({ length: 50 }, () =>
          client.request('POST', '/api/tasks', {
            body: { groupId: group, title, assigneeIds: [assignee.id] },
            headers: { 'Idempotency-Key': key },
          }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
      const { rows: tasks } = await api.pg.query(`SELECT id FROM task WHERE title = $1`, [title]);
      expect(tasks).toHaveLength(1);
      expect(new Set(responses.map((r) => r.body.id))).toEqual(new Set([tasks[0].id]));
      const { rows: planned } = await api.pg.query(
        `SELECT payload FROM reminder WHERE kind = 'task_assigned' AND account_id = $1 AND created_at >= $2`,
        [assignee.id, since],
      );
      expect(planned).toHaveLength(1);
      expect(planned[0].payload.items.map((i: Json) => i.taskId)).toEqual([tasks[0].id]);

      await settle(since);
      const report = await verifyDelivered(since, mails.caught());
      expect([report.reminders, report.personal, report.sent]).toEqual([1, 1, 1]);
      expect(mails.caught().map((m) => m.parsed.subject)).toEqual([`Neue Aufgabe für Sie: ${title}`]);
      const inApp = await signedIn(portal.url, assignee).get('/api/notifications');
      expect(inApp.status).toBe(200);
      expect(inApp.body.items.map((n: Json) => [n.kind, n.link])).toEqual([
        ['task_assigned', `/aufgaben/${tasks[0].id}`],
      ]);
    });
  });
});
