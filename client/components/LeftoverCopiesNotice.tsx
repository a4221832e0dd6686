/**
 * Shown signed out: changes that an ended session (expired, or signed out elsewhere) left in this
 * browser and the server never confirmed. Their owner saves them by signing in and opening the
 * documents; anyone at this computer may discard them instead (lib/local-copies.ts says why they stay).
 */
import { createSignal, For, Show } from 'solid-js';
import { deleteCopies, leftoverOwners } from '../lib/local-copies';
import { useSession } from '../lib/session';

const documents = (n: number) => (n === 1 ? '1 document' : `${n} documents`);

export function LeftoverCopiesNotice() {
  const session = useSession();
  const [owners, setOwners] = createSignal(leftoverOwners(null));
  const discard = async (owner: { id: string; name: string; documents: number }) => {
    const question = `Discard ${owner.name}’s unsaved changes to ${documents(owner.documents)}? They are not on the server and cannot be recovered.`;
    if (!confirm(question)) return;
    await deleteCopies(owner.id);
    setOwners(leftoverOwners(null));
  };
  return (
    <Show when={session.me() === null}>
      <For each={owners()}>
        {(owner) => (
          <p class="notice-info leftover-copies" role="note">
            This browser holds changes to {documents(owner.documents)} from {owner.name}’s last session that are not saved on the server yet.
            To keep them, sign in as {owner.name} and open those documents.{' '}
            <button type="button" class="link" onClick={() => void discard(owner)}>
              Discard them
            </button>
          </p>
        )}
      </For>
    </Show>
  );
}
