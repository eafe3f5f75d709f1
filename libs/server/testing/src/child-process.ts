import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppConfig } from '@srp/server/platform';
import { configEnv } from './test-config';

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  /** Sends the signal and resolves with the exit code (or the signal name). */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | string>;
}

/**
 * Starts a built app (`dist/apps/<app>/main.js`) with the test configuration and waits until it
 * prints `readyLine`. Builds come from `npm run build` (npm test builds before this tier).
 */
export async function startBuiltApp(
  app: 'api' | 'worker',
  config: AppConfig,
  readyLine: string,
  extraEnv: Record<string, string> = {},
): Promise<RunningProcess> {
  const main = resolve(__dirname, `../../../../dist/apps/${app}/main.js`);
  if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build" first`);
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env['PATH'] ?? '', ...configEnv(config), LOG_LEVEL: 'info', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | string>((resolveExit) =>
    child.on('exit', (code, signal) => resolveExit(code ?? signal ?? 'unknown')),
  );
  await new Promise<void>((ready, fail) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyLine)) ready();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => fail(new Error(`${app} exited (${code}) before it was ready:\n${output}`)));
    // Generous: a loaded 2-core CI machine starts a Nest app with all its modules slowly.
    setTimeout(() => {
      // Never leave it running: an orphaned worker would keep sweeping the shared database.
      child.kill('SIGKILL');
      fail(new Error(`${app} not ready within 60 s:\n${output}`));
    }, 60_000).unref();
  });
  return {
    child,
    output: () => output,
    stop: async (signal = 'SIGTERM', timeoutMs = 20_000) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
