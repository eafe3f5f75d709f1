import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog, MatDialogConfig } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatMenu, MatMenuContent, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { Observable, Subscription, filter } from 'rxjs';
import { AuthService } from '../../core/auth.service';
import { PRODUCT_NAME } from '../../core/page-title.strategy';
import {
  Coverage,
  DistrictParticipation,
  MembershipEvent,
  OrganizationDetail,
  OrganizationsService,
  Person,
  PersonChange,
} from '../../core/organizations.service';
import { STATUS_LABELS } from '../../shared/account-labels';
import { BerlinDatePipe, formatBerlinDate } from '../../shared/berlin-date.pipe';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog';
import { organizationKindLabel } from '../../shared/organization-labels';
import { GroupAssignData, GroupAssignDialog, GroupAssignResult, GroupOption } from './group-assign-dialog';
import { MembershipBadge } from './membership-badge';
import { MembershipTimeline } from './membership-timeline';
import { MembershipChangeData, MembershipChangeDialog, MembershipChangeResult } from './membership-change-dialog';
import {
  germanDate,
  isMunicipal,
  mayDecideMembership,
  mayRequestMembership,
  membershipExplanation,
  membershipTargets,
  takesPart,
} from './membership-rules';
import { MergeDialog, MergeResult } from './merge-dialog';
import { OrganizationFacts } from './organization-facts';
import { OrganizationFormData, OrganizationFormDialog, OrganizationFormResult } from './organization-form-dialog';
import { PeopleImportData, PeopleImportDialog, PeopleImportResult } from './people-import-dialog';
import { PersonInviteData, PersonInviteDialog } from './person-invite-dialog';
import { Problem, ProblemMessage, toProblem } from './problem';
import { TextDialog, TextDialogData, TextDialogResult } from './text-dialog';

type Loadable<T> = { status: 'loading' } | { status: 'loaded'; value: T } | { status: 'error'; problem: Problem };

/** One working group with the organisation's people in it. */
interface GroupPresence {
  group: GroupOption;
  people: { id: string; name: string; lead: boolean }[];
}

/** A person's actions in the row menu. */
interface PersonActions {
  assign: boolean;
  deactivate: boolean;
  reactivate: boolean;
  toggleContact: boolean;
}

const DIALOG: MatDialogConfig = {
  width: '34rem',
  maxWidth: 'calc(100vw - 2rem)',
  autoFocus: 'first-tabbable',
  restoreFocus: true,
};

function groupLabel(group: { number: number | null; shortName: string }): string {
  return group.number ? `UAG ${group.number}: ${group.shortName}` : group.shortName;
}

/**
 * One municipality (or other organisation): facts, membership with its full history, people and
 * their working groups. Contacts act for their own organisation, coordinators for every one; the
 * buttons follow the `permissions` the api sends, and the api enforces them anyway.
 */
