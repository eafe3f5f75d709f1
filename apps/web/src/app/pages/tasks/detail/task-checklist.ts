import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { TASK_LIMITS } from '@srp/contracts';
import { ChecklistEntry, ChecklistOp } from './checklist-ops';

const ITEM_VALIDATORS = [
  Validators.required,
  Validators.pattern(/\S/),
  Validators.maxLength(TASK_LIMITS.checklistItem),
];

/**
 * The checklist of a task: ticking (assignees and members), adding, renaming and removing items
 * (members). Emits one change at a time; the page saves it and hands back the new list.
 */
@Component({
  selector: 'srp-task-checklist',
  imports: [
    MatButton,
    MatCheckbox,
    MatError,
    MatFormField,
    MatIcon,
    MatIconButton,
    MatInput,
    MatLabel,
    ReactiveFormsModule,
  ],
  template: `
    @if (items().length > 0) {
      <p class="progress" [id]="progressId">
        <progress class="bar" aria-hidden="true" [value]="doneCount()" [max]="items().length"></progress>
        <span class="progress-text">{{ doneCount() }} von {{ items().length }} erledigt</span>
      </p>
      <ul class="items" [attr.aria-describedby]="progressId" aria-label="Punkte der Checkliste">
        @for (item of items(); track item.id) {
          <li>
            @if (renaming() === item.id) {
              <form class="rename" [formGroup]="renameForm" (ngSubmit)="saveRename(item)" novalidate>
                <mat-form-field appearance="outline" subscriptSizing="dynamic">
                  <mat-label>Neuer Text für „{{ item.text }}“</mat-label>
                  <input
                    #renameInput
                    matInput
                    [formControl]="renameText"
                    [attr.maxlength]="maxLength"
                    (keydown.escape)="cancelRename($event)"
                  />
                  @if (renameText.touched && renameText.invalid) {
                    <mat-error>Bitte geben Sie einen Text an.</mat-error>
                  }
                </mat-form-field>
                <button matButton="filled" type="submit">Speichern</button>
                <button matButton type="button" (click)="cancelRename()">Abbrechen</button>
              </form>
            } @else {
              <mat-checkbox
                [checked]="item.done"
                [disabled]="!mayWork()"
                [disabledInteractive]="mayWork()"
                (change)="toggle(item, $event.checked, $event.source)"
                >{{ item.text }}</mat-checkbox
              >
              @if (mayEdit()) {
                <span class="item-actions">
                  <button
                    matIconButton
                    type="button"
                    [attr.data-rename]="item.id"
                    [attr.aria-label]="'„' + item.text + '“ umbenennen'"
                    [aria-disabled]="busy()"
                    (click)="startRename(item)"
                  >
                    <mat-icon>edit</mat-icon>
                  </button>
                  <button
                    matIconButton
                    type="button"
                    [attr.aria-label]="'„' + item.text + '“ entfernen'"
                    [aria-disabled]="busy()"
                    (click)="remove(item)"
                  >
                    <mat-icon>delete</mat-icon>
                  </button>
                </span>
              }
            }
          </li>
        }
      </ul>
    } @else {
      <p class="muted">
        Noch keine Checkliste.
        @if (mayEdit()) {
          Teilen Sie die Aufgabe in einzelne Schritte auf.
        }
      </p>
    }
    @if (mayEdit()) {
      @if (items().length < maxItems) {
        <form class="add" [formGroup]="addForm" (ngSubmit)="add()" novalidate #addDirective="ngForm">
          <mat-form-field appearance="outline" subscriptSizing="dynamic" hideRequiredMarker>
            <mat-label>Neuer Punkt</mat-label>
            <input #addInput matInput [formControl]="newText" [attr.maxlength]="maxLength" />
            @if (newText.touched && newText.invalid) {
              <mat-error>Bitte geben Sie einen Text an.</mat-error>
            }
          </mat-form-field>
          <button matButton="outlined" type="submit" [aria-disabled]="busy()">
            <mat-icon>add</mat-icon>
            Hinzufügen
          </button>
        </form>
      } @else {
        <p class="muted">Die Checkliste hat die größtmögliche Zahl von {{ maxItems }} Punkten.</p>
      }
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .progress {
      display: flex;
      gap: 0.75rem;
      align-items: center;
      margin: 0 0 0.5rem;
    }
    .bar {
      flex: 0 1 12rem;
      height: 0.5rem;
      overflow: hidden;
      border: 0;
      border-radius: var(--mat-sys-corner-full);
      background: var(--mat-sys-surface-container-highest);
      appearance: none;
    }
    .bar::-webkit-progress-bar {
      background: var(--mat-sys-surface-container-highest);
    }
    .bar::-webkit-progress-value {
      background: var(--mat-sys-primary);
    }
    .bar::-moz-progress-bar {
      background: var(--mat-sys-primary);
    }
    .progress-text {
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .items {
      margin: 0 0 1rem;
      padding: 0;
      list-style: none;
    }
    li {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      justify-content: space-between;
      min-height: 3rem;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .item-actions {
      display: flex;
      flex: none;
    }
    .rename,
    .add {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      width: 100%;
      padding: 0.5rem 0;

      mat-form-field {
        flex: 1 1 16rem;
      }
    }
    .muted {
      margin: 0 0 1rem;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskChecklist {
  readonly items = input.required<readonly ChecklistEntry[]>();
  /** Tick and untick (assignees, members). */
  readonly mayWork = input(false);
  /** Add, rename, remove (members, leads, coordination). */
  readonly mayEdit = input(false);
  /** A change is being saved: the next waits, so that it is based on the new version. */
  readonly busy = input(false);
  readonly changed = output<ChecklistOp>();

  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly maxLength = TASK_LIMITS.checklistItem;
  protected readonly maxItems = TASK_LIMITS.checklist;
  protected readonly progressId = `checklist-progress-${Math.random().toString(36).slice(2, 8)}`;
  protected readonly doneCount = computed(() => this.items().filter((item) => item.done).length);
  protected readonly renaming = signal<string | null>(null);
  protected readonly renameText = new FormControl('', { nonNullable: true, validators: ITEM_VALIDATORS });
  protected readonly newText = new FormControl('', { nonNullable: true, validators: ITEM_VALIDATORS });
  // Forms need a FormGroupDirective for (ngSubmit); without one the browser would submit the page.
  protected readonly renameForm = new FormGroup({ text: this.renameText });
  protected readonly addForm = new FormGroup({ text: this.newText });
  private readonly renameInput = viewChild<ElementRef<HTMLInputElement>>('renameInput');
  private readonly addInput = viewChild<ElementRef<HTMLInputElement>>('addInput');
  /** resetForm() also clears "submitted", so the emptied required field does not turn red. */
  private readonly addDirective = viewChild<FormGroupDirective>('addDirective');

  protected toggle(item: ChecklistEntry, done: boolean, source: MatCheckbox): void {
    if (this.busy() || !this.mayWork()) {
      // Not now: show the saved state again (the click already flipped the box).
      source.checked = item.done;
      return;
    }
    this.changed.emit({ kind: 'toggle', id: item.id, done });
  }

  protected add(): void {
    if (this.busy()) {
      return;
    }
    if (this.newText.invalid) {
      this.newText.markAsTouched();
      return;
    }
    this.changed.emit({ kind: 'add', text: this.newText.value });
    const directive = this.addDirective();
    if (directive) directive.resetForm({ text: '' });
    else this.newText.reset('');
    afterNextRender(() => this.addInput()?.nativeElement.focus(), { injector: this.injector });
  }

  protected startRename(item: ChecklistEntry): void {
    if (this.busy()) {
      return;
    }
    this.renameText.reset(item.text);
    this.renaming.set(item.id);
    afterNextRender(
      () => {
        const field = this.renameInput()?.nativeElement;
        field?.focus();
        field?.select();
      },
      { injector: this.injector },
    );
  }

  protected saveRename(item: ChecklistEntry): void {
    if (this.busy()) {
      return;
    }
    if (this.renameText.invalid) {
      this.renameText.markAsTouched();
      return;
    }
    const id = item.id;
    this.renaming.set(null);
    if (this.renameText.value.trim() !== item.text) {
      this.changed.emit({ kind: 'rename', id, text: this.renameText.value });
    }
    this.focusRenameButton(id);
  }

  protected cancelRename(event?: Event): void {
    event?.stopPropagation();
    const id = this.renaming();
    this.renaming.set(null);
    if (id) {
      this.focusRenameButton(id);
    }
  }

  /** The rename form is gone: the focus goes back to the button that opened it. */
  private focusRenameButton(id: string): void {
    afterNextRender(
      () =>
        Array.from(this.host.nativeElement.querySelectorAll<HTMLElement>('[data-rename]'))
          .find((button) => button.dataset['rename'] === id)
          ?.focus(),
      { injector: this.injector },
    );
  }

  protected remove(item: ChecklistEntry): void {
    if (this.busy()) {
      return;
    }
    this.changed.emit({ kind: 'remove', id: item.id });
    // The button goes away with the item: the focus waits in the field for a new one.
    afterNextRender(() => this.addInput()?.nativeElement.focus(), { injector: this.injector });
  }
}
