import { CONFIG_KEYS } from '@srp/server/platform';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatComposeErrors,
  interpolate,
  parseDuration,
  validateComposeDocument,
  validateComposeText,
  type ComposeIssue,
} from './validate-compose.mjs';

interface Healthcheck {
  test?: string | string[];
  disable?: boolean;
}
interface Service {
  image?: string;
  build?: unknown;
  command?: string | string[];
  container_name?: string;
  ports?: unknown[];
  expose?: unknown[];
  user?: string;
  read_only?: boolean;
  tmpfs?: string | string[];
  init?: boolean;
  healthcheck?: Healthcheck;
  depends_on?: string[] | Record<string, { condition: string }>;
  environment?: Record<string, string | number | boolean | null> | string[];
  volumes?: (string | { type: string; source?: string })[];
  stop_grace_period?: string;
}
interface Compose {
  version?: string;
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

// __dirname (not import.meta): the workspace type-checks tools/ as CommonJS (tsconfig.spec.json).
const composeText = readFileSync(resolve(__dirname, '../../docker-compose.yml'), 'utf8');

/** Only the one variable without a default is given: everything else must fall back to defaults. */
const minimalEnv = { POSTGRES_PASSWORD: 'test-password', SECRET_KEY: 'test-secret-key-0123456789abcdef0123456789' };
const result = validateComposeText(composeText, { env: minimalEnv });
const compose = result.document as unknown as Compose;
const raw = result.raw as unknown as Compose;
const { services } = compose;

/** The configuration variables the apps read, straight from the configuration class. */
const APP_VARIABLES: string[] = CONFIG_KEYS;
const APP_SERVICES = ['api', 'worker'];

const readable = (errors: ComposeIssue[]) =>
  `docker-compose.yml has ${errors.length} problem(s):\n${formatComposeErrors(errors)}`;
const asList = (value: string | string[] | undefined) =>
  value === undefined ? [] : Array.isArray(value) ? value : value.split(/\s+/).filter(Boolean);
const environmentOf = (service: Service): Record<string, string> =>
  Array.isArray(service.environment)
    ? Object.fromEntries(service.environment.map((entry) => entry.split(/=(.*)/s, 2)))
    : Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, String(value ?? '')]));

describe('docker-compose.yml against the Compose Specification schema', () => {
  it('is valid when only POSTGRES_PASSWORD and SECRET_KEY are set (defaults everywhere else)', () => {
    expect(result.errors, readable(result.errors)).toEqual([]);
    expect(result.warnings, 'variables without a default').toEqual([]);
  });

  it('stays valid with production-style settings', () => {
    const production = validateComposeText(composeText, {
      env: {
        POSTGRES_PASSWORD: 'a1b2c3',
        SECRET_KEY: 'prod-secret-key-0123456789abcdef0123456789',
        PUBLIC_URL: 'https://portal.example.org',
        SMTP_URL: 'smtp://portal%40example.org:p%40ss@mail.example.org:587',
        API_PUBLISH: '127.0.0.1:3000',
        MAILPIT_UI_PUBLISH: '127.0.0.1:18025',
        IMAGE_TAG: '2025.11.1',
        LOG_LEVEL: 'warn',
      },
    });
    expect(production.errors, readable(production.errors)).toEqual([]);
    const api = (production.document as unknown as Compose).services['api'];
    expect(environmentOf(api)['SMTP_URL']).toBe('smtp://portal%40example.org:p%40ss@mail.example.org:587');
    expect(environmentOf(api)['PUBLIC_URL']).toBe('https://portal.example.org');
    expect(api.ports).toEqual(['127.0.0.1:3000:3000']);
  });

  it('falls back to the mail catcher when SMTP_URL is empty (as in a .env copied from .env.example)', () => {
    const { document, errors } = validateComposeText(composeText, {
      env: { POSTGRES_PASSWORD: 'a1b2c3', SECRET_KEY: 'prod-secret-key-0123456789abcdef0123456789', SMTP_URL: '' },
    });
    expect(errors, readable(errors)).toEqual([]);
    for (const name of APP_SERVICES) {
      expect(environmentOf((document as unknown as Compose).services[name])['SMTP_URL']).toBe(
        'smtp://mailcatcher:1025',
      );
    }
  });

  it('refuses to run without SECRET_KEY', () => {
    const { errors } = validateComposeText(composeText, { env: { POSTGRES_PASSWORD: 'a1b2c3' } });
    expect(errors.map((error) => error.message).join('\n')).toMatch(/required variable SECRET_KEY is missing a value/);
  });

  it('refuses to run without POSTGRES_PASSWORD', () => {
    const { errors } = validateComposeText(composeText, { env: {} });
    const interpolation = errors.filter((error) => error.keyword === 'interpolation');
    expect(interpolation.length).toBeGreaterThan(0);
    expect(interpolation.map((error) => error.message).join('\n')).toMatch(
      /required variable POSTGRES_PASSWORD is missing a value/,
    );
  });

  it('uses the Compose Specification format (no top-level version)', () => {
    expect(compose.version).toBeUndefined();
  });
});

