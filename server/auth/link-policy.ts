/**
 * Wraps an access policy with read-only links: an upgrade to `/collab/:docId?link=<token>` is granted
 * by the link alone (signed in or not), read-only, without presence, and only until the link expires
 * (the sweep closes it then; revoking closes it at once). Anything else goes to the wrapped policy.
 */
import type { AccessPolicy } from '../collab/access.js';
import type { DocumentMetaStore } from '../storage/documents.js';
import type { SharingStore } from '../storage/sharing.js';
import { linkReaderIdentity, lookUpLink } from './links.js';

export interface LinkPolicyDeps {
  links: Pick<SharingStore, 'linkById'>;
  documents: Pick<DocumentMetaStore, 'byId'>;
  now: () => number;
}

export function withReadOnlyLinks(policy: AccessPolicy, deps: LinkPolicyDeps): AccessPolicy {
  return async function linkPolicy(request, docId) {
    const token = new URL(request.url).searchParams.get('link');
    if (token === null) return policy(request, docId);
    const found = await lookUpLink(deps.links, token, deps.now());
    if (!found.ok) return { allow: false, status: found.status === 404 ? 403 : 410, reason: found.reason };
    // A link opens its own document's text only: not its comments, nor any other document.
    if (found.link.docId !== docId) return { allow: false, status: 403, reason: 'this link does not open this document' };
    const doc = await deps.documents.byId(docId);
    if (!doc || doc.deletedAt !== null) return { allow: false, status: 403, reason: 'this document is not available' };
    return {
      allow: true,
      grant: { identity: linkReaderIdentity(found.link.id), canWrite: false, presence: false, expiresAt: found.link.expiresAt },
    };
  };
}
