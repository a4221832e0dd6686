/**
 * The whole app in-process for HTTP route tests (Hono's `app.request`, no listener, no sockets): real
 * SQLite in a temporary directory, the real relay hub, auth and services, exactly as `npm start`
 * assembles them. Tests that need sockets, PostgreSQL, Redis or a browser use test/helpers/server.ts.
 */
import fs from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { pino } from 'pino';
import { loadConfig } from '../../server/config.js';
import { assembleServer, type AssembledServer, type StartOptions } from '../../server/main.js';
import { ApiClient } from '../auth/api-client.js';
import { tempDir } from './server.js';

/** The origin in-process requests come from (and the only one the app allows). */
export const inProcessOrigin = 'http://confer.test';

export interface InProcessApp extends AssembledServer {
  /** A signed-out API client that talks to the app in-process. */
  client(): ApiClient;
  /** Shuts the app down and removes its data directory. */
  dispose(): Promise<void>;
}

export async function startInProcess(options: StartOptions & { env?: Record<string, string> } = {}): Promise<InProcessApp> {
  const dataDir = tempDir('confer-routes-');
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ALLOWED_ORIGINS: inProcessOrigin, ...options.env });
  const assembled = await assembleServer(config, {
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    // No socket, so no peer address: every in-process request comes from one client.
    clientAddress: () => '127.0.0.1',
    ...options,
  });
  let disposed = false;
  return {
    ...assembled,
    client: () => new ApiClient(inProcessOrigin, inProcessOrigin, (url, init) => assembled.app.request(url, init)),
    async dispose() {
      if (disposed) return;
      disposed = true;
      await assembled.shutdown();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An owner with a working group and one document, a commenter and a viewer in it, and an outsider. */
export interface InProcessTeam {
  owner: ApiClient;
  commenter: ApiClient;
  viewer: ApiClient;
  /** Signed in, member of nothing: sees every document of the group as a 404. */
  outsider: ApiClient;
  workspaceId: string;
  docId: string;
}

export async function makeInProcessTeam(app: InProcessApp, title = 'Trial protocol'): Promise<InProcessTeam> {
  const [owner, commenter, viewer, outsider] = [app.client(), app.client(), app.client(), app.client()];
  await owner.signup('Olga Owner');
  await commenter.signup('Cem Commenter');
  await viewer.signup('Vera Viewer');
  await outsider.signup('Otto Outsider');
  const workspaceId = await owner.workspace('Cardiology group');
  await owner.addMember(workspaceId, commenter, 'commenter');
  await owner.addMember(workspaceId, viewer, 'viewer');
  const docId = await owner.document(workspaceId, title);
  return { owner, commenter, viewer, outsider, workspaceId, docId };
}

/** The app and a team for one test file: made before its first test, disposed after its last. */
export interface InProcessContext {
  app: InProcessApp;
  team: InProcessTeam;
}

export function useInProcessTeam(title?: string): InProcessContext {
  // Filled in by beforeAll, before any test reads it.
  const context = {} as InProcessContext;
  beforeAll(async () => {
    context.app = await startInProcess();
    context.team = await makeInProcessTeam(context.app, title);
  });
  afterAll(async () => {
    await context.app?.dispose();
  });
  return context;
}