describe('docker-compose.yml follows our operating rules', () => {
  it('has the five services', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'mailcatcher', 'postgres', 'redis', 'worker']);
  });

  it.each(['api', 'worker', 'postgres', 'redis', 'mailcatcher'])('%s has a health check', (name) => {
    const healthcheck = services[name].healthcheck;
    expect(healthcheck?.disable).not.toBe(true);
    const test = asList(healthcheck?.test);
    expect(['CMD', 'CMD-SHELL']).toContain(test[0]);
    expect(test.length).toBeGreaterThan(1);
  });

  it('the worker checks PostgreSQL and Redis through its healthcheck command, not HTTP', () => {
    expect(asList(services['worker'].healthcheck?.test)).toEqual([
      'CMD',
      'node',
      'dist/apps/worker/main.js',
      'healthcheck',
    ]);
    expect(asList(services['api'].healthcheck?.test).join(' ')).toContain('/health/live');
  });

  it('redis never evicts keys and keeps an append-only file', () => {
    const command = asList(services['redis'].command);
    const option = (name: string) => command[command.indexOf(name) + 1];
    expect(command).toContain('--maxmemory-policy');
    expect(option('--maxmemory-policy')).toBe('noeviction');
    expect(command).toContain('--appendonly');
    expect(option('--appendonly')).toBe('yes');
  });

  it('the worker can be scaled: no container_name, no ports, the worker command', () => {
    const worker = services['worker'];
    expect(worker.container_name).toBeUndefined();
    expect(worker.ports).toBeUndefined();
    expect(asList(worker.command)).toEqual(['node', 'dist/apps/worker/main.js']);
    expect(services['api'].container_name).toBeUndefined();
  });

  it('the worker gets at least 30 s to finish running jobs on SIGTERM', () => {
    expect(parseDuration(services['worker'].stop_grace_period ?? '')).toBeGreaterThanOrEqual(30_000);
  });

  it.each(APP_SERVICES)('%s runs as a non-root user on a read-only file system', (name) => {
    const service = services[name];
    expect(service.user).toBeDefined();
    expect(service.user?.split(':')[0]).not.toMatch(/^(root|0)$/);
    expect(service.read_only).toBe(true);
    expect(asList(service.tmpfs)).toContain('/tmp');
    expect(service.init).toBe(true);
  });

  it('api and worker run the same image, built from this repository', () => {
    expect(services['api'].image).toBeDefined();
    expect(services['worker'].image).toBe(services['api'].image);
    expect(services['api'].build).toBeDefined();
  });

  it('every depends_on waits for a healthy service that has a health check', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.depends_on === undefined) continue;
      expect(Array.isArray(service.depends_on), `${name}: use the long depends_on form`).toBe(false);
      for (const [dependency, { condition }] of Object.entries(service.depends_on)) {
        expect(condition, `${name} -> ${dependency}`).toBe('service_healthy');
        expect(services[dependency]?.healthcheck, `${dependency} has a health check`).toBeDefined();
      }
    }
    for (const name of APP_SERVICES) {
      expect(Object.keys(services[name].depends_on ?? {}).sort()).toEqual(['postgres', 'redis']);
    }
  });

  it.each(APP_SERVICES)('%s sets only configuration variables the apps read', (name) => {
    const environment = environmentOf(services[name]);
    expect(Object.keys(environment).filter((key) => !APP_VARIABLES.includes(key))).toEqual([]);
    expect(environment['NODE_ENV']).toBe('production');
    expect(new URL(environment['DATABASE_URL']).host).toBe('postgres:5432');
    expect(new URL(environment['DATABASE_URL']).pathname).toBe('/smartregion');
    expect(new URL(environment['REDIS_URL']).host).toBe('redis:6379');
    expect(environment['SMTP_URL']).toBe('smtp://mailcatcher:1025');
  });

  it('the api listens on all interfaces of its container, port 3000', () => {
    const environment = environmentOf(services['api']);
    expect(environment['HOST']).toBe('0.0.0.0');
    expect(environment['PORT']).toBe('3000');
    expect(services['api'].ports).toEqual(['3000:3000']);
  });

  it('the database password comes from the environment, never from the file', () => {
    expect(environmentOf(raw.services['postgres'])['POSTGRES_PASSWORD']).toMatch(/^\$\{POSTGRES_PASSWORD:\?[^}]+\}$/);
    for (const name of APP_SERVICES) {
      expect(environmentOf(raw.services[name])['DATABASE_URL']).toMatch(
        /^postgres:\/\/postgres:\$\{POSTGRES_PASSWORD:\?[^}]+\}@postgres:5432\/smartregion$/,
      );
    }
  });

  it('keeps data in declared named volumes', () => {
    const declared = Object.keys(compose.volumes ?? {});
    const mounts = (name: string) =>
      (services[name].volumes ?? []).map((volume) =>
        typeof volume === 'string' ? volume.split(':')[0] : (volume.source ?? ''),
      );
    for (const name of Object.keys(services)) {
      for (const source of mounts(name)) {
        expect(source, `${name} mounts a bind path instead of a named volume`).not.toMatch(/^[./~]/);
        expect(declared, `${name}: volume ${source} is not declared`).toContain(source);
      }
    }
    expect(services['postgres'].volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(services['redis'].volumes).toContain('redis-data:/data');
  });

  it('the mail catcher is mailpit with its web UI on the loopback interface only', () => {
    const mailcatcher = services['mailcatcher'];
    expect(mailcatcher.image).toMatch(/^axllent\/mailpit(:|$)/);
    expect(mailcatcher.ports).toEqual(['127.0.0.1:8025:8025']);
  });
});

