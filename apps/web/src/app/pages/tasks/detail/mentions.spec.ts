import { highlightMentions, insertMention, matchMembers, mentionQueryAt, remainingMentionIds } from './mentions';

const ANNA = { id: 'a', name: 'Anna Beispiel' };
const JONAS = { id: 'j', name: 'Jonas Becker' };
const MUELLER = { id: 'm', name: 'Jörg Müller' };
const MEMBERS = [JONAS, ANNA, MUELLER];

describe('mentions', () => {
  describe('mentionQueryAt', () => {
    it('finds the "@…" being typed right before the caret', () => {
      expect(mentionQueryAt('Hallo @An', 9)).toEqual({ start: 6, end: 9, query: 'An' });
      expect(mentionQueryAt('@', 1)).toEqual({ start: 0, end: 1, query: '' });
      expect(mentionQueryAt('Bitte (@Jo', 10)).toEqual({ start: 7, end: 10, query: 'Jo' });
      expect(mentionQueryAt('Hallo @Anna Be', 14)).toEqual({ start: 6, end: 14, query: 'Anna Be' });
    });

    it('ignores e-mail addresses, finished mentions and text after the caret', () => {
      expect(mentionQueryAt('anna@halle.de', 13)).toBeNull();
      expect(mentionQueryAt('Hallo @Anna Beispiel und', 24)).toBeNull();
      expect(mentionQueryAt('Hallo Anna', 10)).toBeNull();
      expect(mentionQueryAt('@An und mehr', 3)).toEqual({ start: 0, end: 3, query: 'An' });
      expect(mentionQueryAt('@An\nneu', 7)).toBeNull();
    });
  });

  describe('matchMembers', () => {
    it('matches the start of the name or of a name part, ignoring case and accents', () => {
      expect(matchMembers(MEMBERS, 'be').map((m) => m.id)).toEqual(['a', 'j']);
      expect(matchMembers(MEMBERS, 'mull').map((m) => m.id)).toEqual(['m']);
      expect(matchMembers(MEMBERS, 'anna be').map((m) => m.id)).toEqual(['a']);
      expect(matchMembers(MEMBERS, 'nna')).toEqual([]);
    });

    it('lists everyone alphabetically for a bare "@"', () => {
      expect(matchMembers(MEMBERS, '').map((m) => m.name)).toEqual(['Anna Beispiel', 'Jonas Becker', 'Jörg Müller']);
    });
  });

  describe('insertMention', () => {
    it('replaces the typed query with the full name and a blank, and puts the caret after it', () => {
      const text = 'Hallo @An';
      const result = insertMention(text, { start: 6, end: 9, query: 'An' }, 'Anna Beispiel');
      expect(result.text).toBe('Hallo @Anna Beispiel ');
      expect(result.caret).toBe(result.text.length);
    });

    it('reuses a blank that follows, in the middle of a text', () => {
      const result = insertMention('Bitte @Jo prüfen', { start: 6, end: 9, query: 'Jo' }, 'Jonas Becker');
      expect(result.text).toBe('Bitte @Jonas Becker prüfen');
      expect(result.text.slice(result.caret)).toBe('prüfen');
    });
  });

  describe('remainingMentionIds', () => {
    it('keeps only the chosen people whose "@Name" is still in the text', () => {
      const chosen = new Map([
        ['a', 'Anna Beispiel'],
        ['j', 'Jonas Becker'],
      ]);
      expect(remainingMentionIds('@Anna Beispiel bitte prüfen', chosen)).toEqual(['a']);
      expect(remainingMentionIds('@Anna Bei bitte prüfen', chosen)).toEqual([]);
      expect(remainingMentionIds('@Anna Beispielhaft', chosen)).toEqual([]);
      expect(remainingMentionIds('@Jonas Becker, @Anna Beispiel.', chosen)).toEqual(['a', 'j']);
    });

    it('also counts full names typed by hand, unless two members share the name', () => {
      expect(remainingMentionIds('Danke @Jörg Müller!', new Map(), MEMBERS)).toEqual(['m']);
      expect(remainingMentionIds('danke @jörg müller', new Map(), MEMBERS)).toEqual(['m']);
      const twins = [ANNA, { id: 'a2', name: 'Anna Beispiel' }];
      expect(remainingMentionIds('@Anna Beispiel', new Map(), twins)).toEqual([]);
      expect(remainingMentionIds('@Anna Beispiel', new Map([['a2', 'Anna Beispiel']]), twins)).toEqual(['a2']);
    });
  });

  describe('highlightMentions', () => {
    it('marks the mentioned names in the rendered text', () => {
      const html = highlightMentions('<p>Bitte <strong>@Anna Beispiel</strong> und @Jonas Becker prüfen.</p>', [
        'Anna Beispiel',
        'Jonas Becker',
      ]);
      expect(html).toBe(
        '<p>Bitte <strong><mark class="mention">@Anna Beispiel</mark></strong> und <mark class="mention">@Jonas Becker</mark> prüfen.</p>',
      );
    });

    it('leaves code, links and other text alone and never turns text into markup', () => {
      const source = '<p>&lt;b&gt;@Anna Beispiel&lt;/b&gt; <code>@Anna Beispiel</code> @Anna Beispielhaft</p>';
      const html = highlightMentions(source, ['Anna Beispiel']);
      expect(html).toBe(
        '<p>&lt;b&gt;<mark class="mention">@Anna Beispiel</mark>&lt;/b&gt; <code>@Anna Beispiel</code> @Anna Beispielhaft</p>',
      );
      expect(highlightMentions('<p>Hallo</p>', [])).toBe('<p>Hallo</p>');
    });
  });
});
