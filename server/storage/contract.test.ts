/** The storage contract against both engines: SQLite in a temp dir, PostgreSQL in a fresh schema. */
import fs from 'node:fs';
import { createTestSchema, describeWithPostgres } from '../../test/helpers/postgres.js';
import { tempDir } from '../../test/helpers/server.js';
import { storageContract } from './contract/document-store.contract.js';
import { openPostgresStorage } from './postgres/open.js';
import { openSqliteStorage } from './sqlite/open.js';

storageContract('sqlite', async () => {
  const dataDir = tempDir('confer-contract-');
  return {
    open: () => openSqliteStorage({ dataDir, synchronous: 'FULL' }),
    dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
});

describeWithPostgres('PostgreSQL engine', (url) => {
  storageContract('postgres', async () => {
    const schema = await createTestSchema(url);
    return {
      open: () => openPostgresStorage({ url, schema: schema.name, poolSize: 4 }),
      dispose: () => schema.drop(),
    };
  });
});
