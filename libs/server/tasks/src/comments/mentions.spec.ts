import { describe, expect, it } from 'vitest';
import { mentionedIn } from './task-comments.service';

describe('mentionedIn', () => {
  const people = [
    { id: 'a', name: 'Anna Beispiel' },
    { id: 'b', name: 'Jörg Müller' },
  ];

  it('keeps the people whose "@Name" is in the text, ignoring case', () => {
    expect(mentionedIn('Danke @anna beispiel, und @Jörg Müller bitte prüfen', people)).toEqual(['a', 'b']);
  });

  it('drops a remembered mention whose name was deleted from the text', () => {
    expect(mentionedIn('Bitte prüfen, @Jörg Müller', people)).toEqual(['b']);
    expect(mentionedIn('Anna Beispiel ohne At-Zeichen', people)).toEqual([]);
  });

  it('does not take a longer name for a shorter one', () => {
    const anna = [{ id: 'x', name: 'Anna' }];
    expect(mentionedIn('Frage an @Annabelle', anna)).toEqual([]);
    expect(mentionedIn('Frage an @Annabelle und @Anna.', anna)).toEqual(['x']);
  });
});
