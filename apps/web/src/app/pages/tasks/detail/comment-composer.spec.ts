import { ChangeDetectionStrategy, Component, signal, viewChild } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { present } from '../../../testing/dom-testing';
import { CommentComposer, MentionCandidate, NewComment } from './comment-composer';

const MEMBERS: MentionCandidate[] = [
  { id: 'a', name: 'Anna Beispiel', organizationName: 'Halle (Saale)' },
  { id: 'j', name: 'Jonas Becker', organizationName: 'Dessau-Roßlau' },
  { id: 'm', name: 'Andreas Meier', organizationName: null },
];

@Component({
  imports: [CommentComposer],
  template: `<srp-comment-composer [members]="members" (post)="posted.set($event)" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly members = MEMBERS;
  readonly posted = signal<NewComment | null>(null);
  readonly composer = viewChild.required(CommentComposer);
}

describe('CommentComposer', () => {
  let fixture: ComponentFixture<Host>;

  beforeEach(async () => {
    fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
  });

  const element = () => fixture.nativeElement as HTMLElement;
  const textarea = () => present(element().querySelector<HTMLTextAreaElement>('textarea'), 'textarea');
  const listbox = () => element().querySelector<HTMLElement>('[role="listbox"]');
  const options = () => Array.from(element().querySelectorAll<HTMLElement>('[role="option"]'));
  const selected = () => options().find((o) => o.getAttribute('aria-selected') === 'true');

  async function type(value: string, caret = value.length): Promise<void> {
    const field = textarea();
    field.value = value;
    field.setSelectionRange(caret, caret);
    field.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  async function press(key: string, init: KeyboardEventInit = {}): Promise<KeyboardEvent> {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
    textarea().dispatchEvent(event);
    await fixture.whenStable();
    return event;
  }

  it('suggests members after "@" and letters, and points the field at the list', async () => {
    await type('Hallo @an');
    expect(options().map((o) => o.querySelector('.name')?.textContent)).toEqual(['Andreas Meier', 'Anna Beispiel']);
    const list = present(listbox(), 'listbox');
    expect(textarea().getAttribute('aria-controls')).toBe(list.id);
    expect(textarea().getAttribute('aria-autocomplete')).toBe('list');
    expect(textarea().getAttribute('aria-activedescendant')).toBe(options()[0].id);
    expect(element().querySelector('.announcer')?.textContent).toContain('2 Personen zur Auswahl');

    await type('Hallo Anna');
    expect(listbox()).toBeNull();
    expect(textarea().hasAttribute('aria-activedescendant')).toBe(false);
  });

  it('moves through the list with the arrow keys, wrapping around, and takes a person with Enter', async () => {
    await type('Bitte @an');
    expect(selected()?.textContent).toContain('Andreas Meier');
    const down = await press('ArrowDown');
    expect(down.defaultPrevented).toBe(true);
    expect(selected()?.textContent).toContain('Anna Beispiel');
    expect(textarea().getAttribute('aria-activedescendant')).toBe(selected()?.id);
    await press('ArrowDown');
    expect(selected()?.textContent).toContain('Andreas Meier');
    await press('ArrowUp');
    expect(selected()?.textContent).toContain('Anna Beispiel');

    const enter = await press('Enter');
    expect(enter.defaultPrevented).toBe(true);
    expect(textarea().value).toBe('Bitte @Anna Beispiel ');
    expect(textarea().selectionStart).toBe('Bitte @Anna Beispiel '.length);
    expect(listbox()).toBeNull();
  });

  it('closes the list with Escape without letting the key through, and keeps it closed for that mention', async () => {
    await type('@jo');
    expect(options()).toHaveLength(1);
    const outside = vi.fn();
    document.addEventListener('keydown', outside);
    const escape = await press('Escape');
    document.removeEventListener('keydown', outside);
    expect(escape.defaultPrevented).toBe(true);
    expect(outside).not.toHaveBeenCalled();
    expect(listbox()).toBeNull();

    await type('@jon');
    expect(listbox()).toBeNull();
    // Enter now makes a new line as usual.
    expect((await press('Enter')).defaultPrevented).toBe(false);
    await type('@jon und @be');
    expect(options().map((o) => o.querySelector('.name')?.textContent)).toEqual(['Anna Beispiel', 'Jonas Becker']);
  });

  it('sends the ids of the people still mentioned in the text', async () => {
    await type('@an');
    await press('ArrowDown');
    await press('Enter');
    await type(`${textarea().value}und @jo`);
    await press('Enter');
    expect(textarea().value).toBe('@Anna Beispiel und @Jonas Becker ');

    // Anna's mention is edited away before sending: only Jonas is notified.
    await type('@Anna und @Jonas Becker bitte prüfen');
    present(element().querySelector<HTMLButtonElement>('button[type="submit"]'), 'submit').click();
    await fixture.whenStable();
    expect(fixture.componentInstance.posted()).toEqual({
      body: '@Anna und @Jonas Becker bitte prüfen',
      mentionIds: ['j'],
    });

    fixture.componentInstance.composer().clear();
    await fixture.whenStable();
    expect(textarea().value).toBe('');
    // The emptied field is ready for the next comment, not shown as an error.
    expect(element().querySelector('.mat-form-field-invalid')).toBeNull();
  });

  it('chooses a person with the mouse and refuses an empty comment', async () => {
    present(element().querySelector<HTMLButtonElement>('button[type="submit"]'), 'submit').click();
    await fixture.whenStable();
    expect(fixture.componentInstance.posted()).toBeNull();
    expect(element().textContent).toContain('Bitte schreiben Sie einen Kommentar.');

    await type('@be');
    const jonas = present(
      options().find((o) => o.textContent?.includes('Jonas')),
      'Jonas',
    );
    jonas.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
    jonas.click();
    await fixture.whenStable();
    expect(textarea().value).toBe('@Jonas Becker ');
  });
});
