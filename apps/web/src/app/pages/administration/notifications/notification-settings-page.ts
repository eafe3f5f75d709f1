import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormArray,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import {
  MANDATORY_NOTIFICATION_KINDS,
  NOTIFICATION_CHANNEL_LABELS,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_LIMITS,
  NotificationChannel,
  NotificationKind,
} from '@srp/contracts';
import {
  MeetingReminderRule,
  NotificationSettings,
  NotificationsAdminService,
  ReminderSettings,
} from '../../../core/notifications-admin.service';
import { apiErrorCode, apiErrorText, apiFieldErrors } from '../../../shared/api-errors';
import { BerlinDatePipe } from '../../../shared/berlin-date.pipe';

type RuleType = MeetingReminderRule['type'];
type DaysField = 'agendaCallDaysBefore' | 'taskDueSoonDays' | 'minutesDeadlineDays';

type RuleForm = FormGroup<{
  type: FormControl<RuleType>;
  hours: FormControl<number | null>;
  time: FormControl<string>;
}>;

type PageState =
  | { status: 'loading' }
  | { status: 'loaded'; loaded: NotificationSettings }
  | { status: 'error'; message: string; secondFactorMissing: boolean };

interface SaveProblem {
  message: string;
  /** 409: someone saved in between; only reloading helps. */
  stale: boolean;
  secondFactorMissing: boolean;
  /** Field errors of a 400 that belong to no field on the page. */
  unplaced: string[];
}

/** The kinds whose default a coordinator can change (invitations and cancellations always go by e-mail). */
const CONFIGURABLE_KINDS = NOTIFICATION_KINDS.filter((kind) => !MANDATORY_NOTIFICATION_KINDS.includes(kind));

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** What "am Vortag um …" starts with when a rule switches to it. */
const DEFAULT_TIME = '09:00';

function wholeNumber(control: AbstractControl<number | null>): ValidationErrors | null {
  const value = control.value;
  return value === null || Number.isInteger(value) ? null : { wholeNumber: true };
}

function range(max: number): number[] {
  return Array.from({ length: max }, (_, i) => i + 1);
}

function days(count: number): string {
  return count === 1 ? '1 Tag' : `${count} Tage`;
}

/** One of the "number of days or off" settings, as the page shows it. */
interface DaysSetting {
  field: DaysField;
  label: string;
  hint: string;
  options: { value: number; label: string }[];
}

const DAYS_SETTINGS: DaysSetting[] = [
  {
    field: 'agendaCallDaysBefore',
    label: 'Aufruf für Tagesordnungspunkte',
    hint: 'Bei Terminen einer Reihe, um 09:00 Uhr an alle Eingeladenen. Eine Reihe kann das für sich ändern.',
    options: range(NOTIFICATION_LIMITS.maxAgendaCallDays).map((n) => ({
      value: n,
      label: `${days(n)} vor dem Termin`,
    })),
  },
  {
    field: 'taskDueSoonDays',
    label: 'Erinnerung an fällige Aufgaben',
    hint: 'Um 08:00 Uhr an die Zuständigen; am Fälligkeitstag selbst kommt ein weiterer Hinweis.',
    options: range(NOTIFICATION_LIMITS.maxTaskDueSoonDays).map((n) => ({
      value: n,
      label: `${days(n)} vor der Fälligkeit`,
    })),
  },
  {
    field: 'minutesDeadlineDays',
    label: 'Erinnerung an die Freigabe von Protokollen',
    hint: 'Um 09:00 Uhr an alle, die das Protokoll noch nicht freigegeben haben.',
    options: range(NOTIFICATION_LIMITS.maxMinutesDeadlineDays).map((n) => ({
      value: n,
      label: `${days(n)} vor der Frist`,
    })),
  },
];

/**
 * "Erinnerungen und Benachrichtigungen" (`/verwaltung/benachrichtigungen/einstellungen`, coordination
 * and administration): the default channel per kind for people who chose nothing themselves, when
 * meeting reminders go out, and the day-based reminders. Saved with the version it was based on.
 */
