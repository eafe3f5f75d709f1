import PDFDocument from 'pdfkit';
import { formatCalendarDay, formatGermanDate } from './german-dates';
import type { ExportOptions, MinutesDocument, MinutesDocumentEntry } from './minutes-document';
import {
  actionItemDetails,
  ATTENDANCE_STATUS_LABELS,
  attendeeMode,
  attendeeName,
  buildMinutesView,
  entryLabel,
  type MinutesView,
} from './minutes-view';
import { parseInline, type Span, toWinAnsi } from './pdf-text';

const MARGINS = { top: 80, bottom: 72, left: 56, right: 56 };
const COLORS = {
  primary: '#005cbb',
  text: '#1b1b1f',
  muted: '#5a6270',
  rule: '#c9d1dc',
  headerFill: '#e8eef7',
  warning: '#b3261e',
  decision: '#1b6e3a',
  action: '#a04d00',
  information: '#44546a',
};
const ENTRY_COLORS: Record<MinutesDocumentEntry['kind'], string> = {
  information: COLORS.information,
  decision: COLORS.decision,
  action_item: COLORS.action,
};
const FONTS: Record<Span['style'], string> = {
  regular: 'Helvetica',
  bold: 'Helvetica-Bold',
  italic: 'Helvetica-Oblique',
  code: 'Courier',
};
const BODY_SIZE = 10;
const LINE_GAP = 1.5;

/** A styled run that may carry its own colour (the coloured entry label). */
type Run = Span & { color?: string };

interface Column {
  header: string;
  width: number;
}

/** Renders the minutes as an A4 PDF (German, built-in Helvetica) and resolves with its bytes. */
export async function minutesToPdf(doc: MinutesDocument, options: ExportOptions): Promise<Buffer> {
  const view = buildMinutesView(doc, options);
  // A fixed creation date keeps the bytes (and pdfkit's file ID, derived from the info) stable per version.
  const stamp = doc.releasedAt ?? doc.endsAt;
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    pdfVersion: '1.7',
    lang: 'de-DE',
    displayTitle: true,
    info: {
      Title: plainInfo(`Protokoll: ${doc.meetingTitle}`),
      Author: 'SmartRegion Portal',
      Creator: 'SmartRegion Portal',
      Subject: plainInfo(`${doc.kindLabel} am ${formatGermanDate(doc.startsAt)}`),
      CreationDate: stamp,
      ModDate: stamp,
    },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  new MinutesPdfWriter(pdf, view).render();
  pdf.end();
  return finished;
}

// Info strings are stored as UTF-16 by pdfkit, so only control characters need to go.
function plainInfo(text: string): string {
  return text.replace(/\p{Cc}+/gu, ' ').trim();
}

class MinutesPdfWriter {
  private readonly left = MARGINS.left;
  private readonly width: number;

  constructor(
    private readonly pdf: PDFKit.PDFDocument,
    private readonly view: MinutesView,
  ) {
    this.width = pdf.page.width - MARGINS.left - MARGINS.right;
  }

  render(): void {
    this.titleBlock();
    this.section('Anwesenheit');
    this.attendance();
    this.section('Tagesordnung');
    this.agenda();
    for (const item of this.view.items) {
      this.section(`TOP ${item.number}: ${item.title}`);
      if (item.presenter?.trim())
        this.line(`Vortrag: ${item.presenter.trim()}`, { font: FONTS.italic, color: COLORS.muted });
      if (item.notes.trim()) this.notes(item.notes);
      for (const entry of item.entries) this.entry(entry);
    }
    this.section('Beschlüsse');
    this.decisionSummary();
    this.section('Aufgaben');
    this.actionItemSummary();
    this.pageFurniture();
  }

