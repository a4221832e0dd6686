/** `/d/:docId`: one document, edited live with everyone else who has access. */
import { A, useParams } from '@solidjs/router';
import { Show } from 'solid-js';
import { isValidDocId } from '../../shared/limits.js';
import { Loading } from '../components/Loading';
import { useSession } from '../lib/session';
import { DocumentScreen } from './document/DocumentScreen';

export default function DocumentPage() {
  const params = useParams<{ docId: string }>();
  const session = useSession();
  return (
    <Show
      when={isValidDocId(params.docId)}
      fallback={
        <section class="narrow">
          <h1>Not a document address</h1>
          <p>
            Document addresses use letters, digits, <code>-</code> and <code>_</code>. <A href="/">Go to your working groups</A>.
          </p>
        </section>
      }
    >
      {/* The local copy is kept per person: wait until we know who is signed in (or that nobody is). */}
      <Show when={session.me() !== undefined} fallback={<Loading label="Opening the document…" />}>
        <Show when={params.docId} keyed>
          {(docId) => <DocumentScreen docId={docId} />}
        </Show>
      </Show>
    </Show>
  );
}
