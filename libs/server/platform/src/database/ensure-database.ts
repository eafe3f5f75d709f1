import { Client } from 'pg';

async function connect(connectionString: string): Promise<Client> {
  const client = new Client({ connectionString, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/**
 * Creates the database named in the URL if it does not exist yet. The database itself is tried
 * first, so least-privilege or managed servers (no access to `postgres`) work when it exists.
 */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new Error('DATABASE_URL names no database');
  try {
    await (await connect(databaseUrl)).end();
    return false;
  } catch (error) {
    // 3D000 invalid_catalog_name: the database does not exist yet.
    if ((error as { code?: string }).code !== '3D000') throw error;
  }
  const adminUrl = new URL(databaseUrl);
  adminUrl.pathname = '/postgres';
  const client = await connect(adminUrl.toString());
  try {
    await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
    return true;
  } catch (error) {
    // Another replica created it a moment ago: that is fine.
    // 42P04 duplicate_database; 23505 when both CREATE DATABASE statements raced in the catalogue.
    if (!['42P04', '23505'].includes((error as { code?: string }).code ?? '')) throw error;
    return false;
  } finally {
    await client.end();
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
