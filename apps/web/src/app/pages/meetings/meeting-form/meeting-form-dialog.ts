import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import {
  FormArray,
  FormControl,
  FormGroup,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { MatAutocomplete, MatAutocompleteSelectedEvent, MatAutocompleteTrigger } from '@angular/material/autocomplete';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatOption } from '@angular/material/core';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { MatSelect } from '@angular/material/select';
import { Router } from '@angular/router';
import { Observable, catchError, debounceTime, distinctUntilChanged, map, of, startWith, switchMap } from 'rxjs';
import { AuthService } from '../../../core/auth.service';
import { DirectoryPerson, GroupSummary, GroupsService } from '../../../core/groups.service';
import { newIdempotencyKey } from '../../../core/idempotency.interceptor';
import {
  MEETING_FORMAT_LABELS,
  MEETING_KIND_LABELS,
  MEETING_KIND_ORDER,
  MeetingDetail,
  MeetingFormat,
  MeetingKind,
  MeetingSaved,
  MeetingsService,
  berlinDay,
} from '../../../core/meetings.service';
import { apiErrorText, apiFieldErrors } from '../../../shared/api-errors';
import { MarkdownEditor } from '../../working-groups/markdown-editor';
import { openGuestLinks } from './guest-links-dialog';
import {
  EditScope,
  MeetingFormValue,
  Rhythm,
  SET_POSITIONS,
  SET_POSITION_LABELS,
  SeriesEnd,
  SetPosition,
  WEEKDAYS,
  WEEKDAY_NAMES,
  Weekday,
  changesOf,
  hasChanges,
  recurrenceSummary,
  rhythmDefaults,
  toCreateDto,
  valueOf,
} from './meeting-form-model';

/** What the dialog gets: nothing for a new meeting, the meeting to edit otherwise. */
export interface MeetingFormDialogData {
  meeting?: MeetingDetail;
}

