import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { AppConfig, SECRET_KEYS } from './app-config';

/** Thrown when the environment does not describe a valid configuration; its message is one sentence. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Every environment variable the apps read. */
export const CONFIG_KEYS = Object.keys(new AppConfig()).concat('SMTP_URL', 'OPENAPI_ENABLED', 'SECRET_KEY');

/**
 * Reads and validates the configuration from an environment (process.env by default).
 * Unknown variables are ignored; a malformed one stops start-up with one sentence naming it.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const plain: Record<string, string> = {};
  for (const key of CONFIG_KEYS) {
    const value = env[key];
    if (value !== undefined) plain[key] = value;
  }
  const config = plainToInstance(AppConfig, plain, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigError(describe(errors[0], env));
  }
  if (config.isProduction && !config.SECRET_KEY) {
    throw new ConfigError(
      'Configuration error: SECRET_KEY must be set in production (at least 32 random characters, e.g. openssl rand -hex 32); see .env.example.',
    );
  }
  return config;
}

function describe(error: ValidationError, env: Record<string, string | undefined>): string {
  const key = error.property;
  const constraints = error.constraints ?? {};
  // Name the type problem before range problems ("must be an integer" beats "must not be greater than").
  const chosen = ['isInt', 'isBoolean', 'isIn', 'matches'].find((k) => k in constraints) ?? Object.keys(constraints)[0];
  const reason = (chosen && constraints[chosen]) || 'is invalid';
  const given = SECRET_KEYS.includes(key as keyof AppConfig) ? 'the given value' : JSON.stringify(env[key] ?? '');
  return `Configuration error: ${key} ${reason.replace(new RegExp(`^${key}\\s*`), '')} (got ${given}); see .env.example.`;
}

/** For process entry points: the configuration, or exit 78 (EX_CONFIG) with the one-sentence reason. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
}

/** The configuration with credentials in URLs masked, safe to log. */
export function redactConfig(config: AppConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    out[key] = SECRET_KEYS.includes(key as keyof AppConfig) && typeof value === 'string' ? redactUrl(value) : value;
  }
  return out;
}

/** Replaces the password (and user info) in a URL with ***. */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '***';
  }
}
