/**
 * One template source for both parts of an e-mail: a template returns MailContent, and the
 * renderer turns the same blocks into HTML and plain text, so the two can never disagree.
 */
export type MailBlock =
  /** Level 1 (default) is the mail's title; level 2 heads a section within it. */
  | { kind: 'heading'; text: string; level?: 1 | 2 }
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
  /** Small links after the reason, e.g. to change or unsubscribe from this kind of mail. */
  footerLinks?: MailFooterLink[];
}

export interface MailFooterLink {
  label: string;
  url: string;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}