  private titleBlock(): void {
    const { doc } = this.view;
    this.pdf.font(FONTS.bold).fontSize(9).fillColor(COLORS.primary);
    this.pdf.text('Protokoll', this.left, this.pdf.y, { width: this.width });
    this.pdf.moveDown(0.2);
    this.pdf.font(FONTS.bold).fontSize(18).fillColor(COLORS.text);
    this.pdf.text(toWinAnsi(doc.meetingTitle), { width: this.width });
    this.pdf.moveDown(0.5);
    const meta: [string, string | null | undefined][] = [
      ['Art', doc.kindLabel],
      ['Datum', this.view.period],
      ['Ort', doc.place],
      ['Organisiert von', doc.organizer],
      ['Gruppe', doc.hostGroup],
      ['Fassung', this.view.revisionDetail],
      ['Im Portal', doc.pageUrl],
    ];
    for (const [label, value] of meta) {
      if (value?.trim()) this.labelledRow(label, value.trim(), label === 'Im Portal' ? value.trim() : undefined);
    }
  }

  /** Label in a narrow bold column, value beside it; used for the meta block and the agenda. */
  private labelledRow(label: string, value: string, link?: string, labelWidth = 90): void {
    const valueWidth = this.width - labelWidth;
    this.pdf.font(FONTS.regular).fontSize(BODY_SIZE);
    const height = this.pdf.heightOfString(toWinAnsi(value), { width: valueWidth, lineGap: LINE_GAP });
    this.ensureSpace(Math.min(height, this.contentHeight()));
    const page = this.pageIndex();
    const y = this.pdf.y;
    this.pdf.font(FONTS.bold).fillColor(COLORS.muted);
    this.pdf.text(toWinAnsi(label), this.left, y, { width: labelWidth - 8, lineGap: LINE_GAP });
    const labelBottom = this.pdf.y;
    this.pdf.font(FONTS.regular).fillColor(link ? COLORS.primary : COLORS.text);
    const safeLink = link && /^https?:\/\//.test(link) ? link : undefined;
    this.pdf.text(toWinAnsi(value), this.left + labelWidth, y, {
      width: valueWidth,
      lineGap: LINE_GAP,
      link: safeLink ?? null,
      underline: Boolean(safeLink),
    });
    this.pdf.x = this.left;
    // A value longer than a page continues on the next one; the label's bottom is then meaningless.
    this.pdf.y = (this.pageIndex() === page ? Math.max(labelBottom, this.pdf.y) : this.pdf.y) + 2;
  }

  private section(title: string): void {
    this.pdf.font(FONTS.bold).fontSize(13);
    const height = this.pdf.heightOfString(toWinAnsi(title), { width: this.width });
    // Keep a heading together with at least a few lines of what follows.
    this.ensureSpace(height + 14 + 3 * BODY_SIZE * 1.4, 14);
    this.pdf.fillColor(COLORS.primary).text(toWinAnsi(title), this.left, this.pdf.y, { width: this.width });
    this.pdf.moveDown(0.35);
  }

  private line(text: string, style: { font?: string; color?: string; size?: number } = {}): void {
    this.pdf
      .font(style.font ?? FONTS.regular)
      .fontSize(style.size ?? BODY_SIZE)
      .fillColor(style.color ?? COLORS.text);
    this.ensureSpace(BODY_SIZE * 1.4);
    this.pdf.text(toWinAnsi(text), this.left, this.pdf.y, { width: this.width, lineGap: LINE_GAP });
    this.pdf.moveDown(0.3);
  }

  private attendance(): void {
    const { attendance } = this.view.doc;
    if (!attendance.length) return this.line('Keine Anwesenheit erfasst.', { color: COLORS.muted });
    this.table(
      [
        { header: 'Name', width: 0.36 },
        { header: 'Organisation', width: 0.34 },
        { header: 'Status', width: 0.15 },
        { header: 'Teilnahme', width: 0.15 },
      ],
      attendance.map((attendee) => [
        attendeeName(attendee),
        attendee.organization ?? '',
        ATTENDANCE_STATUS_LABELS[attendee.status],
        attendeeMode(attendee),
      ]),
    );
    this.line(`${this.view.attendanceSummary}.`, { color: COLORS.muted, size: 9 });
  }