@Component({
  selector: 'srp-notification-settings-page',
  imports: [
    BerlinDatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatError,
    MatFormField,
    MatHint,
    MatIcon,
    MatInput,
    MatLabel,
    MatProgressBar,
  ],
  templateUrl: './notification-settings-page.html',
  styleUrls: ['../administration.scss', './notifications.scss', './notification-settings-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationSettingsPage {
  private readonly admin = inject(NotificationsAdminService);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly kinds = CONFIGURABLE_KINDS;
  protected readonly mandatoryKinds = MANDATORY_NOTIFICATION_KINDS;
  protected readonly kindLabels = NOTIFICATION_KIND_LABELS;
  protected readonly channels = NOTIFICATION_CHANNELS;
  protected readonly channelLabels = NOTIFICATION_CHANNEL_LABELS;
  protected readonly maxRules = NOTIFICATION_LIMITS.meetingReminderRules;
  protected readonly maxHours = NOTIFICATION_LIMITS.maxHoursBefore;
  protected readonly daysSettings = DAYS_SETTINGS;

  protected readonly form = new FormGroup({
    channels: new FormGroup(
      Object.fromEntries(
        CONFIGURABLE_KINDS.map((kind) => [kind, new FormControl<NotificationChannel>('email', { nonNullable: true })]),
      ) as Record<NotificationKind, FormControl<NotificationChannel>>,
    ),
    meetingReminders: new FormArray<RuleForm>([]),
    agendaCallDaysBefore: new FormControl<number | null>(null),
    taskDueSoonDays: new FormControl<number | null>(null),
    minutesDeadlineDays: new FormControl<number | null>(null),
  });
  protected readonly rules = this.form.controls.meetingReminders;

  protected readonly state = signal<PageState>({ status: 'loading' });
  protected readonly saving = signal(false);
  protected readonly saved = signal<string | null>(null);
  protected readonly problem = signal<SaveProblem | null>(null);
  /** A 400 about the list of meeting reminders as a whole (e.g. too many). */
  protected readonly rulesError = signal<string | null>(null);

  constructor() {
    this.load();
  }

  protected load(): void {
    this.state.set({ status: 'loading' });
    this.problem.set(null);
    this.saved.set(null);
    this.rulesError.set(null);
    this.admin
      .settings()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (loaded) => {
          this.fill(loaded.settings);
          this.state.set({ status: 'loaded', loaded });
        },
        error: (error: unknown) =>
          this.state.set({
            status: 'error',
            message: apiErrorText(error),
            secondFactorMissing: apiErrorCode(error) === 'SECOND_FACTOR_SETUP_REQUIRED',
          }),
      });
  }

  protected addRule(): void {
    if (this.rules.length >= this.maxRules) {
      return;
    }
    this.rules.push(this.ruleForm({ type: 'hours_before' }));
    this.rulesError.set(null);
    const index = this.rules.length - 1;
    this.focusLater(`#rule-${index}-type`);
  }

  protected removeRule(index: number): void {
    this.rules.removeAt(index);
    this.rules.markAsDirty();
    this.rulesError.set(null);
    this.focusLater('#add-rule');
  }

  protected save(): void {
    if (this.saving()) {
      return;
    }
    const state = this.state();
    if (state.status !== 'loaded') {
      return;
    }
    this.problem.set(null);
    this.saved.set(null);
    this.rulesError.set(null);
    this.clearServerErrors();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.problem.set({
        message: 'Bitte prüfen Sie die markierten Angaben.',
        stale: false,
        secondFactorMissing: false,
        unplaced: [],
      });
      this.focusFirstInvalid();
      return;
    }
    this.saving.set(true);
    this.admin
      .updateSettings({ settings: this.settings(), version: state.loaded.version })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (loaded) => {
          this.saving.set(false);
          this.fill(loaded.settings);
          this.state.set({ status: 'loaded', loaded });
          this.saved.set(
            'Die Einstellungen sind gespeichert. Die Erinnerungen künftiger Termine werden danach neu geplant.',
          );
        },
        error: (error: unknown) => this.failed(error),
      });
  }

  protected ruleType(rule: RuleForm): RuleType {
    return rule.controls.type.value;
  }

  protected isMandatory(kind: NotificationKind): boolean {
    return this.mandatoryKinds.includes(kind);
  }

  private failed(error: unknown): void {
    this.saving.set(false);
    const code = apiErrorCode(error);
    const unplaced: string[] = [];
    for (const detail of apiFieldErrors(error)) {
      if (!this.place(detail.field, detail.message)) {
        unplaced.push(detail.message);
      }
    }
    this.problem.set({
      message:
        code === 'VALIDATION_FAILED'
          ? 'Die Einstellungen wurden nicht gespeichert. Bitte prüfen Sie die markierten Angaben.'
          : apiErrorText(error),
      stale: code === 'CONFLICT',
      secondFactorMissing: code === 'SECOND_FACTOR_SETUP_REQUIRED',
      unplaced,
    });
    if (code === 'VALIDATION_FAILED') {
      this.focusFirstInvalid();
    }
  }

  /**
   * Shows a 400's field error at its field ("settings.meetingReminders.1.hours" → the hours of the
   * second rule); false when the page has no such field.
   */
  private place(field: string, message: string): boolean {
    const path = field.replace(/^settings\./, '').split('.');
    const [head, second, third] = path;
    if (head === 'channels' && second) {
      return this.mark(this.form.controls.channels.get(second), message);
    }
    if (head === 'meetingReminders') {
      if (second === undefined) {
        this.rulesError.set(message);
        return true;
      }
      const rule = this.rules.at(Number(second));
      if (!rule) {
        return false;
      }
      const target =
        third === 'type' || third === 'hours' || third === 'time'
          ? rule.controls[third]
          : this.ruleType(rule) === 'hours_before'
            ? rule.controls.hours
            : rule.controls.time;
      return this.mark(target, message);
    }
    if (head === 'agendaCallDaysBefore' || head === 'taskDueSoonDays' || head === 'minutesDeadlineDays') {
      return this.mark(this.form.controls[head], message);
    }
    return false;
  }

  private mark(control: AbstractControl | null, message: string): boolean {
    if (!control || control.disabled) {
      return false;
    }
    control.setErrors({ ...control.errors, server: message });
    control.markAsTouched();
    return true;
  }

  /** The form as the api expects it; the fixed kinds go by e-mail. */
  private settings(): ReminderSettings {
    const value = this.form.getRawValue();
    const channels: ReminderSettings['channels'] = {};
    for (const kind of NOTIFICATION_KINDS) {
      channels[kind] = this.isMandatory(kind) ? 'email' : value.channels[kind];
    }
    return {
      channels,
      meetingReminders: value.meetingReminders.map(
        (rule): MeetingReminderRule =>
          rule.type === 'hours_before'
            ? { type: 'hours_before', hours: rule.hours ?? 0 }
            : { type: 'day_before_at', time: rule.time },
      ),
      agendaCallDaysBefore: value.agendaCallDaysBefore,
      taskDueSoonDays: value.taskDueSoonDays,
      minutesDeadlineDays: value.minutesDeadlineDays,
    };
  }

  private fill(settings: ReminderSettings): void {
    for (const kind of CONFIGURABLE_KINDS) {
      this.form.controls.channels.controls[kind].setValue(settings.channels[kind] ?? 'email');
    }
    // The existing rows are reused, so the page keeps its fields (and the focus) after saving.
    while (this.rules.length > settings.meetingReminders.length) {
      this.rules.removeAt(this.rules.length - 1);
    }
    settings.meetingReminders.forEach((rule, index) => {
      const existing = this.rules.at(index);
      if (existing) {
        existing.setValue({ type: rule.type, hours: rule.hours ?? null, time: rule.time ?? DEFAULT_TIME });
      } else {
        this.rules.push(this.ruleForm(rule));
      }
    });
    this.form.patchValue({
      agendaCallDaysBefore: settings.agendaCallDaysBefore,
      taskDueSoonDays: settings.taskDueSoonDays,
      minutesDeadlineDays: settings.minutesDeadlineDays,
    });
    this.form.markAsPristine();
    this.form.markAsUntouched();
  }

  /** One meeting reminder; only the field of its type is enabled (and validated). */
  private ruleForm(rule: Partial<MeetingReminderRule> & { type: RuleType }): RuleForm {
    const form: RuleForm = new FormGroup({
      type: new FormControl<RuleType>(rule.type, { nonNullable: true }),
      hours: new FormControl<number | null>(rule.hours ?? null, [
        Validators.required,
        Validators.min(1),
        Validators.max(NOTIFICATION_LIMITS.maxHoursBefore),
        wholeNumber,
      ]),
      time: new FormControl(rule.time ?? DEFAULT_TIME, {
        nonNullable: true,
        validators: [Validators.required, Validators.pattern(TIME)],
      }),
    });
    const applyType = (type: RuleType) => {
      if (type === 'hours_before') {
        form.controls.hours.enable({ emitEvent: false });
        form.controls.time.disable({ emitEvent: false });
      } else {
        form.controls.time.enable({ emitEvent: false });
        form.controls.hours.disable({ emitEvent: false });
      }
    };
    applyType(rule.type);
    form.controls.type.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(applyType);
    return form;
  }

  /** Every field of the page with the id of its element, in the order of the page. */
  private fields(): [string, AbstractControl][] {
    return [
      ...CONFIGURABLE_KINDS.map((kind): [string, AbstractControl] => [
        `channel-${kind}`,
        this.form.controls.channels.controls[kind],
      ]),
      ...this.rules.controls.flatMap((rule, i): [string, AbstractControl][] => [
        [`rule-${i}-type`, rule.controls.type],
        [`rule-${i}-hours`, rule.controls.hours],
        [`rule-${i}-time`, rule.controls.time],
      ]),
      ...DAYS_SETTINGS.map((setting): [string, AbstractControl] => [setting.field, this.form.controls[setting.field]]),
    ];
  }

  /** Drops the api's messages of the last attempt, so they do not block the next one. */
  private clearServerErrors(): void {
    for (const [, control] of this.fields()) {
      if (control.hasError('server')) {
        control.updateValueAndValidity();
      }
    }
  }

  /** Moves the focus to the first field with an error, in the order of the page. */
  private focusFirstInvalid(): void {
    const first = this.fields().find(([, control]) => control.enabled && control.invalid);
    if (first) {
      this.focusLater(`#${first[0]}`);
    }
  }

  private focusLater(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), {
      injector: this.injector,
    });
  }
}
