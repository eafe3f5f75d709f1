import { ChangeDetectionStrategy, Component, DestroyRef, OnInit, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { CdkTextareaAutosize } from '@angular/cdk/text-field';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { startWith } from 'rxjs';
import { MarkdownPreview } from './markdown-preview';

let nextId = 0;

/** A Markdown text field with a short syntax hint and a preview that can be shown below it. */
@Component({
  selector: 'srp-markdown-editor',
  imports: [
    CdkTextareaAutosize,
    MarkdownPreview,
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
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>{{ label() }}</mat-label>
      <textarea
        matInput
        [formControl]="control()"
        cdkTextareaAutosize
        cdkAutosizeMinRows="4"
        cdkAutosizeMaxRows="16"
        [attr.maxlength]="maxLength()"
      ></textarea>
      <mat-hint>Formatierung mit Markdown: **fett**, *kursiv*, „- “ für Aufzählungen, [Linktext](https://…)</mat-hint>
      @if (control().hasError('maxlength')) {
        <mat-error>Der Text darf höchstens {{ maxLength() }} Zeichen lang sein.</mat-error>
      }
    </mat-form-field>
    <div class="preview-bar">
      <button
        matButton
        type="button"
        [attr.aria-expanded]="showPreview()"
        [attr.aria-controls]="previewId"
        (click)="showPreview.set(!showPreview())"
      >
        <mat-icon>{{ showPreview() ? 'visibility_off' : 'visibility' }}</mat-icon>
        {{ showPreview() ? 'Vorschau ausblenden' : 'Vorschau anzeigen' }}
      </button>
    </div>
    <div [id]="previewId" class="preview" [hidden]="!showPreview()" role="region" [attr.aria-label]="previewLabel()">
      @if (showPreview()) {
        <p class="preview-label" aria-hidden="true">Vorschau</p>
        <srp-markdown-preview [source]="text()" />
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    mat-form-field {
      width: 100%;
    }
    textarea {
      font: var(--mat-sys-body-medium);
      line-height: 1.5;
    }
    .preview-bar {
      display: flex;
      justify-content: flex-end;
      margin-top: 0.25rem;
    }
    .preview {
      padding: 0.75rem 1rem 1rem;
      border: 1px dashed var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-low);
    }
    .preview-label {
      margin: 0 0 0.5rem;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
      text-transform: uppercase;
      letter-spacing: 0.06em;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MarkdownEditor implements OnInit {
  readonly label = input.required<string>();
  readonly control = input.required<FormControl<string>>();
  readonly maxLength = input(20_000);

  protected readonly previewId = `markdown-preview-${nextId++}`;
  protected readonly showPreview = signal(false);
  protected readonly previewLabel = computed(() => `Vorschau: ${this.label()}`);
  protected readonly text = signal('');
  private readonly destroyRef = inject(DestroyRef);

  ngOnInit(): void {
    const control = this.control();
    control.valueChanges
      .pipe(startWith(control.value), takeUntilDestroyed(this.destroyRef))
      .subscribe((value) => this.text.set(value));
  }
}
