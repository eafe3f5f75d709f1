import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  InjectionToken,
  OnInit,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { MatOption, MatSelect } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { HttpErrorResponse } from '@angular/common/http';
import { firstValueFrom } from 'rxjs';
import { GroupsService } from '../../core/groups.service';
import { ATTENDANCE_MODE_LABELS, ATTENDANCE_STATUS_LABELS, berlinTime } from '../../core/meetings.service';
import {
  MINUTES_ENTRY_KIND_LABELS,
  MINUTES_ENTRY_KIND_ORDER,
  Minutes,
  MinutesEntryKind,
  MinutesService,
  PUBLISH_LEVEL_LABELS,
  PublishLevel,
  absentAttendeeCount,
  listedAttendees,
} from '../../core/minutes.service';
import { apiErrorText, apiFieldErrors } from '../../shared/api-errors';
import { askReviewDeadline } from './minutes-dialogs';
import {
  DraftEntry,
  DraftModel,
  assignedIds,
  draftAsText,
  entryErrors,
  newEntryKey,
  toDraft,
  toSaveBody,
} from './minutes-draft';

/** How long the editor waits after the last change before it saves (ms). */
export const MINUTES_AUTOSAVE_DELAY = new InjectionToken<number>('MINUTES_AUTOSAVE_DELAY', {
  factory: () => 1500,
});

type SaveState = { kind: 'saved'; at: string | null } | { kind: 'pending' } | { kind: 'saving' } | { kind: 'failed' };

interface Person {
  id: string;
  name: string;
}

/**
 * The draft of the minutes: notes per agenda item, entries (information, decisions, action items),
 * publish level. Saves the whole document on its own shortly after the last change, one request
 * at a time, each based on the version the previous one answered.
 */
