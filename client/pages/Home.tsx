/** `/`: start a new document. The workspace list arrives with accounts. */
import { useNavigate } from '@solidjs/router';
import { randomDocId } from '../lib/ids';

export default function HomePage() {
  const navigate = useNavigate();
  return (
    <section class="home">
      <h1>Write together, across time zones</h1>
      <p class="lead">
        Confer is a shared workspace for research protocols, funding proposals and best-practice notes. Everyone on the same
        address edits the same document, live.
      </p>
      <button type="button" class="primary" onClick={() => navigate(`/d/${randomDocId()}`)}>
        New document
      </button>
    </section>
  );
}
