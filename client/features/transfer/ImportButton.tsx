/** Import a Markdown or Word file as a new document of the working group (editors and owners). */
import { useNavigate } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { errorMessage } from '../../lib/api';
import { transferApi } from './api';

/** Largest file the server accepts (server/text MAX_IMPORT_BYTES); checked here too, to fail fast. */
const MAX_BYTES = 10 * 1024 * 1024;

export function ImportButton(props: { workspaceId: string }) {
  const navigate = useNavigate();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError('');
    if (file.size > MAX_BYTES) return setError('Files are limited to 10 MB.');
    setBusy(true);
    try {
      const { document } = await transferApi.importFile(props.workspaceId, file);
      navigate(`/d/${document.id}`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span class="import-button">
      <label class="button small" classList={{ disabled: busy() }}>
        {busy() ? 'Importing…' : 'Import .md or .docx'}
        <input
          type="file"
          accept=".md,.markdown,.txt,.docx,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          class="visually-hidden"
          disabled={busy()}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            void upload(file);
          }}
        />
      </label>
      <Show when={error()}>
        <span class="field-error" role="alert">{error()}</span>
      </Show>
    </span>
  );
}
