/**
 * The comments panel: comment on the selected text, a list of threads (open first; resolved on
 * request), replies with @mentions of members, resolve and reopen. Threads whose text was deleted
 * stay, marked "text deleted", with the words they were about.
 */
import type { Editor } from '@tiptap/core';
import { createSignal, For, onCleanup, Show, untrack } from 'solid-js';
import { namesById, withServerNames } from '../../../shared/comments/authors.js';
import { addReply, addThread, setAssignee, setResolved, type CommentAuthor, type ThreadData } from '../../../shared/comments/threads.js';
import { can } from '../../../shared/roles.js';
import { Timestamp } from '../../components/Timestamp';
import { loadMentionable } from '../members/mentionable';
import type { DocumentContext } from '../../editor/document-plugins';
import { createLoad } from '../../lib/load';
import { readyEditor } from '../../editor/ready';
import { anchorFor, resolveAnchor } from './anchors';
import { AssignControl } from './AssignControl';
import { readDeepLink } from './deep-link';
import { MentionComposer, type ComposedComment } from './MentionComposer';
import { mentionSegments, type Mentionable } from '../../lib/mention-query';
import { commentsSession, type CommentsSession } from './session';
import '../panels.css';
import './comments.css';

function newId(): string {
  return crypto.randomUUID().replace(/-/g, '').slice(0, 20);
}

function ThreadCard(props: {
  thread: ThreadData;
  orphaned: boolean;
  active: boolean;
  canComment: boolean;
  people: readonly Mentionable[];
  meId: string | null;
  inviteHref: string | undefined;
  onPick: () => void;
  onReply: (comment: ComposedComment) => void;
  onResolve: (resolved: boolean) => void;
  onAssign: (assignee: CommentAuthor | null) => void;
}) {
  // The comment a link points to (`?comment=`, see deep-link.ts).
  const linkedComment = readDeepLink(location.search).comment;
  return (
    <li class="thread" classList={{ active: props.active, resolved: props.thread.resolved, orphaned: props.orphaned }} data-thread-id={props.thread.id}>
      <button type="button" class="thread-quote" onClick={() => props.onPick()} title="Show in the text">
        “{props.thread.quote}”
      </button>
      <Show when={props.orphaned}>
        <p class="thread-flag">Text deleted: this thread is no longer attached to the document.</p>
      </Show>
      <ol class="thread-comments">
        <For each={props.thread.comments}>
          {(comment) => (
            <li
              data-comment-id={comment.id}
              classList={{ linked: comment.id === linkedComment }}
              ref={(el) => {
                // The comment a link points to (deep-link.ts) is scrolled into view once it is drawn.
                if (comment.id === linkedComment) queueMicrotask(() => el.scrollIntoView({ block: 'center' }));
              }}
            >
              <div class="comment-meta">
                <strong>{comment.author.name}</strong> <Timestamp ms={comment.createdAt} />
              </div>
              <p class="comment-body">
                <For each={mentionSegments(comment.body, comment.mentionSpans ?? [])}>
                  {(part) => (part.userId ? <mark class="mention" data-user-id={part.userId}>{part.text}</mark> : part.text)}
                </For>
              </p>
            </li>
          )}
        </For>
      </ol>
      <Show when={props.thread.resolved && props.thread.resolvedBy}>
        {(by) => <p class="muted small-text">Resolved by {by().name}</p>}
      </Show>
      <AssignControl thread={props.thread} people={props.people} canAssign={props.canComment} onAssign={props.onAssign} />
      <Show when={props.canComment}>
        <Show when={!props.thread.resolved}>
          <MentionComposer placeholder="Reply…" submitLabel="Reply" people={props.people} meId={props.meId} inviteHref={props.inviteHref} onSubmit={props.onReply} />
        </Show>
        <button type="button" class="ghost small" onClick={() => props.onResolve(!props.thread.resolved)}>
          {props.thread.resolved ? 'Reopen' : 'Resolve'}
        </button>
      </Show>
    </li>
  );
}

