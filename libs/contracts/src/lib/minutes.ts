/** Minutes move Entwurf → In Abstimmung → Freigegeben; a released version is locked. */
export const MINUTES_STATUSES = ['draft', 'in_review', 'released'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

/** Typed entries under an agenda item: Information, Beschluss, Aufgabe (action item). */
export const MINUTES_ENTRY_KINDS = ['information', 'decision', 'action_item'] as const;
export type MinutesEntryKind = (typeof MINUTES_ENTRY_KINDS)[number];

/** Who may read released minutes: the host group (or the invitees without one), or the whole initiative. */
export const MINUTES_PUBLISH_LEVELS = ['group', 'initiative'] as const;
export type MinutesPublishLevel = (typeof MINUTES_PUBLISH_LEVELS)[number];

/** Limits shared by the api's validation and the web's forms. */
export const MINUTES_LIMITS = {
  notes: 20_000,
  entryText: 5_000,
  entries: 200,
  comment: 5_000,
  changeNote: 500,
  reviewDaysMax: 60,
} as const;
