import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatMenu, MatMenuContent, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { Observable, catchError, filter, map, of, startWith, switchMap } from 'rxjs';
import { AuthService } from '../../core/auth.service';
import { GroupDetail, GroupMember, GroupRole, GroupsService, groupBadge } from '../../core/groups.service';
import { PRODUCT_NAME } from '../../core/page-title.strategy';
import { apiErrorCode, apiErrorText } from '../../shared/api-errors';
import { BerlinDatePipe } from '../../shared/berlin-date.pipe';
import { confirmAction } from '../../shared/confirm-dialog/confirm-dialog';
import { SecondFactorHint } from '../../shared/second-factor-hint';
import { AddMemberDialog, AddMemberDialogData } from './add-member-dialog';
import { GROUP_STATUS_LABELS, GroupFormDialog, GroupFormDialogData } from './group-form-dialog';
import { GROUP_ROLE_LABELS, initials, membersText, organizationsText, peopleText } from './group-labels';
import { JoinDialog } from './join-dialog';

type PageState =
  | { status: 'loading' }
  | { status: 'loaded'; group: GroupDetail }
  | { status: 'error'; message: string; notFound: boolean; secondFactorMissing: boolean };

/** What went wrong with an action; `stale` offers to load the group again. */
interface ActionError {
  message: string;
  stale: boolean;
}

/** Why the signed-in person cannot ask to join, or null when they can (or are in the group). */
type JoinBlock = 'archived' | 'no-organization' | 'not-member' | null;

/**
 * One working group: description and goals, members (leads first) with their organisations, the
 * participating organisations, and what the person may do there: ask to join, leave, and (leads,
 * coordination) decide requests, add and remove members, name leads and edit the group.
 */
