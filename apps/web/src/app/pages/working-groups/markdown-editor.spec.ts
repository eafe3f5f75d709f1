import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { FormControl } from '@angular/forms';
import { present } from '../../testing/dom-testing';
import { MarkdownEditor } from './markdown-editor';
import { loadMarkdownRenderer } from './markdown-preview';

@Component({
  imports: [MarkdownEditor],
  template: `<srp-markdown-editor label="Ziele" [control]="control" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly control = new FormControl('- **3D-Stadtmodelle** sammeln', { nonNullable: true });
}

describe('MarkdownEditor', () => {
  let fixture: ComponentFixture<Host>;

  beforeEach(async () => {
    fixture = TestBed.createComponent(Host);
    await settle();
  });

  async function settle(): Promise<void> {
    await fixture.whenStable();
    await loadMarkdownRenderer();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  const element = () => fixture.nativeElement as HTMLElement;
  const toggle = () =>
    present(
      Array.from(element().querySelectorAll<HTMLButtonElement>('button')).find((b) =>
        b.textContent?.includes('Vorschau'),
      ),
      'preview button',
    );

  it('shows the preview on request and follows what is typed', async () => {
    const preview = present(element().querySelector<HTMLElement>('.preview'), 'preview');
    expect(preview.hidden).toBe(true);
    expect(toggle().getAttribute('aria-expanded')).toBe('false');
    toggle().click();
    await settle();
    expect(preview.hidden).toBe(false);
    expect(toggle().getAttribute('aria-expanded')).toBe('true');
    expect(preview.querySelector('li strong')?.textContent).toBe('3D-Stadtmodelle');

    const textarea = present(element().querySelector('textarea'), 'textarea');
    textarea.value = '# Titel\n\n<script>alert(1)</script> [Link](javascript:alert(1))';
    textarea.dispatchEvent(new Event('input'));
    await settle();
    // Headings start at h2, raw HTML is shown as text, script links are refused.
    expect(preview.querySelector('h1')).toBeNull();
    expect(preview.querySelector('h2')?.textContent).toBe('Titel');
    expect(preview.querySelector('script')).toBeNull();
    expect(preview.textContent).toContain('<script>');
    expect(preview.querySelector('a[href^="javascript"]')).toBeNull();
  });

  it('says when there is nothing to preview yet', async () => {
    fixture.componentInstance.control.setValue('   ');
    toggle().click();
    await settle();
    expect(element().querySelector('.preview')?.textContent).toContain('Noch kein Text');
  });
});
