import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Raw HTML in the source is escaped (html: false) and markdown-it refuses javascript:/data: links;
// sanitize-html then keeps only an allowlist, as a second line of defence for stored XSS.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

const ALLOWED = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'del',
    's',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'a',
    'hr',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: { a: ['href', 'title'], ol: ['start'], th: ['style'], td: ['style'] },
  allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  // Headings in user text start below the page's own h1.
  transformTags: {
    h1: 'h2',
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }),
  },
} satisfies sanitizeHtml.IOptions;

/** Renders user-written Markdown to HTML that is safe to insert into a page. */
export function renderMarkdown(source: string | null | undefined): string {
  if (!source?.trim()) return '';
  return sanitizeHtml(markdown.render(source), {
    ...ALLOWED,
    allowedAttributes: { ...ALLOWED.allowedAttributes, a: ['href', 'title', 'rel'] },
  });
}
