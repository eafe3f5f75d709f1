/** The audit actions the portal records, in German words; unknown ones are shown as recorded. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'auth.login': 'Anmeldung',
  'auth.login_failed': 'Fehlgeschlagene Anmeldung',
  'auth.logout': 'Abmeldung',
  'auth.logout_everywhere': 'Überall abgemeldet',
  'auth.session_ended': 'Sitzung beendet',
  'auth.second_factor_passed': 'Zwei-Faktor-Code bestätigt',
  'auth.second_factor_failed': 'Falscher Zwei-Faktor-Code',
  'auth.totp_enabled': 'Zwei-Faktor-Anmeldung eingerichtet',
  'auth.password_changed': 'Passwort geändert',
  'auth.password_reset': 'Passwort zurückgesetzt',
  'auth.password_reset_requested': 'Passwort-Zurücksetzen angefordert',
  'account.created': 'Konto angelegt',
  'account.invited': 'Einladung',
  'account.invitation_accepted': 'Einladung angenommen',
  'account.updated': 'Konto geändert',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}
