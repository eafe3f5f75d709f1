import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders the usual Markdown', () => {
    const html = renderMarkdown('# Ziele\n\n- **Daten** teilen\n- [Portal](https://example.org)');
    expect(html).toContain('<h2>Ziele</h2>');
    expect(html).toContain('<strong>Daten</strong>');
    expect(html).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow">Portal</a>');
  });

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[klick](javascript:alert(1))',
    '[klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<a href="javascript:alert(1)">x</a>',
    '<svg onload=alert(1)>',
    '<iframe src="https://evil.example"></iframe>',
  ])('leaves no executable markup from %s', (payload) => {
    const html = renderMarkdown(`Text ${payload} Ende`);
    // Escaped text (&lt;script&gt;) is harmless; no real tag, handler attribute or script URL may remain.
    expect(html).not.toMatch(/<(script|img|svg|iframe)/i);
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
    expect(html).not.toMatch(/<a[^>]*href="(javascript|data):/i);
  });

  it('gives an empty string for empty input', () => {
    expect(renderMarkdown('   ')).toBe('');
    expect(renderMarkdown(null)).toBe('');
  });
});
