import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { CdkTextareaAutosize } from '@angular/cdk/text-field';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { TASK_LIMITS } from '@srp/contracts';
import {
  MentionQuery,
  Mentionable,
  insertMention,
  matchMembers,
  mentionQueryAt,
  remainingMentionIds,
} from './mentions';

/** A person who can be mentioned, with the organisation to tell namesakes apart. */
export interface MentionCandidate extends Mentionable {
  organizationName?: string | null;
}

export interface NewComment {
  body: string;
  mentionIds: string[];
}

let nextId = 0;

/**
 * The comment form with @mentions. Typing "@" and letters opens a list of group members below the
 * field: arrow keys move through it, Enter takes the person ("@Vorname Nachname "), Escape closes
 * it. The textarea keeps its textbox role (ARIA allows no combobox role on a textarea); it points
 * to the list with aria-controls and to the highlighted person with aria-activedescendant, and a
 * live region says how many suggestions there are.
 */
@Component({
  selector: 'srp-comment-composer',
  imports: [
    CdkTextareaAutosize,
    MatButton,
    MatError,
    MatFormField,
    MatHint,
    MatIcon,
    MatInput,
    MatLabel,
    ReactiveFormsModule,
  ],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate #formDirective="ngForm">
      <div class="field">
        <mat-form-field appearance="outline" subscriptSizing="dynamic" hideRequiredMarker>
          <mat-label>Ihr Kommentar</mat-label>
          <textarea
            #textarea
            matInput
            [formControl]="body"
            cdkTextareaAutosize
            cdkAutosizeMinRows="3"
            cdkAutosizeMaxRows="12"
            [attr.maxlength]="maxLength"
            aria-autocomplete="list"
            [attr.aria-controls]="open() ? listId : null"
            [attr.aria-activedescendant]="open() ? optionId(active()) : null"
            (input)="update()"
            (click)="update()"
            (keyup)="caretMoved($event)"
            (keydown)="keydown($event)"
            (blur)="close()"
          ></textarea>
          <mat-hint
            >Mit „@“ erwähnen Sie Mitglieder der Gruppe; sie werden benachrichtigt. Markdown ist möglich.</mat-hint
          >
          @if (body.hasError('maxlength')) {
            <mat-error>Der Kommentar darf höchstens {{ maxLength }} Zeichen lang sein.</mat-error>
          } @else if (body.touched && body.invalid) {
            <mat-error>Bitte schreiben Sie einen Kommentar.</mat-error>
          }
        </mat-form-field>
        @if (open()) {
          <ul class="suggestions" role="listbox" [id]="listId" aria-label="Person erwähnen">
            @for (person of suggestions(); track person.id; let i = $index) {
              <li
                role="option"
                [id]="optionId(i)"
                [attr.aria-selected]="i === active()"
                [class.active]="i === active()"
                tabindex="-1"
                (mousedown)="$event.preventDefault()"
                (click)="choose(person)"
                (keydown.enter)="choose(person)"
              >
                <span class="name">{{ person.name }}</span>
                @if (person.organizationName) {
                  <span class="organization">{{ person.organizationName }}</span>
                }
              </li>
            }
          </ul>
        }
      </div>
      <p class="srp-visually-hidden announcer" aria-live="polite">{{ announcement() }}</p>
      <div class="actions">
        <button matButton="filled" type="submit" [aria-disabled]="sending()">
          <mat-icon>send</mat-icon>
          @if (sending()) {
            Wird gesendet …
          } @else {
            Kommentar senden
          }
        </button>
      </div>
    </form>
  `,
  styles: `
    :host {
      display: block;
    }
    .field {
      position: relative;
    }
    mat-form-field {
      width: 100%;
    }
    textarea {
      font: var(--mat-sys-body-medium);
      line-height: 1.5;
    }
    .suggestions {
      position: absolute;
      z-index: 10;
      top: calc(100% - 1.25rem);
      left: 0.75rem;
      min-width: 16rem;
      max-width: calc(100% - 1.5rem);
      max-height: 16rem;
      overflow-y: auto;
      margin: 0;
      padding: 0.25rem 0;
      list-style: none;
      border: 1px solid var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container-lowest);
      box-shadow: var(--mat-sys-level2);
    }
    li {
      display: flex;
      flex-direction: column;
      padding: 0.375rem 0.75rem;
      border-left: 4px solid transparent;
      cursor: pointer;
    }
    li.active {
      border-left-color: var(--mat-sys-primary);
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    li:hover {
      background: var(--mat-sys-surface-container-high);
    }
    .name {
      font: var(--mat-sys-body-medium);
    }
    .organization {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    li.active .organization {
      color: inherit;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      margin-top: 0.75rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CommentComposer {
  /** Who may be mentioned (the group's active members). */
  readonly members = input.required<readonly MentionCandidate[]>();
  /** The page is sending the comment: a second submit is ignored. */
  readonly sending = input(false);
  /** The comment to send; the page calls `clear()` once it is saved. */
  readonly post = output<NewComment>();

  protected readonly maxLength = TASK_LIMITS.comment;
  protected readonly listId = `mention-list-${nextId++}`;
  protected readonly body = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/\S/), Validators.maxLength(TASK_LIMITS.comment)],
  });
  protected readonly form = new FormGroup({ body: this.body });

  /** The "@…" being typed, or null. */
  private readonly query = signal<MentionQuery | null>(null);
  /** Escape closed the list for the mention starting here; it stays closed until another "@". */
  private dismissedAt: number | null = null;
  /** People chosen from the list, by id; only those still named in the text are sent. */
  private readonly chosen = new Map<string, string>();
  private readonly textarea = viewChild.required<ElementRef<HTMLTextAreaElement>>('textarea');
  /** resetForm() also clears "submitted", so the emptied required field does not turn red. */
  private readonly formDirective = viewChild.required<FormGroupDirective>('formDirective');

  protected readonly suggestions = computed(() => {
    const query = this.query();
    return query ? matchMembers(this.members(), query.query) : [];
  });
  protected readonly open = computed(() => this.suggestions().length > 0);
  protected readonly active = signal(0);
  protected readonly announcement = computed(() => {
    const count = this.suggestions().length;
    if (count === 0) {
      return '';
    }
    return `${count === 1 ? '1 Person' : `${count} Personen`} zur Auswahl. Mit Pfeiltasten wählen, Eingabetaste übernimmt, Escape schließt.`;
  });

  protected optionId(index: number): string {
    return `${this.listId}-${index}`;
  }

  /** Empties the form after the comment was saved. */
  clear(): void {
    this.formDirective().resetForm({ body: '' });
    this.chosen.clear();
    this.query.set(null);
    this.dismissedAt = null;
  }

  /** Looks at the text before the caret for a mention being typed. */
  protected update(): void {
    const element = this.textarea().nativeElement;
    const found =
      element.selectionStart === element.selectionEnd ? mentionQueryAt(element.value, element.selectionStart) : null;
    if (found && found.start === this.dismissedAt) {
      this.query.set(null);
      return;
    }
    this.dismissedAt = null;
    const before = this.query();
    this.query.set(found);
    if (!found || !before || found.start !== before.start || found.query !== before.query) {
      this.active.set(0);
    }
  }

  protected caretMoved(event: KeyboardEvent): void {
    // Arrow keys that the list did not take, Home/End: the caret may have left the mention.
    if (
      ['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key) ||
      (!this.open() && event.key.startsWith('Arrow'))
    ) {
      this.update();
    }
  }

  protected keydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !this.open()) {
      event.preventDefault();
      this.submit();
      return;
    }
    if (!this.open()) {
      return;
    }
    const count = this.suggestions().length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        this.active.set((this.active() + 1) % count);
        this.scrollActiveIntoView();
        break;
      case 'ArrowUp':
        event.preventDefault();
        this.active.set((this.active() - 1 + count) % count);
        this.scrollActiveIntoView();
        break;
      case 'Enter': {
        event.preventDefault();
        const person = this.suggestions()[this.active()];
        if (person) {
          this.choose(person);
        }
        break;
      }
      case 'Escape':
        // Only the list closes, not a dialog or anything else listening for Escape.
        event.preventDefault();
        event.stopPropagation();
        this.dismissedAt = this.query()?.start ?? null;
        this.query.set(null);
        break;
      case 'Tab':
        this.query.set(null);
        break;
    }
  }

  protected choose(person: MentionCandidate): void {
    const query = this.query();
    if (!query) {
      return;
    }
    const element = this.textarea().nativeElement;
    const { text, caret } = insertMention(element.value, query, person.name);
    this.body.setValue(text);
    this.body.markAsDirty();
    this.chosen.set(person.id, person.name);
    this.query.set(null);
    element.focus();
    element.setSelectionRange(caret, caret);
  }

  protected close(): void {
    this.query.set(null);
  }

  protected submit(): void {
    if (this.sending()) {
      return;
    }
    if (this.body.invalid) {
      this.body.markAsTouched();
      this.textarea().nativeElement.focus();
      return;
    }
    const body = this.body.value;
    this.post.emit({ body, mentionIds: remainingMentionIds(body, this.chosen, this.members()) });
  }

  private scrollActiveIntoView(): void {
    const option = document.getElementById(this.optionId(this.active()));
    option?.scrollIntoView?.({ block: 'nearest' });
  }
}
