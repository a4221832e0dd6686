/** The metadata stores over one database, made once per server in main.ts and injected where needed. */
import type { Kysely } from 'kysely';
import { AccountStore } from './accounts.js';
import { DocumentMetaStore } from './documents.js';
import { InviteStore } from './invites.js';
import type { Schema } from './schema.js';
import { SharingStore } from './sharing.js';
import { WorkspaceStore } from './workspaces.js';

export interface MetaStores {
  accounts: AccountStore;
  workspaces: WorkspaceStore;
  invites: InviteStore;
  documents: DocumentMetaStore;
  /** Document guests and read-only links. */
  sharing: SharingStore;
}

export function createMetaStores(db: Kysely<Schema>): MetaStores {
  const workspaces = new WorkspaceStore(db);
  return { accounts: new AccountStore(db), workspaces, invites: new InviteStore(db, workspaces), documents: new DocumentMetaStore(db), sharing: new SharingStore(db) };
}
