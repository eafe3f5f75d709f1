import { MailBlock, MailContent, MailFooterLink, RenderedMail } from './mail-content';

const BRAND = 'SmartRegion Portal';
const FOOTER = 'Landesinitiative Smart City / Smart Region Sachsen-Anhalt';

/** Renders MailContent into an accessible, inline-styled HTML part and a plain-text part. */
export function renderMail(content: MailContent, portalUrl: string): RenderedMail {
  return {
    subject: content.subject,
    html: renderHtml(content, portalUrl),
    text: renderText(content, portalUrl),
  };
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function safeUrl(url: string): string {
  return /^https?:\/\//i.test(url) ? url : '#';
}

function htmlBlock(block: MailBlock): string {
  switch (block.kind) {
    case 'heading':
      return block.level === 2
        ? `<h2 style="font-size:18px;line-height:1.3;margin:24px 0 12px;color:#1b1b1f">${escapeHtml(block.text)}</h2>`
        : `<h1 style="font-size:22px;line-height:1.3;margin:0 0 16px;color:#1b1b1f">${escapeHtml(block.text)}</h1>`;
    case 'paragraph':
      return `<p style="margin:0 0 16px">${escapeHtml(block.text)}</p>`;
    case 'button':
      return `<p style="margin:24px 0"><a href="${escapeHtml(safeUrl(block.url))}" style="background:#005cbb;color:#ffffff;padding:12px 20px;border-radius:20px;text-decoration:none;font-weight:600;display:inline-block">${escapeHtml(block.label)}</a></p>`;
    case 'facts':
      return `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${block.rows
        .map(
          ([label, value]) =>
            `<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0;font-weight:600;vertical-align:top">${escapeHtml(label)}</th><td style="padding:4px 0">${escapeHtml(value)}</td></tr>`,
        )
        .join('')}</table>`;
  }
}

// Underlined, so that the links are recognisable without relying on their colour.
function htmlFooterLinks(links: MailFooterLink[] | undefined): string {
  if (!links?.length) return '';
  return `<p style="margin:0 0 8px">${links
    .map(
      (link) =>
        `<a href="${escapeHtml(safeUrl(link.url))}" style="color:#005cbb;text-decoration:underline">${escapeHtml(link.label)}</a>`,
    )
    .join(' · ')}</p>\n`;
}

function renderHtml(content: MailContent, portalUrl: string): string {
  return `<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f4f5fa;font-family:Roboto,Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1b1b1f">
<div style="display:none;max-height:0;overflow:hidden">${escapeHtml(content.preview)}</div>
<table role="presentation" width="100%" style="border-collapse:collapse"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" style="max-width:600px;border-collapse:collapse;background:#ffffff;border-radius:12px">
<tr><td style="padding:20px 28px;border-bottom:1px solid #e0e2ec;font-weight:700;color:#005cbb">${BRAND}</td></tr>
<tr><td style="padding:28px">
${content.blocks.map(htmlBlock).join('\n')}
</td></tr>
<tr><td style="padding:16px 28px;border-top:1px solid #e0e2ec;font-size:13px;color:#44474e">
<p style="margin:0 0 8px">${escapeHtml(content.reason)}</p>
${htmlFooterLinks(content.footerLinks)}<p style="margin:0">${FOOTER} · <a href="${escapeHtml(safeUrl(portalUrl))}" style="color:#005cbb">${escapeHtml(portalUrl)}</a></p>
</td></tr>
</table>
</td></tr></table>
</body>
</html>
`;
}

function textBlock(block: MailBlock): string {
  switch (block.kind) {
    case 'heading':
      return `${block.text}\n${(block.level === 2 ? '-' : '=').repeat(Math.min(block.text.length, 72))}`;
    case 'paragraph':
      return block.text;
    case 'button':
      return `${block.label}: ${block.url}`;
    case 'facts':
      return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
  }
}

function renderText(content: MailContent, portalUrl: string): string {
  const links = (content.footerLinks ?? []).map((link) => `${link.label}: ${link.url}`).join('\n');
  return (
    [
      ...content.blocks.map(textBlock),
      '-- ',
      content.reason,
      ...(links ? [links] : []),
      `${FOOTER} · ${portalUrl}`,
    ].join('\n\n') + '\n'
  );
}