describe('the validator rejects broken Compose files (so the checks above can fail)', () => {
  it('rejects a wrong type and an unknown key', () => {
    const errors = validateComposeDocument({
      services: { api: { ports: 'not-a-list', unknown_key: 1 } },
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'services.api.ports',
          message: 'must be array',
        }),
        expect.objectContaining({
          path: 'services.api',
          message: 'unknown property "unknown_key"',
        }),
      ]),
    );
    expect(formatComposeErrors(errors)).toContain('services.api.ports: must be array');
  });

  it('rejects bad ports, durations and depends_on conditions', () => {
    const { errors } = validateComposeText(
      [
        'services:',
        '  api:',
        '    image: example',
        '    ports: ["127.0.0.1:3000", "3000:99999", "abc"]',
        '    stop_grace_period: 30 seconds',
        '    depends_on:',
        '      db: { condition: healthy }',
        '  db:',
        '    image: postgres:17',
      ].join('\n'),
    );
    const problems = formatComposeErrors(errors);
    expect(problems).toContain('services.api.ports[0]: must match format "ports"');
    expect(problems).toContain('services.api.ports[1]: must match format "ports"');
    expect(problems).toContain('services.api.ports[2]: must match format "ports"');
    expect(problems).toContain('services.api.stop_grace_period: must match format "duration"');
    expect(problems).toContain('services.api.depends_on');
  });

  it('rejects duplicate keys and unknown top-level keys', () => {
    expect(validateComposeText('services:\n  a:\n    image: x\n    image: y\n').errors[0]?.keyword).toBe('yaml');
    expect(formatComposeErrors(validateComposeText('servicess: {}\n').errors)).toContain(
      'unknown property "servicess"',
    );
  });

  it('interpolates like Compose', () => {
    const env = { SET: 'value', EMPTY: '' };
    expect(interpolate('${SET:-d}|${EMPTY:-d}|${EMPTY-d}|${UNSET-d}', env)).toBe('value|d||d');
    expect(interpolate('${UNSET:-${SET}}|$SET|$$SET|${SET:+alt}|${EMPTY:+alt}', env)).toBe('value|value|$SET|alt|');
    expect(() => interpolate('${EMPTY:?needed}', env)).toThrow(/EMPTY is missing a value: needed/);
    expect(interpolate('${EMPTY?needed}', env)).toBe('');
    const warnings: string[] = [];
    expect(interpolate('x${UNSET}y', env, warnings)).toBe('xy');
    expect(warnings).toHaveLength(1);
  });
});
