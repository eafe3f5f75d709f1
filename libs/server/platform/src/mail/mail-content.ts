/**
 * One template source for both parts of an e-mail: a template returns MailContent, and the
 * renderer turns the same blocks into HTML and plain text, so the two can never disagree.
 */
export type MailBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'button'; label: string; url: string }
  | { kind: 'facts'; rows: Array<[label: string, value: string]> };

export interface MailContent {
  subject: string;
  /** Shown by mail clients next to the subject. */
  preview: string;
  blocks: MailBlock[];
  /** Why the person receives this mail (shown small at the end). */
  reason: string;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}
