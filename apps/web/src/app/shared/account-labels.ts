import { AccountStatus, PlatformRole } from '@srp/contracts';

/** How each platform role reads in the UI. */
export const ROLE_LABELS: Record<PlatformRole, string> = {
  admin: 'Administration',
  coordinator: 'Koordination',
  member: 'Mitglied',
};

/** How each account status reads in the UI. */
export const STATUS_LABELS: Record<AccountStatus, string> = {
  invited: 'Eingeladen',
  active: 'Aktiv',
  deactivated: 'Deaktiviert',
};
