export type {
  ExportOptions,
  MinutesDocument,
  MinutesDocumentAttendee,
  MinutesDocumentEntry,
  MinutesDocumentItem,
} from './minutes-document';
export { minutesToMarkdown } from './minutes-markdown';
export { minutesToPdf } from './minutes-pdf';
