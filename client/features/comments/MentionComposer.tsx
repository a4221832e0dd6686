/**
 * The comment composer with an @mention picker: typing "@" and part of a name or email opens a
 * listbox of the document's people (never yourself) that narrows as you type; up/down move, Enter or
 * Tab picks, Escape closes. The pick replaces the typed "@query" by "@Name" and remembers where it is,
 * so the comment is stored with structured mentions (shared/comments/threads.ts `mentionSpans`).
 */
import { createSignal, For, Show } from 'solid-js';
import { MAX_COMMENT_LENGTH, type CommentMention } from '../../../shared/comments/threads.js';
import { activeQuery, keepMentions, matchPeople, replaceQuery, type Mentionable } from '../../lib/mention-query';

export interface ComposedComment {
  body: string;
  mentionSpans: CommentMention[];
  mentions: string[];
}

function mentionId(): string {
  return crypto.randomUUID().replace(/-/g, '').slice(0, 20);
}

let composers = 0;

export function MentionComposer(props: {
  placeholder: string;
  submitLabel: string;
  people: readonly Mentionable[];
  meId: string | null;
  onSubmit: (comment: ComposedComment) => void;
  autofocus?: boolean;
  /** Where to invite someone who has no access yet (the group's invite form). */
  inviteHref?: string;
}) {
  const listId = `mention-list-${++composers}`;
  const [body, setBody] = createSignal('');
  const [spans, setSpans] = createSignal<CommentMention[]>([]);
  const [query, setQuery] = createSignal<{ start: number; query: string } | null>(null);
  const [active, setActive] = createSignal(0);
  let area: HTMLTextAreaElement | undefined;

  const matches = () => {
    const q = query();
    return q ? matchPeople(props.people, q.query, props.meId) : [];
  };
  const open = () => query() !== null && matches().length > 0;
  // "@Zoltan" matching no one with access: offer to invite them instead.
  const offerInvite = () => {
    const q = query()?.query.trim() ?? '';
    return props.inviteHref !== undefined && q.length >= 2 && q.split(/\s+/).length <= 2 && matches().length === 0;
  };
  const refreshQuery = () => {
    if (!area) return;
    const next = activeQuery(area.value, area.selectionStart);
    if (next?.start !== query()?.start || next?.query !== query()?.query) setActive(0);
    setQuery(next);
  };
  const pick = (person: Mentionable) => {
    const q = query();
    if (!q || !area) return;
    const caret = area.selectionStart;
    const replaced = replaceQuery(body(), q.start, caret, person.name);
    const moved = keepMentions(body(), replaced.text, spans());
    setSpans([...moved, { mentionId: mentionId(), userId: person.id, ...replaced.span }]);
    setBody(replaced.text);
    area.value = replaced.text;
    area.setSelectionRange(replaced.caret, replaced.caret);
    setQuery(null);
    area.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (!open()) return;
    const count = matches().length;
    if (event.key === 'ArrowDown') setActive((active() + 1) % count);
    else if (event.key === 'ArrowUp') setActive((active() - 1 + count) % count);
    else if (event.key === 'Enter' || event.key === 'Tab') {
      const person = matches()[active()];
      if (person) pick(person);
    } else if (event.key === 'Escape') setQuery(null);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <form
      class="comment-composer"
      onSubmit={(event) => {
        event.preventDefault();
        const raw = body();
        const text = raw.trim();
        if (!text) return;
        const lead = raw.length - raw.trimStart().length;
        const kept = spans()
          .map((s) => ({ ...s, start: s.start - lead }))
          .filter((s) => s.start >= 0 && s.start + s.length <= Math.min(text.length, MAX_COMMENT_LENGTH));
        props.onSubmit({ body: text.slice(0, MAX_COMMENT_LENGTH), mentionSpans: kept, mentions: [...new Set(kept.map((s) => s.userId))] });
        setBody('');
        setSpans([]);
        setQuery(null);
      }}
    >
      <div class="mention-field">
        <textarea
          ref={area}
          rows={2}
          maxLength={MAX_COMMENT_LENGTH}
          aria-label={props.placeholder}
          placeholder={props.placeholder}
          value={body()}
          autofocus={props.autofocus}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open()}
          aria-controls={listId}
          aria-activedescendant={open() ? `${listId}-${active()}` : undefined}
          onInput={(e) => {
            const next = e.currentTarget.value;
            setSpans(keepMentions(body(), next, spans()));
            setBody(next);
            refreshQuery();
          }}
          onKeyDown={onKeyDown}
          onKeyUp={(e) => {
            if (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End') refreshQuery();
          }}
          onClick={refreshQuery}
          onBlur={() => setQuery(null)}
        />
        <Show when={open()}>
          <ul class="mention-picker" id={listId} role="listbox" aria-label="Mention someone">
            <For each={matches()}>
              {(person, index) => (
                <li
                  id={`${listId}-${index()}`}
                  role="option"
                  aria-selected={index() === active()}
                  classList={{ active: index() === active() }}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pick(person);
                  }}
                >
                  <strong>{person.name}</strong> <span class="muted small-text">{person.email}</span>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>
      <Show when={offerInvite()}>
        <p class="muted small-text mention-invite" role="status">
          No one with access matches “{query()?.query.trim()}”. <a href={props.inviteHref}>Invite them to the group</a>
        </p>
      </Show>
      <div class="composer-actions">
        <button type="submit" class="primary small" disabled={!body().trim()}>
          {props.submitLabel}
        </button>
      </div>
    </form>
  );
}