@Component({
  selector: 'srp-minutes-editor',
  imports: [
    FormsModule,
    MatButton,
    MatCheckbox,
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
    RouterLink,
  ],
  templateUrl: './minutes-editor.html',
  styleUrls: ['../working-groups/feedback.scss', './minutes-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MinutesEditor implements OnInit {
  protected readonly attendees = listedAttendees;
  protected readonly absentCount = absentAttendeeCount;
  /** The minutes when the editor opened; later answers of the server are kept inside. */
  readonly minutes = input.required<Minutes>();
  /** Every newer state of the minutes the server answered (saves, submit, reload). */
  readonly replaced = output<Minutes>();

  private readonly service = inject(MinutesService);
  private readonly groupsService = inject(GroupsService);
  private readonly dialog = inject(MatDialog);
  private readonly delay = inject(MINUTES_AUTOSAVE_DELAY);

  protected readonly current = signal<Minutes | null>(null);
  protected readonly draft = signal<DraftModel>({
    generalNotes: '',
    itemNotes: {},
    publishLevel: 'group',
    entries: [],
  });
  protected readonly saveState = signal<SaveState>({ kind: 'saved', at: null });
  protected readonly conflict = signal(false);
  protected readonly conflictText = signal('');
  protected readonly error = signal<string | null>(null);
  protected readonly fieldErrors = signal<Map<string, string[]>>(new Map());
  protected readonly submitting = signal(false);

  protected readonly kinds = MINUTES_ENTRY_KIND_ORDER;
  protected readonly kindLabels = MINUTES_ENTRY_KIND_LABELS;
  protected readonly levels: PublishLevel[] = ['group', 'initiative'];
  protected readonly levelLabels = PUBLISH_LEVEL_LABELS;
  protected readonly statusLabels = ATTENDANCE_STATUS_LABELS;
  protected readonly modeLabels = ATTENDANCE_MODE_LABELS;

  protected readonly groups = signal<Array<{ id: string; shortName: string; name: string }>>([]);
  /** Active members by group id, loaded when an action item first needs them. */
  protected readonly members = signal<Record<string, Person[]>>({});
  /** Names of assignees already in the minutes (they stay selectable even after leaving the group). */
  private readonly knownPeople = new Map<string, string>();
  private readonly requestedGroups = new Set<string>();

  protected readonly sections = computed(() => {
    const draft = this.draft();
    const items = this.current()?.items ?? [];
    return [
      ...items.map((item) => ({
        id: item.id as string | null,
        heading: `TOP ${item.number}: ${item.title}`,
        entries: draft.entries.filter((e) => e.agendaItemId === item.id),
      })),
      { id: null, heading: 'Weitere Punkte', entries: draft.entries.filter((e) => e.agendaItemId === null) },
    ];
  });

  protected readonly saveText = computed(() => {
    const state = this.saveState();
    switch (state.kind) {
      case 'saving':
        return 'Speichert …';
      case 'pending':
        return 'Ungespeicherte Änderungen';
      case 'failed':
        return 'Nicht gespeichert';
      default:
        return state.at ? `Gespeichert um ${state.at}` : 'Alle Änderungen gespeichert';
    }
  });

  private version = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inflight: Promise<void> | null = null;
  /** Local changes not sent yet. */
  private dirty = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  ngOnInit(): void {
    this.adopt(this.minutes());
    this.groupsService.list().subscribe({
      next: (groups) => this.groups.set(groups.filter((g) => g.status === 'active')),
      error: () => this.error.set('Die Arbeitsgruppen konnten nicht geladen werden.'),
    });
  }

  // --- Änderungen ---

  protected setGeneralNotes(value: string): void {
    this.change((d) => ({ ...d, generalNotes: value }));
  }

  protected setItemNotes(itemId: string, value: string): void {
    this.change((d) => ({ ...d, itemNotes: { ...d.itemNotes, [itemId]: value } }));
  }

  protected setPublishLevel(level: PublishLevel): void {
    this.change((d) => ({ ...d, publishLevel: level }));
  }

  protected updateEntry(key: string, patch: Partial<DraftEntry>): void {
    this.change((d) => ({ ...d, entries: d.entries.map((e) => (e.key === key ? { ...e, ...patch } : e)) }));
    if (patch.kind === 'action_item' || patch.groupId) {
      const entry = this.draft().entries.find((e) => e.key === key);
      this.loadMembers(entry?.groupId ?? null);
    }
  }

  protected setKind(entry: DraftEntry, kind: MinutesEntryKind): void {
    const groupId =
      kind === 'action_item' ? (entry.groupId ?? this.current()?.meeting.hostGroup?.id ?? null) : entry.groupId;
    this.updateEntry(entry.key, { kind, groupId });
  }

  protected setGroup(entry: DraftEntry, groupId: string | null): void {
    // Assignees must be members of the task's group.
    this.updateEntry(entry.key, { groupId, assigneeIds: [] });
  }

  protected addEntry(agendaItemId: string | null, kind: MinutesEntryKind): void {
    const entry: DraftEntry = {
      key: newEntryKey(),
      agendaItemId,
      kind,
      text: '',
      confidential: false,
      groupId: kind === 'action_item' ? (this.current()?.meeting.hostGroup?.id ?? null) : null,
      assigneeIds: [],
      dueDate: null,
      hasTask: false,
    };
    const entries = this.draft().entries;
    // After the section's last entry, so that the order within the item is the order of writing.
    let at = entries.length;
    for (let i = entries.length - 1; i >= 0; i--) {
      if (entries[i].agendaItemId === agendaItemId) {
        at = i + 1;
        break;
      }
    }
    if (at === entries.length && agendaItemId !== null) {
      at = entries.findIndex((e) => e.agendaItemId === null);
      at = at < 0 ? entries.length : at;
    }
    this.change((d) => ({ ...d, entries: [...d.entries.slice(0, at), entry, ...d.entries.slice(at)] }));
    this.loadMembers(entry.groupId);
  }

  protected removeEntry(key: string): void {
    this.change((d) => ({ ...d, entries: d.entries.filter((e) => e.key !== key) }));
  }

  /** Swaps the entry with its neighbour in the same agenda item. */
  protected moveEntry(entry: DraftEntry, direction: -1 | 1): void {
    this.change((d) => {
      const same = d.entries.filter((e) => e.agendaItemId === entry.agendaItemId);
      const index = same.findIndex((e) => e.key === entry.key);
      const other = same[index + direction];
      if (!other) {
        return d;
      }
      const entries = d.entries.map((e) => (e.key === entry.key ? other : e.key === other.key ? entry : e));
      return { ...d, entries };
    });
  }

  protected membersOf(entry: DraftEntry): Person[] {
    const list = entry.groupId ? (this.members()[entry.groupId] ?? []) : [];
    const missing = entry.assigneeIds
      .filter((id) => !list.some((p) => p.id === id))
      .map((id) => ({ id, name: this.knownPeople.get(id) ?? 'Unbekannte Person' }));
    return [...list, ...missing];
  }

  protected errorsOf(key: string): string[] {
    return this.fieldErrors().get(key) ?? [];
  }

  // --- Speichern ---

  private change(update: (draft: DraftModel) => DraftModel): void {
    this.draft.update(update);
    if (this.conflict()) {
      this.conflictText.set(this.plainText());
      return;
    }
    this.dirty = true;
    this.saveState.set({ kind: 'pending' });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delay);
  }

  /** Sends what is not saved yet, after the request in flight; true when everything is saved. */
  async flush(): Promise<boolean> {
    clearTimeout(this.timer);
    while (this.inflight) {
      await this.inflight;
    }
    if (this.conflict()) {
      return false;
    }
    if (!this.dirty) {
      return this.saveState().kind === 'saved';
    }
    this.dirty = false;
    this.inflight = this.send(this.draft().entries, toSaveBody(this.draft(), this.version));
    await this.inflight;
    return !this.dirty && this.saveState().kind === 'saved';
  }

  private async send(sent: DraftEntry[], body: ReturnType<typeof toSaveBody>): Promise<void> {
    const id = this.current()?.id ?? '';
    this.saveState.set({ kind: 'saving' });
    try {
      const answer = await firstValueFrom(this.service.save(id, body));
      this.version = answer.version;
      this.current.set(answer);
      const ids = assignedIds(sent, answer);
      if (ids.size > 0) {
        this.draft.update((d) => ({
          ...d,
          entries: d.entries.map((e) => (ids.has(e.key) ? { ...e, id: ids.get(e.key) } : e)),
        }));
      }
      this.fieldErrors.set(new Map());
      this.error.set(null);
      this.saveState.set(this.dirty ? { kind: 'pending' } : { kind: 'saved', at: berlinTime(new Date()) });
      this.replaced.emit(answer);
    } catch (error) {
      this.saveState.set({ kind: 'failed' });
      if (error instanceof HttpErrorResponse && error.status === 409) {
        this.conflict.set(true);
        this.conflictText.set(this.plainText());
      } else {
        const { byEntry, other } = entryErrors(sent, apiFieldErrors(error));
        this.fieldErrors.set(byEntry);
        this.error.set(other.length > 0 || byEntry.size === 0 ? [apiErrorText(error), ...other].join(' ') : null);
        // The next change tries again; the person can also retry at once.
        this.dirty = true;
      }
    } finally {
      this.inflight = null;
    }
  }

  protected retry(): void {
    void this.flush();
  }

  /** After a conflict: the current minutes from the server, dropping the local changes. */
  protected reload(): void {
    const id = this.current()?.id ?? '';
    this.service.detail(id).subscribe({
      next: (minutes) => {
        this.conflict.set(false);
        this.conflictText.set('');
        this.dirty = false;
        this.adopt(minutes);
        this.replaced.emit(minutes);
      },
      error: (error: unknown) => this.error.set(apiErrorText(error)),
    });
  }

  protected submit(): void {
    askReviewDeadline(this.dialog).subscribe((deadline) => {
      if (deadline) {
        void this.submitWith(deadline);
      }
    });
  }

  private async submitWith(deadline: string): Promise<void> {
    this.submitting.set(true);
    try {
      if (!(await this.flush())) {
        return;
      }
      const answer = await firstValueFrom(this.service.submit(this.current()?.id ?? '', deadline, this.version));
      this.replaced.emit(answer);
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 409) {
        this.conflict.set(true);
        this.conflictText.set(this.plainText());
      } else {
        this.error.set(apiErrorText(error));
      }
    } finally {
      this.submitting.set(false);
    }
  }

  private adopt(minutes: Minutes): void {
    this.current.set(minutes);
    this.version = minutes.version;
    this.draft.set(toDraft(minutes));
    this.fieldErrors.set(new Map());
    this.saveState.set({ kind: 'saved', at: null });
    for (const entry of [...minutes.items.flatMap((i) => i.entries), ...minutes.entries]) {
      entry.assignees.forEach((p) => this.knownPeople.set(p.id, p.name));
    }
    this.draft()
      .entries.filter((e) => e.kind === 'action_item')
      .forEach((e) => this.loadMembers(e.groupId));
  }

  private loadMembers(groupId: string | null): void {
    if (!groupId || this.requestedGroups.has(groupId)) {
      return;
    }
    this.requestedGroups.add(groupId);
    this.groupsService.detail(groupId).subscribe({
      next: (group) =>
        this.members.update((all) => ({
          ...all,
          [groupId]: group.members.filter((m) => m.status === 'active').map((m) => ({ id: m.personId, name: m.name })),
        })),
      error: () => this.requestedGroups.delete(groupId),
    });
  }

  private plainText(): string {
    const titles = new Map((this.current()?.items ?? []).map((i) => [i.id, `TOP ${i.number}: ${i.title}`]));
    return draftAsText(this.draft(), titles);
  }
}
