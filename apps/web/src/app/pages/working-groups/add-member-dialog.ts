import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatFormField, MatHint, MatLabel, MatPrefix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Observable, catchError, debounceTime, distinctUntilChanged, map, of, startWith, switchMap } from 'rxjs';
import { DirectoryPerson, GroupDetail, GroupRole, GroupsService } from '../../core/groups.service';
import { apiErrorText } from '../../shared/api-errors';
import { GROUP_ROLE_LABELS } from './group-labels';

export interface AddMemberDialogData {
  group: GroupDetail;
  /** Contacts add only people of their own organisation: the search is limited to it. */
  organizationId?: string;
  /** Leads and coordinators may name a lead right away. */
  allowLead: boolean;
}

/** How many hits are listed; more means the search should be narrower. */
export const MAX_HITS = 20;
/** Characters needed before the directory is searched (without an organisation to limit it). */
export const MIN_QUERY_LENGTH = 2;

type SearchState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; people: DirectoryPerson[]; more: boolean }
  | { status: 'error'; message: string };

/** "Person hinzufügen": find a person by name or organisation, choose the role, add at once. */
@Component({
  selector: 'srp-add-member-dialog',
  imports: [
    MatButton,
    MatDialogActions,
    MatDialogClose,
    MatDialogContent,
    MatDialogTitle,
    MatFormField,
    MatHint,
    MatIcon,
    MatInput,
    MatLabel,
    MatPrefix,
    MatProgressBar,
    ReactiveFormsModule,
  ],
  templateUrl: './add-member-dialog.html',
  styleUrls: ['./feedback.scss', './add-member-dialog.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AddMemberDialog {
  protected readonly data = inject<AddMemberDialogData>(MAT_DIALOG_DATA);
  private readonly groups = inject(GroupsService);
  private readonly dialogRef = inject<MatDialogRef<AddMemberDialog, GroupDetail>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly minQueryLength = MIN_QUERY_LENGTH;
  protected readonly roleLabels = GROUP_ROLE_LABELS;
  protected readonly query = new FormControl('', { nonNullable: true });
  protected readonly role = new FormControl<GroupRole>('member', { nonNullable: true });
  protected readonly form = new FormGroup({ query: this.query, role: this.role });
  protected readonly search = signal<SearchState>({ status: 'idle' });
  protected readonly selected = signal<DirectoryPerson | null>(null);
  protected readonly adding = signal(false);
  protected readonly error = signal<string | null>(null);

  /** Who is in the group already (cannot be added again) or has asked (adding approves). */
  private readonly standing = new Map<string, 'member' | 'requested'>([
    ...this.data.group.members.map((m) => [m.personId, 'member'] as const),
    ...this.data.group.requests.map((m) => [m.personId, 'requested'] as const),
  ]);
  protected readonly hasResults = computed(() => {
    const state = this.search();
    return state.status === 'loaded' && state.people.length > 0;
  });

  constructor() {
    this.query.valueChanges
      .pipe(
        startWith(this.query.value),
        debounceTime(300),
        map((value) => value.trim()),
        distinctUntilChanged(),
        switchMap((value) => this.find(value)),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.search.set(state);
        const chosen = this.selected();
        if (chosen && (state.status !== 'loaded' || !state.people.some((p) => p.id === chosen.id))) {
          this.selected.set(null);
        }
      });
  }

  protected standingOf(person: DirectoryPerson): 'member' | 'requested' | undefined {
    return this.standing.get(person.id);
  }

  protected choose(person: DirectoryPerson): void {
    if (this.standingOf(person) !== 'member') {
      this.selected.set(person);
      this.error.set(null);
    }
  }

  protected add(): void {
    if (this.adding()) {
      return;
    }
    const person = this.selected();
    if (!person) {
      this.error.set('Bitte wählen Sie zuerst eine Person aus der Liste aus.');
      return;
    }
    this.error.set(null);
    this.adding.set(true);
    this.groups
      .add(this.data.group.id, person.id, this.data.allowLead ? this.role.value : 'member')
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (group) => {
          this.adding.set(false);
          this.dialogRef.close(group);
        },
        error: (error: unknown) => {
          this.adding.set(false);
          this.error.set(apiErrorText(error));
        },
      });
  }

  private find(value: string): Observable<SearchState> {
    if (!this.data.organizationId && value.length < MIN_QUERY_LENGTH) {
      return of<SearchState>({ status: 'idle' });
    }
    return this.groups.searchPeople(value, this.data.organizationId).pipe(
      map((people): SearchState => {
        const active = people.filter((p) => p.status === 'active');
        return { status: 'loaded', people: active.slice(0, MAX_HITS), more: active.length > MAX_HITS };
      }),
      catchError((error: unknown) => of<SearchState>({ status: 'error', message: apiErrorText(error) })),
      startWith<SearchState>({ status: 'loading' }),
    );
  }
}
