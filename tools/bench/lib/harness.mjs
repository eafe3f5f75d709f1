// What every benchmark script needs around its measurements: a connection to the PostgreSQL
// server, stopping its child processes, dropping (or keeping) its database, and running `main`
// so that an error or Ctrl-C still cleans up.
import pg from 'pg';

/** Runs `fn` with a client connected to the server's maintenance database. */
export async function withServer(serverUrl, fn) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
export async function stopChild(child, graceMs = 15_000) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Drops the benchmark's database, or says where it is with `keep`. */
export async function dropBenchDatabase({ serverUrl, dbName, databaseUrl, keep, log }) {
  if (keep) {
    log(`kept ${dbName}: ${databaseUrl}`);
    return;
  }
  await withServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)).catch((e) =>
    console.error(`could not drop ${dbName}: ${e.message}`),
  );
  log(`dropped ${dbName} (keep it with --keep, reuse it with --reuse)`);
}

/** Runs `main`, always followed by `cleanup` (also on Ctrl-C), and exits with its outcome. */
export async function runBench({ main, cleanup, log }) {
  let exitCode = 0;
  process.on('SIGINT', () => {
    log('interrupted');
    cleanup().finally(() => process.exit(130));
  });
  try {
    await main();
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    exitCode = 1;
  } finally {
    await cleanup();
  }
  process.exit(exitCode);
}
