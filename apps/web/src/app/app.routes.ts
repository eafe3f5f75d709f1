import { Route } from '@angular/router';
import { authGuard, signedOutGuard } from './core/auth.guard';
import { roleGuard } from './core/role.guard';
import { LegalPageId } from './core/site-content.service';
import { ADMINISTRATION_ROLES } from './shell/nav-items';

const loadLegalPage = () => import('./pages/legal/legal-page').then((m) => m.LegalPage);

function legalRoute(page: LegalPageId, title: string): Route {
  return {
    path: page,
    title,
    // Bound to the LegalPage inputs by withComponentInputBinding().
    data: { page, heading: title },
    loadComponent: loadLegalPage,
  };
}

/**
 * Every page is lazy; `title` feeds the PageTitleStrategy ("Kommunen – SmartRegion Portal").
 * Only the sign-in page, the e-mail links (invitation, password reset, notification settings, guest),
 * the legal pages, the error page and the 404 page are public: every other page goes into the
 * guarded group, so a new page requires sign-in unless it is put elsewhere.
 */
export const appRoutes: Route[] = [
  {
    path: 'anmelden',
    title: 'Anmelden',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./pages/sign-in/sign-in-page').then((m) => m.SignInPage),
  },
  {
    path: 'einladung/:token',
    title: 'Einladung annehmen',
    loadComponent: () => import('./pages/invitation/accept-invitation-page').then((m) => m.AcceptInvitationPage),
  },
  {
    path: 'passwort-vergessen',
    title: 'Passwort vergessen',
    loadComponent: () => import('./pages/password-reset/forgot-password-page').then((m) => m.ForgotPasswordPage),
  },
  {
    path: 'passwort-zuruecksetzen/:token',
    title: 'Neues Passwort festlegen',
    loadComponent: () => import('./pages/password-reset/reset-password-page').then((m) => m.ResetPasswordPage),
  },
  legalRoute('impressum', 'Impressum'),
  legalRoute('datenschutz', 'Datenschutz'),
  legalRoute('barrierefreiheit', 'Barrierefreiheit'),
  {
    // A guest's personal link to one meeting: no account, no shell.
    path: 'gast/:token',
    title: 'Einladung',
    loadComponent: () => import('./pages/meetings/guest/guest-page').then((m) => m.GuestPage),
  },
  {
    // The link in every notification e-mail: one kind's setting, changed without signing in.
    // Two segments: `/benachrichtigungen` itself is the notification centre below.
    path: 'benachrichtigungen/:token',
    title: 'Benachrichtigungen',
    loadComponent: () =>
      import('./pages/notifications/token/notification-token-page').then((m) => m.NotificationTokenPage),
  },
  {
    path: 'fehler',
    title: 'Fehler',
    loadComponent: () => import('./pages/error/error-page').then((m) => m.ErrorPage),
  },
  {
    path: '',
    canActivateChild: [authGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Übersicht',
        loadComponent: () => import('./pages/overview/overview-page').then((m) => m.OverviewPage),
      },
      {
        path: 'kommunen',
        title: 'Kommunen',
        loadComponent: () => import('./pages/municipalities/municipalities-page').then((m) => m.MunicipalitiesPage),
      },
      {
        path: 'kommunen/abdeckung',
        title: 'Wer ist wo? Kommunen und Arbeitsgruppen',
        loadComponent: () => import('./pages/coverage/coverage-page').then((m) => m.CoveragePage),
      },
      {
        path: 'kommunen/:id',
        title: 'Kommune',
        loadComponent: () =>
          import('./pages/municipalities/municipality-detail-page').then((m) => m.MunicipalityDetailPage),
      },
      {
        path: 'arbeitsgruppen',
        title: 'Arbeitsgruppen',
        loadComponent: () => import('./pages/working-groups/working-groups-page').then((m) => m.WorkingGroupsPage),
      },
      {
        path: 'arbeitsgruppen/:id',
        title: 'Arbeitsgruppe',
        loadComponent: () => import('./pages/working-groups/working-group-page').then((m) => m.WorkingGroupPage),
      },
      {
        path: 'arbeitsgruppen/:id/aufgaben',
        title: 'Aufgaben der Arbeitsgruppe',
        loadComponent: () => import('./pages/tasks/board/task-board-page').then((m) => m.TaskBoardPage),
      },
      {
        path: 'aufgaben',
        title: 'Meine Aufgaben',
        loadComponent: () => import('./pages/tasks/my-tasks/my-tasks-page').then((m) => m.MyTasksPage),
      },
      {
        path: 'aufgaben/:id',
        title: 'Aufgabe',
        loadComponent: () => import('./pages/tasks/detail/task-detail-page').then((m) => m.TaskDetailPage),
      },
      {
        path: 'termine',
        title: 'Termine',
        loadComponent: () => import('./pages/meetings/meetings-page').then((m) => m.MeetingsPage),
      },
      {
        path: 'termine/:id',
        title: 'Termin',
        loadComponent: () => import('./pages/meetings/detail/meeting-page').then((m) => m.MeetingPage),
      },
      {
        path: 'termine/:id/anwesenheit',
        title: 'Anwesenheit erfassen',
        loadComponent: () => import('./pages/meetings/detail/attendance-page').then((m) => m.AttendancePage),
      },
      {
        path: 'termine/:id/protokoll',
        title: 'Protokoll',
        loadComponent: () => import('./pages/minutes/minutes-page').then((m) => m.MinutesPage),
      },
      {
        path: 'beschluesse',
        title: 'Beschlüsse',
        loadComponent: () => import('./pages/minutes/decisions-page').then((m) => m.DecisionsPage),
      },
      {
        path: 'wissen',
        title: 'Wissen',
        loadComponent: () => import('./pages/knowledge/knowledge-page').then((m) => m.KnowledgePage),
      },
      {
        path: 'verwaltung',
        title: 'Verwaltung',
        // Mirrors the api: only administration and coordination; members go to the overview.
        canActivate: [roleGuard(ADMINISTRATION_ROLES)],
        loadComponent: () => import('./pages/administration/administration-page').then((m) => m.AdministrationPage),
      },
      {
        path: 'verwaltung/benachrichtigungen/einstellungen',
        title: 'Erinnerungen und Benachrichtigungen',
        // The defaults are coordination's business too (the api's notifications.configure).
        canActivate: [roleGuard(ADMINISTRATION_ROLES)],
        loadComponent: () =>
          import('./pages/administration/notifications/notification-settings-page').then(
            (m) => m.NotificationSettingsPage,
          ),
      },
      {
        path: 'profil',
        title: 'Mein Profil',
        loadComponent: () => import('./pages/profile/profile-page').then((m) => m.ProfilePage),
      },
      {
        path: 'profil/benachrichtigungen',
        title: 'Benachrichtigungen einstellen',
        loadComponent: () =>
          import('./pages/notifications/preferences/notification-preferences-page').then(
            (m) => m.NotificationPreferencesPage,
          ),
      },
      {
        path: 'benachrichtigungen',
        title: 'Benachrichtigungen',
        loadComponent: () => import('./pages/notifications/notifications-page').then((m) => m.NotificationsPage),
      },
    ],
  },
  {
    path: '**',
    title: 'Seite nicht gefunden',
    loadComponent: () => import('./pages/not-found/not-found-page').then((m) => m.NotFoundPage),
  },
];
