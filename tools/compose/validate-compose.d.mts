// Types for validate-compose.mjs (plain JavaScript so it runs as a CLI on Node 20).

export interface ComposeIssue {
  /** Where in the document, e.g. `services.api.ports[0]`; `(yaml)` for syntax errors. */
  path: string;
  message: string;
  /** Ajv keyword, or `interpolation` / `yaml`. */
  keyword: string;
}

export type ComposeDocument = Record<string, unknown>;
export type Environment = Record<string, string | undefined>;

export interface ComposeResult {
  /** Interpolated document (what Compose would run); undefined on YAML syntax errors. */
  document: ComposeDocument | undefined;
  /** Document as written, ${...} not yet substituted. */
  raw: ComposeDocument | undefined;
  errors: ComposeIssue[];
  warnings: string[];
}

export function loadComposeSchema(): Record<string, unknown>;
export function parseDuration(text: string): number;
export function isPortSpec(text: string): boolean;
export function interpolate(text: string, env: Environment, warnings?: string[]): string;
export function interpolateDocument(
  document: unknown,
  env: Environment,
): { document: unknown; errors: ComposeIssue[]; warnings: string[] };
export function validateComposeDocument(document: unknown): ComposeIssue[];
export function validateComposeText(text: string, options?: { env?: Environment }): ComposeResult;
export function validateComposeFile(file: string, options?: { env?: Environment; useDotEnv?: boolean }): ComposeResult;
export function parseDotEnv(text: string): Record<string, string>;
export function formatComposeErrors(errors: ComposeIssue[]): string;
