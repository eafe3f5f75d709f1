import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, input, signal } from '@angular/core';

type Render = (source: string) => string;

let renderer: Promise<Render> | undefined;

/**
 * Renders Markdown like the api does (no raw HTML, links made clickable, line breaks kept,
 * headings start at h2). markdown-it is loaded only when a preview is first shown, so it stays
 * out of every bundle but the preview's. The HTML goes through [innerHTML], which Angular sanitises;
 * what is stored is always rendered and sanitised again by the api.
 */
export function loadMarkdownRenderer(): Promise<Render> {
  renderer ??= import('markdown-it').then(({ default: MarkdownIt }) => {
    const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
    return (source: string) => (source.trim() ? markdown.render(source).replace(/<(\/?)h1>/g, '<$1h2>') : '');
  });
  return renderer;
}

/** The preview of a Markdown text, in the same look as the group page. */
@Component({
  selector: 'srp-markdown-preview',
  template: `
    @if (html(); as content) {
      <div class="markdown" [innerHTML]="content"></div>
    } @else if (loaded()) {
      <p class="empty">Noch kein Text – die Vorschau erscheint, sobald Sie etwas schreiben.</p>
    } @else {
      <p class="empty">Vorschau wird geladen …</p>
    }
  `,
  styleUrl: './markdown.scss',
  styles: `
    .empty {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MarkdownPreview {
  /** The Markdown source. */
  readonly source = input.required<string>();

  protected readonly html = signal('');
  protected readonly loaded = signal(false);

  constructor() {
    let destroyed = false;
    inject(DestroyRef).onDestroy(() => (destroyed = true));
    effect(() => {
      const source = this.source();
      void loadMarkdownRenderer().then((render) => {
        if (!destroyed) {
          this.html.set(render(source));
          this.loaded.set(true);
        }
      });
    });
  }
}