@Component({
  selector: 'srp-municipality-detail-page',
  imports: [
    BerlinDatePipe,
    MatButton,
    MatIcon,
    MatIconButton,
    MatMenu,
    MatMenuContent,
    MatMenuItem,
    MatMenuTrigger,
    MatProgressBar,
    MembershipBadge,
    MembershipTimeline,
    OrganizationFacts,
    ProblemMessage,
    RouterLink,
  ],
  templateUrl: './municipality-detail-page.html',
  styleUrl: './municipality-detail-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MunicipalityDetailPage {
  private readonly organizations = inject(OrganizationsService);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly title = inject(Title);
  private readonly destroyRef = inject(DestroyRef);
  private readonly user = inject(AuthService).user;

  /** The organisation's id, from the route (`/kommunen/:id`). */
  readonly id = input.required<string>();

  protected readonly state = signal<Loadable<OrganizationDetail>>({ status: 'loading' });
  protected readonly coverage = signal<Loadable<Coverage>>({ status: 'loading' });
  /** A failed change on the page (not in a dialog). */
  protected readonly actionProblem = signal<Problem | null>(null);
  /** Id of the person being changed. */
  protected readonly changing = signal<string | null>(null);

  protected readonly kindLabel = organizationKindLabel;
  protected readonly accountStatusLabels = STATUS_LABELS;
  protected readonly germanDate = germanDate;

  private districts: DistrictParticipation[] | null = null;
  private loading?: Subscription;

  protected readonly organization = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.value : null;
  });

  protected readonly municipal = computed(() => {
    const o = this.organization();
    return !!o && isMunicipal(o.kind);
  });

  protected readonly canRequest = computed(() => {
    const o = this.organization();
    return !!o && mayRequestMembership(o);
  });

  protected readonly canDecide = computed(() => {
    const o = this.organization();
    return !!o && mayDecideMembership(o);
  });

  protected readonly targets = computed(() => {
    const o = this.organization();
    return o ? membershipTargets(o) : [];
  });

  protected readonly explanation = computed(() => {
    const o = this.organization();
    return o ? membershipExplanation(o.membershipStatus, o.displayName) : '';
  });

  /** The open request (the newest "requested" event), shown to whoever decides it. */
  protected readonly openRequest = computed<MembershipEvent | null>(() => {
    const o = this.organization();
    if (!o || o.membershipStatus !== 'requested') {
      return null;
    }
    return o.membershipHistory.find((e) => e.kind === 'requested') ?? null;
  });

  /** Since when the current status holds: the date the last change took effect. */
  protected readonly statusSince = computed(() => {
    const o = this.organization();
    if (!o || o.membershipStatus === 'none') {
      return null;
    }
    const last = o.membershipHistory[0];
    if (last && last.toStatus === o.membershipStatus) {
      return germanDate(last.effectiveOn);
    }
    return o.membershipChangedAt ? formatBerlinDate(o.membershipChangedAt, 'date') : null;
  });

  protected readonly activePeople = computed(() =>
    (this.organization()?.people ?? []).filter((p) => p.status === 'active'),
  );

  protected readonly takesPart = computed(() => {
    const o = this.organization();
    return !!o && takesPart(o);
  });

  /** Contacts and coordinators put active people into groups once the organisation takes part. */
  protected readonly canAssign = computed(() => {
    const o = this.organization();
    return !!o && o.permissions.contribute && this.takesPart() && this.activePeople().length > 0;
  });

  private readonly groupOptions = computed<GroupOption[]>(() => {
    const coverage = this.coverage();
    return coverage.status === 'loaded' ? coverage.value.groups.map((g) => ({ id: g.id, label: groupLabel(g) })) : [];
  });

  /** The groups with people of this organisation, in the groups' order. */
  protected readonly presence = computed<GroupPresence[]>(() => {
    const coverage = this.coverage();
    const o = this.organization();
    if (coverage.status !== 'loaded' || !o) {
      return [];
    }
    const row = coverage.value.rows.find((r) => r.organizationId === o.id);
    if (!row) {
      return [];
    }
    const options = this.groupOptions();
    return row.cells
      .filter((cell) => cell.people.length > 0)
      .map((cell) => ({
        group: options.find((g) => g.id === cell.groupId) ?? { id: cell.groupId, label: 'Arbeitsgruppe' },
        people: cell.people.map((p) => ({ id: p.id, name: p.name, lead: p.role === 'lead' })),
      }));
  });

  /** Per person id, the groups they are in. */
  private readonly memberOf = computed<Record<string, GroupOption[]>>(() => {
    const result: Record<string, GroupOption[]> = {};
    for (const { group, people } of this.presence()) {
      for (const person of people) {
        (result[person.id] ??= []).push(group);
      }
    }
    return result;
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
    effect(() => {
      const o = this.organization();
      if (o) {
        this.title.setTitle(`${o.displayName} – Kommunen – ${PRODUCT_NAME}`);
      }
    });
  }

  protected telHref(phone: string): string {
    return `tel:${phone.replace(/[^\d+]/g, '')}`;
  }

  protected groupsOf(person: Person): GroupOption[] {
    return this.memberOf()[person.id] ?? [];
  }

  protected actionsFor(person: Person): PersonActions {
    const o = this.organization();
    const none: PersonActions = { assign: false, deactivate: false, reactivate: false, toggleContact: false };
    if (!o || !o.permissions.contribute) {
      return none;
    }
    const self = person.id === this.user()?.id;
    const mayChangeStatus = !self && (person.role === 'member' || o.permissions.manage);
    return {
      assign: this.takesPart() && person.status === 'active',
      deactivate: mayChangeStatus && person.status === 'active',
      reactivate: mayChangeStatus && person.status === 'deactivated',
      toggleContact: o.permissions.manage,
    };
  }

  protected hasActions(person: Person): boolean {
    const actions = this.actionsFor(person);
    return actions.assign || actions.deactivate || actions.reactivate || actions.toggleContact;
  }

  protected reload(): void {
    this.actionProblem.set(null);
    this.load(this.id());
  }

  // ---- Membership ----

  protected requestMembership(o: OrganizationDetail): void {
    this.openText(
      {
        title: 'Mitgliedschaft anfragen',
        intro: `Die Koordination der Landesinitiative prüft die Anfrage von ${o.displayName} und antwortet per E-Mail.`,
        label: 'Warum möchte Ihre Kommune mitmachen?',
        hint: 'Zum Beispiel: In welcher Arbeitsgruppe möchten Sie mitarbeiten?',
        requiredMessage: 'Bitte schreiben Sie kurz, warum Ihre Kommune mitmachen möchte.',
        maxLength: 2000,
        submitLabel: 'Anfrage senden',
        busyLabel: 'Anfrage wird gesendet …',
        submit: (reason) => this.organizations.requestMembership(o.id, reason, o.version),
      },
      'Die Anfrage wurde gesendet. Sie erhalten eine E-Mail, sobald die Koordination entschieden hat.',
    );
  }

  protected decide(o: OrganizationDetail, decision: 'approve' | 'decline'): void {
    const request = this.openRequest();
    const quote = request?.reason
      ? {
          label: `Anfrage${request.actorName ? ` von ${request.actorName}` : ''} vom ${germanDate(request.effectiveOn)}:`,
          text: request.reason,
        }
      : undefined;
    const approve = decision === 'approve';
    this.openText(
      {
        title: approve ? 'Anfrage annehmen' : 'Anfrage ablehnen',
        intro: approve
          ? `${o.displayName} wird aktives Mitglied der Landesinitiative. Wer angefragt hat, erhält eine E-Mail mit Ihrer Nachricht.`
          : `${o.displayName} wird nicht Mitglied. Wer angefragt hat, erhält eine E-Mail mit Ihrer Begründung.`,
        quote,
        label: approve ? 'Nachricht (optional)' : 'Begründung',
        hint: approve ? 'Zum Beispiel ein Willkommensgruß oder der nächste Termin' : undefined,
        requiredMessage: approve ? undefined : 'Bitte begründen Sie die Ablehnung.',
        maxLength: 2000,
        submitLabel: approve ? 'Annehmen' : 'Ablehnen',
        busyLabel: 'Wird gespeichert …',
        destructive: !approve,
        submit: (message) => this.organizations.decideMembership(o.id, decision, message, o.version),
      },
      approve
        ? `${o.displayName} ist jetzt aktives Mitglied. Die anfragende Person wurde benachrichtigt.`
        : 'Die Anfrage wurde abgelehnt. Die anfragende Person wurde benachrichtigt.',
    );
  }

  protected changeMembership(o: OrganizationDetail): void {
    this.dialog
      .open<MembershipChangeDialog, MembershipChangeData, MembershipChangeResult>(MembershipChangeDialog, {
        ...DIALOG,
        data: { organization: o, targets: this.targets() },
      })
      .afterClosed()
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe((result) => this.afterChange(result, 'Die Mitgliedschaft wurde geändert.'));
  }

  // ---- Organisation (coordinators) ----

  protected edit(o: OrganizationDetail): void {
    const open = (districts: DistrictParticipation[]) =>
      this.dialog
        .open<OrganizationFormDialog, OrganizationFormData, OrganizationFormResult>(OrganizationFormDialog, {
          ...DIALOG,
          width: '40rem',
          data: { districts, organization: o },
        })
        .afterClosed()
        .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
        .subscribe((result) => this.afterChange(result, 'Die Angaben wurden gespeichert.'));
    if (this.districts) {
      open(this.districts);
      return;
    }
    this.organizations
      .districts()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (districts) => {
          this.districts = districts;
          open(districts);
        },
        error: () => open([]),
      });
  }

  protected retire(o: OrganizationDetail): void {
    this.openText(
      {
        title: 'Organisation stilllegen',
        intro: `${o.displayName} erscheint danach nicht mehr in den Listen; der Verlauf bleibt erhalten und die Personen behalten ihren Zugang. Sie können die Organisation später reaktivieren.`,
        label: 'Begründung',
        hint: 'Zum Beispiel „Doppelt angelegt“ oder „Aufgelöst zum 31.12.2026“',
        requiredMessage: 'Bitte begründen Sie die Stilllegung.',
        maxLength: 500,
        submitLabel: 'Stilllegen',
        busyLabel: 'Wird stillgelegt …',
        destructive: true,
        submit: (reason) => this.organizations.retire(o.id, reason, o.version),
      },
      `${o.displayName} wurde stillgelegt.`,
    );
  }

  protected reactivate(o: OrganizationDetail): void {
    confirmAction(this.dialog, {
      title: 'Organisation reaktivieren?',
      message: `${o.displayName} erscheint danach wieder in den Listen, und ihre Ansprechpersonen können wieder für sie handeln.`,
      confirmLabel: 'Reaktivieren',
    })
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe(() =>
        this.run(this.organizations.reactivate(o.id, o.version), (updated) => {
          this.state.set({ status: 'loaded', value: updated });
          this.notify(`${updated.displayName} ist wieder aktiv.`);
        }),
      );
  }

  protected merge(o: OrganizationDetail): void {
    this.dialog
      .open<MergeDialog, OrganizationDetail, MergeResult>(MergeDialog, { ...DIALOG, width: '38rem', data: o })
      .afterClosed()
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe((result) => {
        if (result === 'reload') {
          this.reload();
          return;
        }
        this.notify(`${o.displayName} wurde mit ${result.displayName} zusammengeführt.`);
        void this.router.navigate(['/kommunen', result.id]);
      });
  }

  // ---- People ----

  protected invite(o: OrganizationDetail): void {
    this.dialog
      .open<PersonInviteDialog, PersonInviteData, Person>(PersonInviteDialog, {
        ...DIALOG,
        data: { organization: o, mayNameContact: o.permissions.manage },
      })
      .afterClosed()
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe((person) => {
        this.notify(`Die Einladung an ${person.name} wurde verschickt.`);
        this.refresh();
      });
  }

  protected importPeople(o: OrganizationDetail): void {
    this.dialog
      .open<PeopleImportDialog, PeopleImportData, PeopleImportResult>(PeopleImportDialog, {
        ...DIALOG,
        width: '60rem',
        data: { organization: o },
      })
      .afterClosed()
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe((result) => {
        // The dialog's last step already said how many invitations went out.
        if (result === 'reload') {
          this.reload();
        } else {
          this.refresh();
        }
      });
  }

  protected assign(o: OrganizationDetail, person?: Person): void {
    const memberOf: Record<string, string[]> = {};
    for (const [personId, groups] of Object.entries(this.memberOf())) {
      memberOf[personId] = groups.map((g) => g.id);
    }
    this.dialog
      .open<GroupAssignDialog, GroupAssignData, GroupAssignResult>(GroupAssignDialog, {
        ...DIALOG,
        data: {
          organizationName: o.displayName,
          people: this.activePeople(),
          groups: this.groupOptions(),
          memberOf,
          personId: person?.id,
        },
      })
      .afterClosed()
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe(({ person: added, group }) => {
        this.notify(`${added.name} arbeitet jetzt in „${group.label}“ mit.`);
        this.loadCoverage(o.id);
      });
  }

  protected setStatus(o: OrganizationDetail, person: Person, status: 'active' | 'deactivated'): void {
    const deactivate = status === 'deactivated';
    confirmAction(
      this.dialog,
      deactivate
        ? {
            title: `${person.name} deaktivieren?`,
            message: `${person.name} kann sich danach nicht mehr anmelden und erhält keine Einladungen mehr. Sie können den Zugang später wieder aktivieren.`,
            confirmLabel: 'Deaktivieren',
          }
        : {
            title: `${person.name} reaktivieren?`,
            message: `${person.name} kann sich danach wieder anmelden.`,
            confirmLabel: 'Reaktivieren',
          },
    )
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe(() =>
        this.changePerson(
          o,
          person,
          { status, version: person.version },
          deactivate ? `${person.name} wurde deaktiviert.` : `${person.name} ist wieder aktiv.`,
        ),
      );
  }

  protected toggleContact(o: OrganizationDetail, person: Person): void {
    const make = !person.isContact;
    confirmAction(this.dialog, {
      title: make ? 'Als Ansprechperson benennen?' : 'Nicht mehr Ansprechperson?',
      message: make
        ? `${person.name} kann danach die Mitgliedschaft von ${o.displayName} verwalten und Kolleginnen und Kollegen einladen.`
        : `${person.name} bleibt Mitglied, verwaltet ${o.displayName} aber nicht mehr.`,
      confirmLabel: make ? 'Benennen' : 'Zurücknehmen',
    })
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe(() =>
        this.changePerson(
          o,
          person,
          { isContact: make, version: person.version },
          make ? `${person.name} ist jetzt Ansprechperson.` : `${person.name} ist keine Ansprechperson mehr.`,
        ),
      );
  }

  private changePerson(o: OrganizationDetail, person: Person, change: PersonChange, success: string): void {
    this.changing.set(person.id);
    this.run(
      this.organizations.updatePerson(o.id, person.id, change),
      (updated) => {
        this.state.update((state) =>
          state.status === 'loaded'
            ? {
                ...state,
                value: {
                  ...state.value,
                  people: state.value.people.map((p) => (p.id === updated.id ? updated : p)),
                  peopleCount: state.value.people
                    .map((p) => (p.id === updated.id ? updated : p))
                    .filter((p) => p.status === 'active').length,
                },
              }
            : state,
        );
        this.notify(success);
        this.loadCoverage(o.id);
      },
      () => this.changing.set(null),
    );
  }

  // ---- Plumbing ----

  private openText(data: TextDialogData<OrganizationDetail>, success: string): void {
    this.dialog
      .open<TextDialog<OrganizationDetail>, TextDialogData<OrganizationDetail>, TextDialogResult<OrganizationDetail>>(
        TextDialog,
        { ...DIALOG, data },
      )
      .afterClosed()
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe((result) => this.afterChange(result, success));
  }

  private afterChange(result: OrganizationDetail | 'reload', success: string): void {
    if (result === 'reload') {
      this.reload();
      return;
    }
    this.actionProblem.set(null);
    this.state.set({ status: 'loaded', value: result });
    this.notify(success);
    this.loadCoverage(result.id);
  }

  private run<T>(request: Observable<T>, done: (value: T) => void, always?: () => void): void {
    this.actionProblem.set(null);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (value) => {
        always?.();
        done(value);
      },
      error: (error: unknown) => {
        always?.();
        this.actionProblem.set(toProblem(error));
      },
    });
  }

  private notify(message: string): void {
    this.snackBar.open(message, 'Schließen', { duration: 8000, politeness: 'polite' });
  }

  private load(id: string): void {
    this.state.set({ status: 'loading' });
    this.coverage.set({ status: 'loading' });
    this.fetch(id);
    this.loadCoverage(id);
  }

  /** Fetches again and keeps showing the old data meanwhile. */
  private refresh(): void {
    this.fetch(this.id());
  }

  private fetch(id: string): void {
    this.loading?.unsubscribe();
    this.loading = this.organizations
      .detail(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => this.state.set({ status: 'loaded', value }),
        error: (error: unknown) => this.state.set({ status: 'error', problem: toProblem(error) }),
      });
  }

  private coverageLoading?: Subscription;

  private loadCoverage(id: string): void {
    this.coverageLoading?.unsubscribe();
    if (this.coverage().status !== 'loaded') {
      this.coverage.set({ status: 'loading' });
    }
    this.coverageLoading = this.organizations
      .coverage(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (value) => this.coverage.set({ status: 'loaded', value }),
        error: (error: unknown) => this.coverage.set({ status: 'error', problem: toProblem(error) }),
      });
  }
}
