import { Role, hasRole } from '../core/role.guard';

/** The roles that may open the administration, as the api and the route guard say. */
export const ADMINISTRATION_ROLES: readonly Role[] = ['admin', 'coordinator'];

/** One entry of the main navigation. */
export interface NavItem {
  /** Router path, absolute. */
  path: string;
  /** German label shown in the menu. */
  label: string;
  /** Material Symbols ligature; decorative, the label carries the meaning. */
  icon: string;
  /** One German sentence for the overview page. */
  description: string;
  /** Only these roles see the entry (the route has a roleGuard for the same roles); all when unset. */
  roles?: readonly Role[];
}

export const MAIN_NAV: readonly NavItem[] = [
  {
    path: '/',
    label: 'Übersicht',
    icon: 'home',
    description: 'Worum es im Portal geht und wo Sie was finden.',
  },
  {
    path: '/kommunen',
    label: 'Kommunen',
    icon: 'location_city',
    description: 'Die Kommunen Sachsen-Anhalts und ihre Mitgliedschaft in der Landesinitiative.',
  },
  {
    path: '/arbeitsgruppen',
    label: 'Arbeitsgruppen',
    icon: 'groups',
    description: 'Die Unterarbeitsgruppen (UAG) mit ihren Mitgliedern und Beschlüssen.',
  },
  {
    path: '/aufgaben',
    label: 'Aufgaben',
    icon: 'task_alt',
    description: 'Ihre Aufgaben aus den Arbeitsgruppen und Sitzungen.',
  },
  {
    path: '/termine',
    label: 'Termine',
    icon: 'calendar_month',
    description: 'Digitaltermine, UAG-Sitzungen und Workshops mit Protokollen.',
  },
  {
    path: '/beschluesse',
    label: 'Beschlüsse',
    icon: 'gavel',
    description: 'Alle Beschlüsse aus den Protokollen, durchsuchbar nach Gruppe, Zeitraum und Stichwort.',
  },
  {
    path: '/wissen',
    label: 'Wissen',
    icon: 'menu_book',
    description: 'Ergebnisse und Material der Landesinitiative.',
  },
  {
    path: '/verwaltung',
    label: 'Verwaltung',
    icon: 'admin_panel_settings',
    description: 'Mitglieder, Organisationen und Bilanz für die Koordination.',
    roles: ADMINISTRATION_ROLES,
  },
];

/** The entries of the main navigation the person may open. */
export function navItemsFor(role: Role | undefined): NavItem[] {
  return MAIN_NAV.filter((item) => hasRole(role, item.roles));
}

export const LEGAL_NAV: readonly Pick<NavItem, 'path' | 'label'>[] = [
  { path: '/impressum', label: 'Impressum' },
  { path: '/datenschutz', label: 'Datenschutz' },
  { path: '/barrierefreiheit', label: 'Barrierefreiheit' },
];
