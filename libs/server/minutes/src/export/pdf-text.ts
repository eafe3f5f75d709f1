// Code points outside Latin-1 that the standard fonts' WinAnsiEncoding still has a glyph for.
const WIN_ANSI_EXTRA = new Set(
  [
    0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017d, 0x017e, 0x0192, 0x02c6, 0x02dc, 0x2013, 0x2014, 0x2018, 0x2019,
    0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
  ].map((code) => String.fromCodePoint(code)),
);

// Close ASCII (or WinAnsi) forms for characters people actually paste into minutes.
const CLOSE_FORMS: Record<string, string> = {
  '\u00ad': '',
  '\u200b': '',
  '\u200c': '',
  '\u200d': '',
  '\u2060': '',
  '\ufeff': '',
  '\t': ' ',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '–',
  '\u2015': '—',
  '\u2212': '-',
  '\u2032': "'",
  '\u2033': '"',
  '\u2190': '<-',
  '\u2192': '->',
  '\u2194': '<->',
  '\u21d0': '<=',
  '\u21d2': '=>',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2248': '~',
  '\u2116': 'Nr.',
  '\u1e9e': 'SS',
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0131': 'i',
  '\u2713': 'x',
  '\u2714': 'x',
  '\u2717': 'x',
  '\u2610': '[ ]',
  '\u2611': '[x]',
  '\u2612': '[x]',
  '\u25cf': '•',
  '\u25aa': '•',
  '\u2023': '•',
  '\u2043': '-',
};

function isWinAnsi(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return char === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(char);
}

/**
 * Makes text safe for pdfkit's built-in Helvetica, which only knows WinAnsiEncoding: umlauts, ß and €
 * stay, other characters become a close form ("Ł" → "L", "→" → "->", "č" → "c") or "?".
 */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const char of text.replace(/\r\n?/g, '\n').normalize('NFC')) {
    if (char in CLOSE_FORMS) {
      out += CLOSE_FORMS[char];
    } else if (/\s/u.test(char) && char !== '\n') {
      // Narrow and other Unicode spaces (Intl uses U+202F in some formats).
      out += ' ';
    } else if (isWinAnsi(char)) {
      out += char;
    } else {
      const base = char.normalize('NFD').replace(/\p{M}/gu, '');
      out += base && [...base].every(isWinAnsi) ? base : '?';
    }
  }
  return out;
}

/** A run of text in one style. */
export interface Span {
  text: string;
  style: 'regular' | 'bold' | 'italic' | 'code';
}

const INLINE_TOKEN =
  /\\([\\`*_{}[\]()#+\-.!|>~])|\*\*([^*\n]+)\*\*|__([^_\n]+)__|`([^`\n]+)`|\*([^*\s][^*\n]*?)\*|\[([^\]\n]+)\]\(([^)\s]+)\)/g;

/** Splits the light Markdown used in minutes (bold, italic, code, links, escapes) into styled runs. */
export function parseInline(text: string): Span[] {
  const spans: Span[] = [];
  const push = (value: string, style: Span['style']): void => {
    if (!value) return;
    const last = spans.at(-1);
    if (last && last.style === style) last.text += value;
    else spans.push({ text: value, style });
  };
  let cursor = 0;
  for (const match of text.matchAll(INLINE_TOKEN)) {
    push(text.slice(cursor, match.index), 'regular');
    const [, escaped, bold, boldUnderscore, code, italic, linkText, linkUrl] = match;
    if (escaped !== undefined) push(escaped, 'regular');
    else if (bold !== undefined || boldUnderscore !== undefined) push(bold ?? boldUnderscore ?? '', 'bold');
    else if (code !== undefined) push(code, 'code');
    else if (italic !== undefined) push(italic, 'italic');
    else push(linkText === linkUrl ? linkUrl : `${linkText} (${linkUrl})`, 'regular');
    cursor = (match.index ?? 0) + match[0].length;
  }
  push(text.slice(cursor), 'regular');
  return spans;
}
