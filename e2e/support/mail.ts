import { readFile, readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect } from '@playwright/test';
import { ParsedMail, simpleParser } from 'mailparser';

/** Where the e2e SMTP catcher (e2e/smtp-catcher.mjs) keeps every message the worker delivered. */
const MAIL_DIR = resolve(__dirname, '..', 'artifacts', 'smtp');

function recipients(mail: ParsedMail): string {
  const to = mail.to;
  return (Array.isArray(to) ? to : to ? [to] : []).map((address) => address.text).join(', ');
}

/**
 * Waits for the e-mail to `address` whose text contains a link to `path` (e.g. /einladung/),
 * as the worker delivers it, and answers that link. The body is quoted-printable; mailparser decodes it.
 */
export async function waitForMailLink(address: string, path: string): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s"<>]+${path.replace(/[/]/g, '\\/')}[A-Za-z0-9_-]+`);
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const files = await readdir(MAIL_DIR).catch(() => [] as string[]);
        for (const file of files.filter((f) => f.endsWith('.eml'))) {
          const raw = await readFile(resolve(MAIL_DIR, file));
          if (!raw.toString('utf8').toLowerCase().includes(address.toLowerCase())) {
            continue;
          }
          const mail = await simpleParser(raw);
          const found = recipients(mail).toLowerCase().includes(address.toLowerCase())
            ? (mail.text ?? '').match(pattern)?.[0]
            : undefined;
          if (found) {
            link = found;
            return true;
          }
        }
        return false;
      },
      { message: `an e-mail to ${address} with a link to ${path}`, timeout: 15_000, intervals: [250, 500, 1000] },
    )
    .toBe(true);
  return link as string;
}

/** Waits for an e-mail to `address` whose subject contains `subject`; answers the parsed mail. */
export async function waitForMail(address: string, subject: string): Promise<ParsedMail> {
  let found: ParsedMail | undefined;
  await expect
    .poll(
      async () => {
        const files = await readdir(MAIL_DIR).catch(() => [] as string[]);
        for (const file of files.filter((f) => f.endsWith('.eml'))) {
          const raw = await readFile(resolve(MAIL_DIR, file));
          if (!raw.toString('utf8').toLowerCase().includes(address.toLowerCase())) continue;
          const mail = await simpleParser(raw);
          if (recipients(mail).toLowerCase().includes(address.toLowerCase()) && mail.subject?.includes(subject)) {
            found = mail;
            return true;
          }
        }
        return false;
      },
      { message: `an e-mail to ${address} about "${subject}"`, timeout: 15_000, intervals: [250, 500, 1000] },
    )
    .toBe(true);
  return found as ParsedMail;
}
