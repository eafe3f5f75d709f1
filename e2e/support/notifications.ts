import { expect } from '@playwright/test';
import ICAL from 'ical.js';
import { ParsedMail } from 'mailparser';
import pg from 'pg';

/** The e2e database (see playwright.config.ts): same server as the tests, database `srp_e2e`. */
function e2eDatabaseUrl(): string {
  const url = new URL(process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = '/srp_e2e';
  return url.toString();
}

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A working group of its own for a journey (a pilot project, so it takes no UAG number), with
 * people in it as lead or member: precondition, as if coordination had set it up. Other journeys
 * share the e2e database, so a journey that counts tasks or members must not use theirs.
 */
export async function createGroup(
  name: string,
  shortName: string,
  people: Array<{ email: string; role: 'lead' | 'member' }>,
): Promise<string> {
  return withClient(async (client) => {
    const created = await client.query<{ id: string }>(
      `INSERT INTO working_group (kind, name, short_name, description, version)
       VALUES ('pilot_project', $1, $2, 'Für den Test der Benachrichtigungen.', 1) RETURNING id`,
      [name, shortName],
    );
    const groupId = created.rows[0]?.id;
    if (!groupId) throw new Error(`Could not create the group ${name}`);
    for (const { email, role } of people) {
      const added = await client.query(
        `INSERT INTO group_membership (group_id, account_id, role, status, joined_at)
         SELECT $1, a.id, $3, 'active', now() FROM account a WHERE a.email = $2`,
        [groupId, email, role],
      );
      if (added.rowCount !== 1) throw new Error(`Could not add ${email} to ${name}`);
    }
    return groupId;
  });
}

/** What a calendar client reads from the .ics attached to a mail (parsed with ical.js). */
export interface MailCalendar {
  method: string;
  uid: string;
  summary: string;
  /** DTSTART's time zone parameter. */
  startZone: string;
  /** DTSTART as written (local wall-clock time), e.g. "2026-12-07T14:00:00". */
  startLocal: string;
}

export function calendarOf(mail: ParsedMail): MailCalendar {
  const attachment = mail.attachments.find(
    (a) => a.filename?.endsWith('.ics') || a.contentType.startsWith('text/calendar'),
  );
  expect(attachment, `an .ics attached to "${mail.subject}"`).toBeTruthy();
  const calendar = new ICAL.Component(ICAL.parse(attachment?.content.toString('utf8') ?? ''));
  const event = calendar.getFirstSubcomponent('vevent');
  expect(event, 'a VEVENT in the .ics').toBeTruthy();
  const start = event?.getFirstProperty('dtstart');
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: String(event?.getFirstPropertyValue('uid') ?? ''),
    summary: String(event?.getFirstPropertyValue('summary') ?? ''),
    startZone: String(start?.getParameter('tzid') ?? ''),
    startLocal: String(start?.getFirstValue() ?? ''),
  };
}

/**
 * The link of the mail's footer that leads to the person's notification settings
 * (`…/benachrichtigungen/<signed token>`), from the plain-text part.
 */
export function settingsLinkOf(mail: ParsedMail): string {
  const link = /https?:\/\/\S+\/benachrichtigungen\/[A-Za-z0-9_.-]+/.exec(mail.text ?? '')?.[0];
  expect(link, `a settings link in "${mail.subject}"`).toBeTruthy();
  return link as string;
}