@Component({
  selector: 'srp-working-group-page',
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
    RouterLink,
    SecondFactorHint,
  ],
  templateUrl: './working-group-page.html',
  styleUrls: [
    './feedback.scss',
    './back-link.scss',
    './markdown.scss',
    './working-group-page.scss',
    './group-members.scss',
  ],
  // The header's buttons ("Aufgaben ansehen", "Gruppe bearbeiten") side by side, wrapping on phones.
  styles: `
    .header-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WorkingGroupPage {
  /** The group's id from the route (`/arbeitsgruppen/:id`). */
  readonly id = input.required<string>();

  private readonly groups = inject(GroupsService);
  private readonly dialog = inject(MatDialog);
  private readonly title = inject(Title);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  protected readonly user = inject(AuthService).user;

  protected readonly state = signal<PageState>({ status: 'loading' });
  protected readonly group = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.group : null;
  });
  protected readonly leads = computed(() => this.group()?.members.filter((m) => m.role === 'lead') ?? []);
  protected readonly plainMembers = computed(() => this.group()?.members.filter((m) => m.role !== 'lead') ?? []);
  protected readonly badge = computed(() => {
    const group = this.group();
    return group ? groupBadge(group) : '';
  });
  protected readonly isCoordination = computed(() => {
    const role = this.user()?.role;
    return role === 'admin' || role === 'coordinator';
  });
  /** The group's tasks are for its members and the coordination (the api answers 404 to everyone else). */
  protected readonly seesTasks = computed(() => this.group()?.myStatus === 'active' || this.isCoordination());
  /** Contacts (kommunale Ansprechpersonen) put people of their own organisation into groups. */
  protected readonly addsOwnPeople = computed(() => {
    const user = this.user();
    const group = this.group();
    return (
      !!user?.isContact &&
      !!user.organizationId &&
      !!group &&
      !group.permissions.manageMembers &&
      group.status === 'active'
    );
  });
  protected readonly joinBlock = computed((): JoinBlock => {
    const group = this.group();
    if (!group || group.permissions.join || group.myStatus !== null) {
      return null;
    }
    if (group.status !== 'active') {
      return 'archived';
    }
    return this.user()?.organizationId ? 'not-member' : 'no-organization';
  });

  /** The key of the action under way (e.g. `leave`, `decide:<id>`), to avoid double submits. */
  protected readonly busy = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly standingError = signal<ActionError | null>(null);
  protected readonly membersMessage = signal<string | null>(null);
  protected readonly membersError = signal<ActionError | null>(null);

  protected readonly roleLabels = GROUP_ROLE_LABELS;
  protected readonly statusLabels = GROUP_STATUS_LABELS;
  protected readonly initials = initials;
  protected readonly membersText = membersText;
  protected readonly organizationsText = organizationsText;
  protected readonly peopleText = peopleText;

  private readonly membersHeading = viewChild<ElementRef<HTMLElement>>('membersHeading');
  private readonly standingBox = viewChild<ElementRef<HTMLElement>>('standingBox');

  constructor() {
    const created = inject(Router).currentNavigation()?.extras.state?.['created'] === true;
    if (created) {
      this.notice.set('Die Arbeitsgruppe wurde angelegt. Fügen Sie jetzt Sprecher*innen und Mitglieder hinzu.');
    }
    toObservable(this.id)
      .pipe(
        switchMap((id) => this.fetch(id)),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.show(state));
  }

  protected reload(): void {
    this.standingError.set(null);
    this.membersError.set(null);
    this.fetch(this.id())
      .pipe(
        filter((state) => state.status !== 'loading'),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((state) => this.show(state));
  }

  // --- Mitarbeit: anfragen, verlassen ---

  protected join(): void {
    const group = this.group();
    if (!group || this.busy()) {
      return;
    }
    this.clearMessages();
    this.dialog
      .open<JoinDialog, GroupDetail, GroupDetail>(JoinDialog, {
        data: group,
        width: '32rem',
        maxWidth: 'calc(100vw - 2rem)',
        autoFocus: 'first-tabbable',
        restoreFocus: false,
      })
      .afterClosed()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((updated) => {
        if (updated) {
          this.update(updated);
          this.notice.set(
            'Ihre Anfrage wurde gesendet. Sobald die Sprecher*innen oder die Koordination entschieden haben, erhalten Sie eine E-Mail.',
          );
        }
        this.focusStanding();
      });
  }

  protected leave(): void {
    const group = this.group();
    const me = this.user();
    if (!group || !me || this.busy()) {
      return;
    }
    this.clearMessages();
    const requested = group.myStatus === 'requested';
    const lastLead = group.myRole === 'lead' && this.leads().length === 1;
    confirmAction(
      this.dialog,
      requested
        ? {
            title: 'Anfrage zurückziehen?',
            message: `Ihre Anfrage zur Mitarbeit in „${group.name}“ wird gelöscht. Sie können später erneut anfragen.`,
            confirmLabel: 'Anfrage zurückziehen',
          }
        : {
            title: 'Gruppe verlassen?',
            message: `Sie sind danach nicht mehr Mitglied von „${group.name}“.${
              lastLead ? ' Sie sind die einzige Sprecherin bzw. der einzige Sprecher: Die Gruppe hat danach keine.' : ''
            } Um wieder mitzuarbeiten, müssen Sie erneut anfragen.`,
            confirmLabel: 'Gruppe verlassen',
          },
    )
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.busy.set('leave');
          return this.groups.remove(group.id, me.id);
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (updated) => {
          this.busy.set(null);
          this.update(updated);
          this.notice.set(
            requested ? 'Ihre Anfrage wurde zurückgezogen.' : `Sie haben die Gruppe „${group.name}“ verlassen.`,
          );
          this.focusStanding();
        },
        error: (error: unknown) => {
          this.busy.set(null);
          this.standingError.set(this.actionError(error));
        },
      });
  }

  // --- Bearbeiten ---

  protected edit(): void {
    const group = this.group();
    if (!group) {
      return;
    }
    this.clearMessages();
    this.dialog
      .open<GroupFormDialog, GroupFormDialogData, GroupDetail>(GroupFormDialog, {
        data: { group, coordination: this.isCoordination(), reloaded: (current) => this.update(current) },
        width: '48rem',
        maxWidth: 'calc(100vw - 2rem)',
        autoFocus: 'first-tabbable',
        restoreFocus: true,
      })
      .afterClosed()
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe((updated) => {
        this.update(updated);
        this.notice.set('Ihre Änderungen an der Gruppe wurden gespeichert.');
      });
  }

  // --- Mitglieder ---

  protected addMember(): void {
    const group = this.group();
    const user = this.user();
    if (!group || !user || this.busy()) {
      return;
    }
    this.clearMessages();
    const data: AddMemberDialogData = group.permissions.manageMembers
      ? { group, allowLead: true }
      : { group, allowLead: false, organizationId: user.organizationId ?? undefined };
    this.dialog
      .open<AddMemberDialog, AddMemberDialogData, GroupDetail>(AddMemberDialog, {
        data,
        width: '36rem',
        maxWidth: 'calc(100vw - 2rem)',
        autoFocus: 'first-tabbable',
        restoreFocus: true,
      })
      .afterClosed()
      .pipe(filter(Boolean), takeUntilDestroyed(this.destroyRef))
      .subscribe((updated) => {
        const before = new Set(group.members.map((m) => m.personId));
        const added = updated.members.find((m) => !before.has(m.personId));
        this.update(updated);
        this.membersMessage.set(
          added
            ? `${added.name} ist jetzt ${added.role === 'lead' ? 'Sprecher*in' : 'Mitglied'} der Gruppe.`
            : 'Die Mitgliederliste wurde aktualisiert.',
        );
      });
  }

  protected decide(request: GroupMember, decision: 'approve' | 'decline'): void {
    const group = this.group();
    if (!group || this.busy()) {
      return;
    }
    this.clearMessages();
    const confirmed: Observable<boolean> =
      decision === 'approve'
        ? of(true)
        : confirmAction(this.dialog, {
            title: 'Anfrage ablehnen?',
            message: `${request.name} wird nicht in die Gruppe aufgenommen und erhält darüber eine E-Mail. Die Person kann später erneut anfragen.`,
            confirmLabel: 'Anfrage ablehnen',
          });
    confirmed
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.busy.set(`decide:${request.personId}`);
          return this.groups.decide(group.id, request.personId, decision);
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (updated) => {
          this.busy.set(null);
          this.update(updated);
          this.membersMessage.set(
            decision === 'approve'
              ? `${request.name} ist jetzt Mitglied der Gruppe und wurde per E-Mail benachrichtigt.`
              : `Die Anfrage von ${request.name} wurde abgelehnt; die Person wurde per E-Mail benachrichtigt.`,
          );
          this.focusMembers();
        },
        error: (error: unknown) => {
          this.busy.set(null);
          this.membersError.set(this.actionError(error));
        },
      });
  }

  protected changeRole(member: GroupMember, role: GroupRole): void {
    const group = this.group();
    if (!group || this.busy()) {
      return;
    }
    this.clearMessages();
    this.busy.set(`role:${member.personId}`);
    this.groups
      .changeRole(group.id, member.personId, role)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (updated) => {
          this.busy.set(null);
          this.update(updated);
          this.membersMessage.set(
            role === 'lead'
              ? `${member.name} ist jetzt Sprecher*in der Gruppe.`
              : `${member.name} ist jetzt Mitglied (nicht mehr Sprecher*in).`,
          );
          this.focusMembers();
        },
        error: (error: unknown) => {
          this.busy.set(null);
          this.membersError.set(this.actionError(error));
        },
      });
  }

  protected removeMember(member: GroupMember): void {
    const group = this.group();
    if (!group || this.busy()) {
      return;
    }
    if (member.personId === this.user()?.id) {
      this.leave();
      return;
    }
    this.clearMessages();
    confirmAction(this.dialog, {
      title: 'Aus der Gruppe entfernen?',
      message: `${member.name} ist danach nicht mehr Mitglied von „${group.name}“. Sie können die Person später wieder hinzufügen.`,
      confirmLabel: 'Entfernen',
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.busy.set(`remove:${member.personId}`);
          return this.groups.remove(group.id, member.personId);
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (updated) => {
          this.busy.set(null);
          this.update(updated);
          this.membersMessage.set(`${member.name} wurde aus der Gruppe entfernt.`);
          this.focusMembers();
        },
        error: (error: unknown) => {
          this.busy.set(null);
          this.membersError.set(this.actionError(error));
        },
      });
  }

  /** Leads and coordination manage everyone; contacts the people of their own organisation. */
  protected mayRemove(member: GroupMember): boolean {
    const group = this.group();
    const user = this.user();
    if (!group || !user || member.personId === user.id) {
      return false;
    }
    return group.permissions.manageMembers || (user.isContact && member.organizationId === user.organizationId);
  }

  protected isMe(member: GroupMember): boolean {
    return member.personId === this.user()?.id;
  }

  private fetch(id: string): Observable<PageState> {
    return this.groups.detail(id).pipe(
      map((group): PageState => ({ status: 'loaded', group })),
      catchError((error: unknown) => {
        const code = apiErrorCode(error);
        return of<PageState>({
          status: 'error',
          message: apiErrorText(error),
          notFound: code === 'NOT_FOUND',
          secondFactorMissing: code === 'SECOND_FACTOR_SETUP_REQUIRED',
        });
      }),
      startWith<PageState>({ status: 'loading' }),
    );
  }

  private show(state: PageState): void {
    if (state.status === 'loading' && this.state().status === 'loaded') {
      // Reloading: keep showing the group until the answer is there.
      return;
    }
    this.state.set(state);
    if (state.status === 'loaded') {
      this.setTitle(state.group);
    }
  }

  private update(group: GroupDetail): void {
    this.state.set({ status: 'loaded', group });
    this.setTitle(group);
  }

  private setTitle(group: GroupDetail): void {
    this.title.setTitle(`${groupBadge(group)} ${group.name} – ${PRODUCT_NAME}`);
  }

  private actionError(error: unknown): ActionError {
    const code = apiErrorCode(error);
    // A 404 or 409 means the group changed meanwhile (decided, removed, archived): offer to reload.
    return { message: apiErrorText(error), stale: code === 'CONFLICT' || code === 'NOT_FOUND' };
  }

  private clearMessages(): void {
    this.notice.set(null);
    this.standingError.set(null);
    this.membersMessage.set(null);
    this.membersError.set(null);
  }

  private focusMembers(): void {
    afterNextRender(() => this.membersHeading()?.nativeElement.focus(), { injector: this.injector });
  }

  private focusStanding(): void {
    afterNextRender(() => this.standingBox()?.nativeElement.focus(), { injector: this.injector });
  }
}