  private agenda(): void {
    if (!this.view.items.length) return this.line('Keine Tagesordnungspunkte erfasst.', { color: COLORS.muted });
    for (const item of this.view.items) {
      const presenter = item.presenter?.trim() ? ` (${item.presenter.trim()})` : '';
      this.labelledRow(`TOP ${item.number}`, `${item.title}${presenter}`, undefined, 50);
    }
    this.pdf.moveDown(0.3);
  }

  /** Renders the light Markdown of the notes line by line, as the portal does (line breaks are kept). */
  private notes(text: string): void {
    let fence: string | null = null;
    let gap = false;
    for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
      const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(raw);
      if (fence !== null) {
        const closing = /^\s{0,3}(`{3,}|~{3,})\s*$/.exec(raw);
        if (closing && closing[1].startsWith(fence)) fence = null;
        else this.rich([{ text: raw || ' ', style: 'code' }], this.left + 12, 9);
        continue;
      }
      if (fenceMatch) {
        fence = fenceMatch[1];
        continue;
      }
      if (!raw.trim()) {
        gap = true;
        continue;
      }
      if (gap) this.pdf.moveDown(0.45);
      gap = false;

      const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(raw);
      const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(raw);
      const ordered = /^(\s*)(\d{1,9}[.)])\s+(.*)$/.exec(raw);
      const quote = /^\s{0,3}>\s?(.*)$/.exec(raw);
      if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(raw)) {
        this.ensureSpace(8);
        const y = this.pdf.y + 3;
        this.pdf
          .moveTo(this.left, y)
          .lineTo(this.left + this.width, y)
          .lineWidth(0.5)
          .strokeColor(COLORS.rule)
          .stroke();
        this.pdf.y = y + 5;
      } else if (heading) {
        this.pdf.moveDown(0.2);
        this.rich([{ text: heading[1], style: 'bold' }], this.left, 11);
      } else if (bullet || ordered) {
        const indent = (bullet?.[1] ?? ordered?.[1] ?? '').replace(/\t/g, '  ').length;
        const x = this.left + 4 + Math.min(3, Math.floor(indent / 2)) * 14;
        const marker = bullet ? '•' : (ordered?.[2] ?? '');
        const markerWidth = bullet ? 10 : 18;
        this.ensureSpace(BODY_SIZE * 1.4);
        const y = this.pdf.y;
        this.pdf.font(FONTS.regular).fontSize(BODY_SIZE).fillColor(COLORS.text);
        this.pdf.text(marker, x, y, { width: markerWidth, lineBreak: false });
        this.pdf.y = y;
        this.rich(parseInline(bullet?.[2] ?? ordered?.[3] ?? ''), x + markerWidth, BODY_SIZE);
      } else if (quote) {
        const spans = parseInline(quote[1]).map(
          (span) => ({ ...span, style: span.style === 'code' ? 'code' : 'italic' }) as Span,
        );
        this.rich(spans, this.left + 14, BODY_SIZE, COLORS.muted);
      } else {
        this.rich(parseInline(raw.trim()), this.left, BODY_SIZE);
      }
    }
    this.pdf.moveDown(0.5);
  }

  /** Writes styled runs as one paragraph; pdfkit wraps and breaks pages as needed. */
  private rich(spans: Span[], x: number, size: number, color: string = COLORS.text, prefix?: Run): void {
    const runs: Run[] = [...(prefix ? [prefix] : []), ...spans]
      .map((span) => ({ ...span, text: toWinAnsi(span.text) }))
      .filter((span) => span.text.length > 0);
    if (!runs.length) return;
    const width = this.left + this.width - x;
    this.ensureSpace(size * 1.4);
    this.pdf.x = x;
    runs.forEach((span, index) => {
      this.pdf
        .font(FONTS[span.style])
        .fontSize(span.style === 'code' ? size - 0.5 : size)
        .fillColor(span.color ?? color);
      this.pdf.text(span.text, { width, lineGap: LINE_GAP, continued: index < runs.length - 1 });
    });
    this.pdf.x = this.left;
  }

  /** A decision, action item or information: coloured bold label, text, and for action items the details. */
  private entry(entry: MinutesDocumentEntry): void {
    const color = ENTRY_COLORS[entry.kind];
    const textX = this.left + 10;
    const width = this.left + this.width - textX;
    const label = `${entryLabel(entry)}: `;
    const text = entry.text
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .map((part) => part.trim())
      .filter(Boolean)
      .join('\n');
    const details =
      entry.kind === 'action_item'
        ? [...actionItemDetails(entry), entry.taskDone ? 'erledigt' : 'offen'].join(' · ')
        : '';

    this.pdf.font(FONTS.regular).fontSize(BODY_SIZE);
    const height =
      this.pdf.heightOfString(toWinAnsi(label + text), { width, lineGap: LINE_GAP }) +
      (details ? this.pdf.fontSize(9).heightOfString(toWinAnsi(details), { width, lineGap: LINE_GAP }) : 0);
    // Keep short entries in one piece, so the coloured bar beside them stays one bar.
    const fits = height <= this.contentHeight() - 8;
    this.ensureSpace(fits ? height + 4 : BODY_SIZE * 2.8, 4);
    const startPage = this.pageIndex();
    const startY = this.pdf.y;

    this.rich(parseInline(text), textX, BODY_SIZE, COLORS.text, { text: label, style: 'bold', color });
    if (details) {
      this.pdf.font(FONTS.regular).fontSize(9).fillColor(COLORS.muted);
      this.pdf.text(toWinAnsi(details), textX, this.pdf.y + 1, { width, lineGap: LINE_GAP });
    }
    if (this.pageIndex() === startPage) {
      this.pdf.rect(this.left, startY, 3, this.pdf.y - startY).fill(color);
    }
    this.pdf.x = this.left;
    this.pdf.moveDown(0.5);
  }

  private decisionSummary(): void {
    if (!this.view.decisions.length) return this.line('Keine Beschlüsse.', { color: COLORS.muted });
    for (const entry of this.view.decisions) {
      const text = entry.text.replace(/\s+/g, ' ').trim();
      this.labelledRow(`TOP ${entry.itemNumber}`, entry.confidential ? `${text} (vertraulich)` : text, undefined, 50);
    }
  }

  private actionItemSummary(): void {
    if (!this.view.actionItems.length) return this.line('Keine Aufgaben.', { color: COLORS.muted });
    this.table(
      [
        { header: 'TOP', width: 0.07 },
        { header: 'Aufgabe', width: 0.31 },
        { header: 'Verantwortlich', width: 0.19 },
        { header: 'Fällig', width: 0.12 },
        { header: 'Gruppe', width: 0.21 },
        { header: 'Status', width: 0.1 },
      ],
      this.view.actionItems.map((entry) => [
        String(entry.itemNumber),
        entry.confidential ? `${entry.text} (vertraulich)` : entry.text,
        (entry.assignees ?? []).join(', '),
        entry.dueDate ? formatCalendarDay(entry.dueDate) : '',
        entry.group ?? '',
        entry.taskDone ? 'erledigt' : 'offen',
      ]),
    );
  }

  /** A simple ruled table; the header row is repeated after a page break. */
  private table(columns: Column[], rows: string[][]): void {
    const size = 9;
    const pad = 4;
    const widths = columns.map((column) => column.width * this.width);
    const maxCell = this.contentHeight() - 40;
    const rowHeight = (cells: string[], font: string): number => {
      this.pdf.font(font).fontSize(size);
      const heights = cells.map((cell, index) =>
        this.pdf.heightOfString(toWinAnsi(cell) || '–', { width: widths[index] - 2 * pad, lineGap: 1 }),
      );
      return Math.min(maxCell, Math.max(...heights)) + 2 * pad;
    };
    const drawRow = (cells: string[], header: boolean): void => {
      const font = header ? FONTS.bold : FONTS.regular;
      const height = rowHeight(cells, font);
      const y = this.pdf.y;
      if (header) this.pdf.rect(this.left, y, this.width, height).fill(COLORS.headerFill);
      let x = this.left;
      cells.forEach((cell, index) => {
        this.pdf
          .font(font)
          .fontSize(size)
          .fillColor(header ? COLORS.text : cell ? COLORS.text : COLORS.muted);
        this.pdf.text(toWinAnsi(cell) || '–', x + pad, y + pad, {
          width: widths[index] - 2 * pad,
          height: height - 2 * pad,
          lineGap: 1,
          ellipsis: true,
        });
        x += widths[index];
      });
      this.pdf
        .moveTo(this.left, y + height)
        .lineTo(this.left + this.width, y + height)
        .lineWidth(0.5)
        .strokeColor(COLORS.rule)
        .stroke();
      this.pdf.x = this.left;
      this.pdf.y = y + height;
    };

    const headers = columns.map((column) => column.header);
    this.ensureSpace(rowHeight(headers, FONTS.bold) + (rows[0] ? rowHeight(rows[0], FONTS.regular) : 0));
    drawRow(headers, true);
    for (const cells of rows) {
      if (this.pdf.y + rowHeight(cells, FONTS.regular) > this.bottom()) {
        this.pdf.addPage();
        drawRow(headers, true);
      }
      drawRow(cells, false);
    }
    this.pdf.moveDown(0.4);
  }

  /** Header (initiative, coloured rule, release state) and footer (version, page numbers) on every page. */
  private pageFurniture(): void {
    const { doc } = this.view;
    const range = this.pdf.bufferedPageRange();
    for (let index = range.start; index < range.start + range.count; index++) {
      this.pdf.switchToPage(index);
      const page = this.pdf.page;
      // Writing into the bottom margin would otherwise make pdfkit open a new page.
      const bottomMargin = page.margins.bottom;
      page.margins.bottom = 0;

      const notice = this.view.unreleasedNotice;
      const noticeWidth = notice ? 170 : 0;
      this.pdf.font(FONTS.regular).fontSize(8.5).fillColor(COLORS.muted);
      this.pdf.text(toWinAnsi(doc.initiative), this.left, 38, {
        width: this.width - noticeWidth,
        height: 11,
        ellipsis: true,
      });
      if (notice) {
        this.pdf.font(FONTS.bold).fillColor(COLORS.warning);
        this.pdf.text(toWinAnsi(notice), this.left + this.width - noticeWidth, 38, {
          width: noticeWidth,
          align: 'right',
        });
      }
      this.pdf
        .moveTo(this.left, 54)
        .lineTo(this.left + this.width, 54)
        .lineWidth(1.2)
        .strokeColor(COLORS.primary)
        .stroke();

      const footerY = page.height - 46;
      this.pdf
        .moveTo(this.left, footerY - 8)
        .lineTo(this.left + this.width, footerY - 8)
        .lineWidth(0.5)
        .strokeColor(COLORS.rule)
        .stroke();
      this.pdf.font(FONTS.regular).fontSize(8.5).fillColor(COLORS.muted);
      this.pdf.text(toWinAnsi(this.view.footerLine), this.left, footerY, {
        width: this.width * 0.7,
        height: 11,
        ellipsis: true,
      });
      this.pdf.text(`Seite ${index - range.start + 1} von ${range.count}`, this.left + this.width * 0.7, footerY, {
        width: this.width * 0.3,
        align: 'right',
      });
      page.margins.bottom = bottomMargin;
    }
  }

  private ensureSpace(height: number, spaceBefore = 0): void {
    if (this.pdf.y + spaceBefore + height > this.bottom() && this.pdf.y > MARGINS.top + 1) {
      this.pdf.addPage();
    } else if (this.pdf.y > MARGINS.top + 1) {
      this.pdf.y += spaceBefore;
    }
  }

  private bottom(): number {
    return this.pdf.page.height - MARGINS.bottom;
  }

  private contentHeight(): number {
    return this.pdf.page.height - MARGINS.top - MARGINS.bottom;
  }

  private pageIndex(): number {
    const range = this.pdf.bufferedPageRange();
    return range.start + range.count - 1;
  }
}