/** A chosen invitee (the api needs the id, people read the name). */
interface ChosenPerson {
  id: string;
  name: string;
  organization: string | null;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The api's field names that have a control of the same name. */
const FIELD_CONTROLS = [
  'kind',
  'title',
  'description',
  'date',
  'startTime',
  'endTime',
  'endDate',
  'format',
  'onlineUrl',
  'address',
  'room',
  'capacity',
  'hostGroupId',
] as const;

/**
 * "Termin planen" / "Termin bearbeiten": kind, title, description, when, where, who is invited,
 * guests, and for new meetings a series with a live summary and an agenda template. A new
 * meeting opens its page; new guests' personal links are shown once.
 */
@Component({
  selector: 'srp-meeting-form-dialog',
  imports: [
    MarkdownEditor,
    MatAutocomplete,
    MatAutocompleteTrigger,
    MatButton,
    MatCheckbox,
    MatDialogActions,
    MatDialogClose,
    MatDialogContent,
    MatDialogTitle,
    MatError,
    MatFormField,
    MatHint,
    MatIcon,
    MatIconButton,
    MatInput,
    MatLabel,
    MatOption,
    MatRadioButton,
    MatRadioGroup,
    MatSelect,
    ReactiveFormsModule,
  ],
  templateUrl: './meeting-form-dialog.html',
  styleUrls: ['../../working-groups/feedback.scss', './meeting-form-dialog.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeetingFormDialog {
  protected readonly data = inject<MeetingFormDialogData | null>(MAT_DIALOG_DATA, { optional: true }) ?? {};
  private readonly meetings = inject(MeetingsService);
  private readonly groupsApi = inject(GroupsService);
  private readonly user = inject(AuthService).user;
  private readonly dialogRef = inject<MatDialogRef<MeetingFormDialog, MeetingSaved>>(MatDialogRef);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly content = viewChild.required<ElementRef<HTMLElement>>('content');

  protected readonly kinds = MEETING_KIND_ORDER;
  protected readonly kindLabels = MEETING_KIND_LABELS;
  protected readonly formats: MeetingFormat[] = ['online', 'in_person', 'hybrid'];
  protected readonly formatLabels = MEETING_FORMAT_LABELS;
  protected readonly weekdays = WEEKDAYS;
  protected readonly weekdayNames = WEEKDAY_NAMES;
  protected readonly positions = SET_POSITIONS;
  protected readonly positionLabels = SET_POSITION_LABELS;

  /** The meeting being edited (replaced by the current state after a conflict). */
  private readonly meeting = signal<MeetingDetail | undefined>(this.data.meeting);
  protected readonly editing = !!this.data.meeting;
  protected readonly inSeries = !!this.data.meeting?.seriesId;
  private baseline: MeetingFormValue | null = this.data.meeting ? valueOf(this.data.meeting) : null;

  private readonly today = berlinDay(new Date());
  private readonly start = this.baseline ?? this.emptyValue();

  protected readonly form = this.fb.group({
    kind: [this.start.kind as MeetingKind, Validators.required],
    title: [this.start.title, [Validators.required, Validators.pattern(/\S/), Validators.maxLength(200)]],
    description: [this.start.description, Validators.maxLength(20_000)],
    date: [this.start.date, Validators.required],
    startTime: [this.start.startTime, [Validators.required, Validators.pattern(TIME)]],
    endTime: [this.start.endTime, [Validators.required, Validators.pattern(TIME)]],
    multiDay: [this.start.multiDay],
    endDate: [this.start.endDate],
    format: [this.start.format as MeetingFormat],
    onlineUrl: [this.start.onlineUrl, Validators.pattern(/^https?:\/\/\S+$/)],
    address: [this.start.address],
    room: [this.start.room],
    capacity: new FormControl<number | null>(this.start.capacity, [Validators.min(1), Validators.max(10_000)]),
    hostGroupId: [this.start.hostGroupId],
    inviteAll: [this.start.inviteAll],
    invitedGroupIds: [this.start.invitedGroupIds],
    guests: this.fb.array(this.start.guests.map((g) => this.guestGroup(g.name, g.email))),
    callForItems: [this.start.callForItems],
    scope: ['this' as EditScope],
    repeat: [this.start.repeat],
    rhythm: [this.start.rhythm as Rhythm],
    interval: [this.start.interval, [Validators.required, Validators.min(1), Validators.max(12)]],
    weekday: [this.start.weekday as Weekday],
    setPosition: [this.start.setPosition as SetPosition],
    monthDay: [this.start.monthDay, [Validators.min(1), Validators.max(31)]],
    seriesEnd: [this.start.seriesEnd as SeriesEnd],
    until: [this.start.until],
    count: new FormControl<number | null>(this.start.count, [Validators.min(1), Validators.max(100)]),
    agenda: this.fb.array<FormGroup<{ title: FormControl<string>; minutes: FormControl<number | null> }>>([]),
    personQuery: [''],
  });

  protected readonly people = signal<ChosenPerson[]>(
    (this.data.meeting?.invitedPeople ?? []).map((p) => ({ id: p.id, name: p.name, organization: p.organization })),
  );
  protected readonly value = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  protected readonly summary = computed(() => recurrenceSummary(this.formValue(this.value())));

  private readonly allGroups = toSignal(this.groupsApi.list().pipe(catchError(() => of([] as GroupSummary[]))), {
    initialValue: [] as GroupSummary[],
  });
  protected readonly coordination = computed(() => ['admin', 'coordinator'].includes(this.user()?.role ?? ''));
  protected readonly activeGroups = computed(() =>
    this.allGroups()
      .filter((g) => g.status === 'active')
      .sort((a, b) => a.name.localeCompare(b.name, 'de')),
  );
  /** Leads host only their own groups' meetings; the coordination any (or none). */
  protected readonly hostGroups = computed(() =>
    this.coordination()
      ? this.activeGroups()
      : this.activeGroups().filter((g) => g.myRole === 'lead' && g.myStatus === 'active'),
  );

  protected readonly suggestions = toSignal(
    this.form.controls.personQuery.valueChanges.pipe(
      debounceTime(250),
      map((q) => (typeof q === 'string' ? q.trim() : '')),
      distinctUntilChanged(),
      switchMap((q) => (q.length < 2 ? of([]) : this.groupsApi.searchPeople(q).pipe(catchError(() => of([]))))),
      startWith([] as DirectoryPerson[]),
    ),
    { initialValue: [] as DirectoryPerson[] },
  );

  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Field errors of the api that have no field in the form. */
  protected readonly otherErrors = signal<string[]>([]);
  protected readonly conflict = signal(false);
  protected readonly notice = signal('');
  /** One key per opened dialog: a double click or a retry after a network error plans one meeting. */
  private readonly idempotencyKey = newIdempotencyKey();

  constructor() {
    if (!this.editing) {
      // A new Monatsrunde is a monthly series by default: the weekday and position of its date.
      this.form.controls.kind.valueChanges.pipe(takeUntilDestroyed()).subscribe((kind) => {
        if (kind === 'monatsrunde' && !this.form.controls.repeat.dirty) {
          this.form.patchValue({ repeat: true, rhythm: 'monthly_weekday' });
        }
      });
      this.form.controls.date.valueChanges.pipe(takeUntilDestroyed()).subscribe((date) => {
        if (/^\d{4}-\d{2}-\d{2}$/.test(date)) this.form.patchValue(rhythmDefaults(date));
      });
    }
  }

  protected get guests(): FormArray<FormGroup<{ name: FormControl<string>; email: FormControl<string> }>> {
    return this.form.controls.guests;
  }

  protected get agenda() {
    return this.form.controls.agenda;
  }

  protected addGuest(): void {
    this.guests.push(this.guestGroup('', ''));
    this.notice.set(`Gast ${this.guests.length} hinzugefügt.`);
  }

  protected removeGuest(index: number): void {
    this.guests.removeAt(index);
    this.notice.set(`Gast ${index + 1} entfernt.`);
  }

  protected addAgendaItem(): void {
    this.agenda.push(
      this.fb.group({
        title: this.fb.control('', [Validators.maxLength(200)]),
        minutes: new FormControl<number | null>(null, [Validators.min(1), Validators.max(600)]),
      }),
    );
    this.notice.set(`Tagesordnungspunkt ${this.agenda.length} hinzugefügt.`);
  }

  protected removeAgendaItem(index: number): void {
    this.agenda.removeAt(index);
    this.notice.set(`Tagesordnungspunkt ${index + 1} entfernt.`);
  }

  protected personLabel(person: DirectoryPerson | string | null): string {
    return typeof person === 'string' ? person : (person?.name ?? '');
  }

  protected choosePerson(event: MatAutocompleteSelectedEvent): void {
    const person = event.option.value as DirectoryPerson;
    if (!this.people().some((p) => p.id === person.id)) {
      this.people.set([...this.people(), { id: person.id, name: person.name, organization: person.organizationName }]);
      this.notice.set(`${person.name} wird eingeladen.`);
    }
    this.form.controls.personQuery.setValue('');
  }

  protected removePerson(person: ChosenPerson): void {
    this.people.set(this.people().filter((p) => p.id !== person.id));
    this.notice.set(`${person.name} wird nicht mehr eingeladen.`);
  }

  /** The German message for a control's first error. */
  protected errorOf(name: string): string {
    const control = this.form.get(name);
    const errors = control?.errors;
    if (!errors) return '';
    if (errors['server']) return errors['server'] as string;
    const messages: Record<string, string> = {
      title: 'Bitte geben Sie einen Titel an (höchstens 200 Zeichen).',
      date: 'Bitte geben Sie ein Datum an.',
      startTime: 'Bitte geben Sie den Beginn als Uhrzeit an (HH:MM).',
      endTime: 'Bitte geben Sie das Ende als Uhrzeit an (HH:MM).',
      endDate: 'Bitte geben Sie den letzten Tag an; er darf nicht vor dem ersten liegen.',
      onlineUrl: 'Bitte geben Sie einen Link an, der mit https:// beginnt.',
      address: 'Bitte geben Sie die Adresse an.',
      capacity: 'Die Kapazität muss eine Zahl zwischen 1 und 10.000 sein.',
      hostGroupId: 'Bitte wählen Sie Ihre Arbeitsgruppe.',
      interval: 'Bitte geben Sie eine Zahl zwischen 1 und 12 an.',
      monthDay: 'Bitte geben Sie einen Tag zwischen 1 und 31 an.',
      until: 'Bitte geben Sie das Enddatum der Serie an; es darf nicht vor dem ersten Termin liegen.',
      count: 'Bitte geben Sie eine Anzahl zwischen 1 und 100 an.',
      description: 'Die Beschreibung ist zu lang.',
    };
    return messages[name] ?? 'Bitte prüfen Sie diese Angabe.';
  }

  protected guestError(index: number, field: 'name' | 'email'): string {
    const control = this.guests.at(index).controls[field];
    if (control.hasError('server')) return control.getError('server') as string;
    return field === 'name' ? 'Bitte geben Sie den Namen an.' : 'Bitte geben Sie eine gültige E-Mail-Adresse an.';
  }

  // --- Speichern ---

  protected save(): void {
    if (this.saving()) return;
    this.error.set(null);
    this.otherErrors.set([]);
    this.checkCrossFields();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.error.set('Der Termin wurde nicht gespeichert. Bitte beachten Sie die Hinweise an den Feldern.');
      this.focusFirstInvalid();
      return;
    }
    const value = this.formValue(this.form.getRawValue());
    const meeting = this.meeting();
    let request: Observable<MeetingSaved>;
    if (meeting && this.baseline) {
      const change = changesOf(
        this.baseline,
        value,
        meeting.version,
        this.inSeries ? this.form.controls.scope.value : null,
      );
      if (!hasChanges(change)) {
        this.error.set('Sie haben nichts geändert.');
        return;
      }
      request = this.meetings.update(meeting.id, change);
    } else {
      request = this.meetings.create(toCreateDto(value), this.idempotencyKey);
    }
    this.saving.set(true);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.dialogRef.close(saved);
        if (!meeting) void this.router.navigate(['/termine', saved.meeting.id]);
        if (saved.guestLinks.length > 0) openGuestLinks(this.dialog, saved.guestLinks);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.showError(error);
      },
    });
  }

  /** After a conflict: loads the current meeting; the person's entries stay and are applied to it. */
  protected reloadCurrent(): void {
    const meeting = this.meeting();
    if (!meeting) return;
    this.meetings
      .detail(meeting.id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (current) => {
          this.meeting.set(current);
          this.baseline = valueOf(current);
          this.conflict.set(false);
          this.error.set(null);
          this.notice.set('Der aktuelle Stand wurde geladen. Speichern Sie erneut, um Ihre Änderungen anzuwenden.');
        },
        error: (error: unknown) => this.error.set(apiErrorText(error)),
      });
  }

  private checkCrossFields(): void {
    const c = this.form.controls;
    const v = c.format.value;
    if (v !== 'online' && !c.address.value.trim()) c.address.setErrors({ required: true });
    if (c.multiDay.value && !c.repeat.value && (!c.endDate.value || c.endDate.value < c.date.value)) {
      c.endDate.setErrors({ invalid: true });
    }
    if (!this.editing && c.repeat.value) {
      if (c.seriesEnd.value === 'until' && (!c.until.value || c.until.value < c.date.value)) {
        c.until.setErrors({ invalid: true });
      }
      if (c.seriesEnd.value === 'count' && !c.count.value) c.count.setErrors({ required: true });
    }
    if (!this.editing && !this.coordination() && !c.hostGroupId.value) c.hostGroupId.setErrors({ required: true });
    for (const guest of this.guests.controls) {
      const { name, email } = guest.controls;
      if (!name.value.trim()) name.setErrors({ required: true });
      if (!EMAIL.test(email.value.trim())) email.setErrors({ email: true });
    }
  }

  private showError(error: unknown): void {
    // A 409 when editing is a stale version; when planning, the api's own message says what happened.
    if (error instanceof HttpErrorResponse && error.status === 409 && this.meeting()) {
      this.conflict.set(true);
      this.error.set(
        'Der Termin wurde inzwischen von jemand anderem geändert. Ihre Änderungen wurden noch nicht gespeichert.',
      );
      this.content().nativeElement.scrollTop = 0;
      return;
    }
    const others: string[] = [];
    let atFields = 0;
    for (const detail of apiFieldErrors(error)) {
      const [head, index, sub] = detail.field.split('.');
      const control =
        head === 'guests' && index !== undefined && (sub === 'name' || sub === 'email')
          ? this.guests.at(Number(index))?.controls[sub]
          : (FIELD_CONTROLS as readonly string[]).includes(head)
            ? this.form.get(head)
            : null;
      if (control) {
        control.setErrors({ server: detail.message });
        control.markAsTouched();
        atFields++;
      } else {
        others.push(detail.message);
      }
    }
    if (atFields || others.length) {
      this.otherErrors.set(others);
      this.error.set('Der Termin wurde nicht gespeichert. Bitte beachten Sie die Hinweise.');
      this.focusFirstInvalid();
      return;
    }
    this.error.set(apiErrorText(error));
    this.content().nativeElement.scrollTop = 0;
  }

  private formValue(raw: ReturnType<typeof this.form.getRawValue>): MeetingFormValue {
    return {
      ...raw,
      invitedPersonIds: this.people().map((p) => p.id),
      guests: raw.guests,
      agenda: raw.agenda,
    };
  }

  private guestGroup(name: string, email: string) {
    return this.fb.group({
      name: [name, Validators.maxLength(200)],
      email: [email, Validators.maxLength(254)],
    });
  }

  private emptyValue(): MeetingFormValue {
    return {
      kind: 'monatsrunde',
      title: '',
      description: '',
      date: this.today,
      startTime: '10:00',
      endTime: '11:30',
      multiDay: false,
      endDate: '',
      format: 'online',
      onlineUrl: '',
      address: '',
      room: '',
      capacity: null,
      hostGroupId: '',
      inviteAll: true,
      invitedGroupIds: [],
      invitedPersonIds: [],
      guests: [],
      callForItems: true,
      repeat: true,
      rhythm: 'monthly_weekday',
      interval: 1,
      ...rhythmDefaults(this.today),
      seriesEnd: 'count',
      until: '',
      count: 12,
      agenda: [],
    };
  }

  private focusFirstInvalid(): void {
    setTimeout(() => {
      this.content()
        .nativeElement.querySelector<HTMLElement>('input.ng-invalid, textarea.ng-invalid, mat-select.ng-invalid')
        ?.focus();
    });
  }
}

/** Opens the form; emits the saved meeting, or undefined when the person cancelled. */
export function openMeetingForm(dialog: MatDialog, data: MeetingFormDialogData): Observable<MeetingSaved | undefined> {
  return dialog
    .open<MeetingFormDialog, MeetingFormDialogData, MeetingSaved>(MeetingFormDialog, {
      data,
      width: '52rem',
      maxWidth: 'calc(100vw - 2rem)',
      autoFocus: 'first-tabbable',
      restoreFocus: true,
    })
    .afterClosed();
}
