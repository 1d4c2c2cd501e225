import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database } from '../../bot/store/database';
import { createTestDatabase } from './pg';

/** A migrated store of either kind for one test file: PGlite in a temporary directory, or a fresh PostgreSQL database. */
export async function openTestDatabase(kind: 'pglite' | 'postgres', prefix = 'radslag-store-'): Promise<{ database: Database; cleanup: () => Promise<void> }> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    const database = await openDatabase({ databaseUrl: null, dataDir: dir });
    return {
      database,
      cleanup: async () => {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const pg = await createTestDatabase();
  const database = await openDatabase({ databaseUrl: pg.url, dataDir: '' });
  return {
    database,
    cleanup: async () => {
      await database.close();
      await pg.drop();
    },
  };
}