function Threads(props: { context: DocumentContext; editor: Editor; session: CommentsSession; only?: (thread: ThreadData) => boolean }) {
  const [showResolved, setShowResolved] = createSignal(false);
  const [selection, setSelection] = createSignal<{ from: number; to: number } | null>(null);
  const [tick, setTick] = createSignal(0);
  const [error, setError] = createSignal('');
  const people = createLoad(
    () => props.context.workspace()?.id,
    async (id): Promise<Mentionable[]> => loadMentionable(props.context.docId, id),
  ).value;
  const members = (): CommentAuthor[] | undefined => people()?.map((p) => ({ id: p.id, name: p.name }));
  // Editor events can fire inside someone else's effect (setEditable dispatches a transaction):
  // write without reading, or that effect would start depending on our signals.
  const track = () => {
    const { from, to } = props.editor.state.selection;
    setSelection(to > from ? { from, to } : null);
    setTick((n) => n + 1);
  };
  props.editor.on('transaction', track);
  onCleanup(() => props.editor.off('transaction', track));
  track();

  const me = (): CommentAuthor | null => {
    const user = props.context.me();
    return user ? { id: user.id, name: user.name } : null;
  };
  // Only those who may invite are offered to (the invite form is on the group's page).
  const inviteHref = () => {
    const workspace = props.context.workspace();
    return workspace && can(workspace.role, 'invites.manage') ? `/w/${encodeURIComponent(workspace.id)}#invites-heading` : undefined;
  };
  const canComment = () => {
    const role = props.context.workspace()?.role;
    return role !== undefined && can(role, 'document.comment') && props.session.comments.synced();
  };
  const orphaned = (thread: ThreadData) => {
    tick();
    return resolveAnchor(props.editor.state, thread.anchor) === null;
  };
  // Authors under the members' names by id, not the names stored in the comments (authors.ts).
  const names = () => namesById(members() ?? []);
  const visible = () =>
    props.session.comments
      .threads()
      .filter((t) => (showResolved() || !t.resolved) && (props.only?.(t) ?? true))
      .map((t) => withServerNames(t, names()));
  const open = () => props.session.comments.threads().filter((t) => !t.resolved).length;
  const resolvedCount = () => props.session.comments.threads().length - open();
  // An empty list says why: nothing yet, or everything resolved (and hidden).
  const emptyText = () => (resolvedCount() > 0 ? `No open comments · ${resolvedCount()} resolved` : 'No comments yet.');

  const start = ({ body, mentions, mentionSpans }: ComposedComment) => {
    const author = me();
    const range = selection();
    if (!author || !range) return;
    const anchor = anchorFor(props.editor.state, range.from, range.to);
    if (!anchor) return setError('The document is still loading. Try again in a moment.');
    setError('');
    const id = newId();
    const now = Date.now();
    addThread(
      props.session.comments.doc,
      { id, anchor, quote: props.editor.state.doc.textBetween(range.from, range.to, ' ').slice(0, 300), createdBy: author, createdAt: now },
      { id: newId(), author, body, mentions, mentionSpans, createdAt: now },
    );
    props.session.setActiveThread(id);
    props.session.setDrafting(false);
  };
  const pick = (thread: ThreadData) => {
    props.session.setActiveThread(thread.id);
    const range = resolveAnchor(props.editor.state, thread.anchor);
    if (range) props.editor.chain().setTextSelection(range).scrollIntoView().run();
  };

  return (
    <section class="feature-panel comments-panel" aria-label="Comments">
      <Show when={canComment()} fallback={<p class="muted small-text">{props.context.workspace()?.role === 'viewer' ? 'Viewers can read comments but not add them.' : 'Loading comments…'}</p>}>
        <Show when={selection()} fallback={<p class="muted small-text">Select text in the document to comment on it.</p>}>
          <div
            class="new-comment"
            onFocusIn={() => props.session.setDrafting(true)}
            onFocusOut={(event) => {
              // Moving between the composer's own controls (the text, the mention list, the button) keeps the highlight.
              if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) props.session.setDrafting(false);
            }}
          >
            <MentionComposer placeholder="Comment on the selected text…" submitLabel="Comment" people={people() ?? []} meId={me()?.id ?? null} inviteHref={inviteHref()} onSubmit={start} />
          </div>
        </Show>
      </Show>
      <Show when={error()}>
        <p class="field-error" role="alert">{error()}</p>
      </Show>
      <div class="panel-row">
        <span class="muted small-text">{open()} open</span>
        <label class="small-text">
          <input type="checkbox" checked={showResolved()} onChange={(e) => setShowResolved(e.currentTarget.checked)} /> Show resolved
        </label>
      </div>
      <ul class="thread-list">
        <For each={visible()} fallback={<li class="muted small-text thread-empty">{emptyText()}</li>}>
          {(thread) => (
            <ThreadCard
              thread={thread}
              orphaned={orphaned(thread)}
              active={props.session.activeThread() === thread.id}
              canComment={canComment()}
              people={people() ?? []}
              meId={me()?.id ?? null}
              inviteHref={inviteHref()}
              onPick={() => pick(thread)}
              onReply={({ body, mentions, mentionSpans }) => {
                const author = me();
                if (author) addReply(props.session.comments.doc, thread.id, { id: newId(), author, body, mentions, mentionSpans, createdAt: Date.now() });
              }}
              onResolve={(resolved) => setResolved(props.session.comments.doc, thread.id, resolved ? me() : null, Date.now())}
              onAssign={(assignee) => {
                const by = me();
                if (by) setAssignee(props.session.comments.doc, thread.id, assignee, by, Date.now());
              }}
            />
          )}
        </For>
      </ul>
    </section>
  );
}

/** The "Comments" side panel; `only` narrows its threads (the review panel leaves out suggestions' own threads). */
export function CommentsPanel(props: { context: DocumentContext; only?: (thread: ThreadData) => boolean }) {
  return (
    <Show when={readyEditor(props.context)} keyed fallback={<p class="muted">Comments appear once the document has loaded.</p>}>
      {(editor) => {
        const session = untrack(() => commentsSession(editor, props.context.docId));
        return <Threads context={props.context} editor={editor} session={session} only={props.only} />;
      }}
    </Show>
  );
}
