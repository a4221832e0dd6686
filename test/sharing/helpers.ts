/** A group with two documents and an outsider, for the sharing tests (real server, HTTP and sockets). */
import type { WebSocket } from 'ws';
import type { TestClient } from '../helpers/clients.js';
import { rawSocket } from '../helpers/clients.js';
import type { TestServer } from '../helpers/server.js';
import { ApiClient } from '../auth/api-client.js';

export interface SharingScene {
  owner: ApiClient;
  member: ApiClient;
  guest: ApiClient;
  ids: { owner: string; member: string; guest: string };
  guestEmail: string;
  memberEmail: string;
  workspaceId: string;
  /** The document shared with the guest. */
  shared: string;
  /** Another document of the same group, never shared. */
  other: string;
}

/**
 * An owner's group with a member (editor), a shared and an unshared document, and a guest-to-be with an
 * account. `origin`: where the pages are served from (PUBLIC_URL when set), default the server's own.
 */
export async function sharingScene(server: TestServer, origin: string = server.url): Promise<SharingScene> {
  const owner = new ApiClient(server.url, origin);
  const member = new ApiClient(server.url, origin);
  const guest = new ApiClient(server.url, origin);
  const ownerUser = await owner.signup('Olga Owner');
  const memberUser = await member.signup('Mia Member');
  const guestUser = await guest.signup('Rita Reviewer');
  const workspaceId = await owner.workspace('Cardiology group');
  await owner.addMember(workspaceId, member, 'editor');
  const shared = await owner.document(workspaceId, 'Ethics protocol');
  const other = await owner.document(workspaceId, 'Confidential budget');
  return {
    owner,
    member,
    guest,
    ids: { owner: ownerUser.id, member: memberUser.id, guest: guestUser.id },
    guestEmail: guestUser.email,
    memberEmail: memberUser.email,
    workspaceId,
    shared,
    other,
  };
}

/** Owner adds the guest to the shared document with `role`; throws unless it worked. */
export async function addGuest(scene: SharingScene, role: 'editor' | 'commenter' | 'viewer'): Promise<void> {
  const res = await scene.owner.post(`/api/documents/${scene.shared}/guests`, { email: scene.guestEmail, role });
  if (res.status !== 201 && res.status !== 200) throw new Error(`add guest failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Resources a test opens, closed after each test. */
export class Opened {
  readonly clients: TestClient[] = [];
  readonly sockets: WebSocket[] = [];

  client(c: TestClient): TestClient {
    this.clients.push(c);
    return c;
  }

  async socket(server: TestServer, path: string, headers: Record<string, string>): Promise<WebSocket> {
    const ws = await rawSocket(server.url, path, headers);
    this.sockets.push(ws);
    return ws;
  }

  close(): void {
    for (const c of this.clients.splice(0)) c.destroy();
    for (const s of this.sockets.splice(0)) s.terminate();
  }
}

export async function droppedWrites(server: TestServer): Promise<number> {
  return (await server.metrics.readOnlyDropped.get()).values[0]?.value ?? 0;
}
