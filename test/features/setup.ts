/** Shared setup for the feature API tests: a real server with short debounces, and a small team. */
import type { JSONContent } from '@tiptap/core';
import * as Y from 'yjs';
import { applyJsonToDoc, docToJson, toPlainText } from '../../server/text/index.js';
import { ApiClient } from '../auth/api-client.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { waitFor as waitForCondition } from '../helpers/wait.js';

/** A server whose search, versions and activity react within tens of milliseconds. */
export function startFeatureServer(env: Record<string, string> = {}): Promise<TestServer> {
  return startTestServer({
    env,
    timings: { indexDelayMs: 20, versionIdleMs: 60, versionMaxWaitMs: 2000, activityIdleMs: 40, activityMaxWaitMs: 2000, changeIdleMs: 40, changeMaxWaitMs: 2000 },
  });
}

export interface Team {
  owner: ApiClient;
  commenter: ApiClient;
  viewer: ApiClient;
  ids: { owner: string; commenter: string; viewer: string };
  workspaceId: string;
  docId: string;
}

/** An owner with a workspace and a document, plus a commenter and a viewer in it. */
export async function makeTeam(server: TestServer, title = 'Trial protocol'): Promise<Team> {
  const owner = new ApiClient(server.url);
  const commenter = new ApiClient(server.url);
  const viewer = new ApiClient(server.url);
  const ids = {
    owner: (await owner.signup('Olga Owner')).id,
    commenter: (await commenter.signup('Cem Commenter')).id,
    viewer: (await viewer.signup('Vera Viewer')).id,
  };
  const workspaceId = await owner.workspace('Cardiology group');
  await owner.addMember(workspaceId, commenter, 'commenter');
  await owner.addMember(workspaceId, viewer, 'viewer');
  const docId = await owner.document(workspaceId, title);
  return { owner, commenter, viewer, ids, workspaceId, docId };
}

/** A document of paragraphs. */
export function paragraphs(...lines: string[]): JSONContent {
  return { type: 'doc', content: lines.map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })) };
}

/** Makes a client's document equal `json` (sent to the server like any edit). */
export function write(doc: Y.Doc, json: JSONContent): void {
  applyJsonToDoc(doc, json);
}

/** The plain text of a Y.Doc. */
export function plain(doc: Y.Doc): string {
  return toPlainText(docToJson(doc));
}

/** The document as the server holds it now (a fresh copy; destroy is left to the garbage collector). */
export async function serverDoc(server: TestServer, docId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await server.hub.readDocument(docId));
  return doc;
}

/** waitFor for a value: resolves with the first non-null answer of `check`, typed without null. */
export async function waitForValue<T>(check: () => Promise<T | null | undefined>, what: string): Promise<T> {
  const value = await waitFor(check, { what });
  if (value === null || value === undefined) throw new Error(`no value for ${what}`);
  return value;
}

/**
 * waitFor with a 30 s deadline: these tests share two cores with other suites and browsers, and a
 * debounce plus a commit can take longer than the helper's 10 s default under that load.
 */
export function waitFor<T>(check: () => T | Promise<T>, options: { timeoutMs?: number; what?: string } = {}): Promise<T> {
  return waitForCondition(check, { timeoutMs: 30_000, ...options });
}
