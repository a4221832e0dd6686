/**
 * "@" in the document body: TipTap's suggestion on the shared mention node. The list narrows by name
 * and email, leaves out yourself, and is a listbox driven by up/down/Enter/Escape; the pick replaces
 * the typed "@query" with a mention node carrying the user's id and a fresh mention id (the server
 * finds new mentions by those ids). The popup is a few DOM nodes, no popup library, to keep the
 * document page's JS budget.
 */
import type { AnyExtension } from '@tiptap/core';
import type { SuggestionKeyDownProps, SuggestionProps } from '@tiptap/suggestion';
import { DocumentMention } from '../../shared/editor/mention.js';
import { matchPeople, type Mentionable } from '../lib/mention-query';

export interface MentionSource {
  people(): readonly Mentionable[];
  meId(): string | null;
}

function newMentionId(): string {
  return crypto.randomUUID().replace(/-/g, '').slice(0, 20);
}

type Props = SuggestionProps<Mentionable, { id: string; label: string; mentionId: string }>;

/** The popup: a listbox under the caret, re-rendered on every keystroke. */
function popup() {
  let list: HTMLUListElement | null = null;
  let active = 0;
  let current: Props | null = null;
  const draw = () => {
    if (!list || !current) return;
    const props = current;
    list.replaceChildren(
      ...props.items.map((person, index) => {
        const li = document.createElement('li');
        li.setAttribute('role', 'option');
        li.id = `body-mention-${index}`;
        li.setAttribute('aria-selected', String(index === active));
        li.classList.toggle('active', index === active);
        const name = document.createElement('strong');
        name.textContent = person.name;
        const email = document.createElement('span');
        email.className = 'muted small-text';
        email.textContent = ` ${person.email}`;
        li.append(name, email);
        li.addEventListener('mousedown', (event) => {
          event.preventDefault();
          choose(person);
        });
        return li;
      }),
    );
    list.hidden = props.items.length === 0;
    const rect = props.clientRect?.();
    if (rect) {
      list.style.left = `${rect.left + window.scrollX}px`;
      list.style.top = `${rect.bottom + window.scrollY + 4}px`;
    }
  };
  const choose = (person: Mentionable) => current?.command({ id: person.id, label: person.name, mentionId: newMentionId() });
  return {
    onStart(props: Props) {
      current = props;
      active = 0;
      list = document.createElement('ul');
      list.className = 'mention-picker body-mention-picker';
      list.setAttribute('role', 'listbox');
      list.setAttribute('aria-label', 'Mention someone');
      document.body.append(list);
      draw();
    },
    onUpdate(props: Props) {
      current = props;
      active = Math.min(active, Math.max(0, props.items.length - 1));
      draw();
    },
    onKeyDown({ event }: SuggestionKeyDownProps): boolean {
      const items = current?.items ?? [];
      if (event.key === 'Escape') {
        list?.remove();
        list = null;
        return true;
      }
      if (!list || items.length === 0) return false;
      if (event.key === 'ArrowDown') active = (active + 1) % items.length;
      else if (event.key === 'ArrowUp') active = (active - 1 + items.length) % items.length;
      else if (event.key === 'Enter' || event.key === 'Tab') {
        const person = items[active];
        if (person) choose(person);
        return true;
      } else return false;
      draw();
      return true;
    },
    onExit() {
      list?.remove();
      list = null;
      current = null;
    },
  };
}

/** The shared mention node with the client's picker. */
export function mentionWithPicker(source: MentionSource): AnyExtension {
  return DocumentMention.configure({
    suggestion: {
      char: '@',
      items: ({ query }) => matchPeople(source.people(), query, source.meId()),
      command: ({ editor, range, props }) => {
        editor
          .chain()
          .focus()
          .insertContentAt(range, [
            { type: DocumentMention.name, attrs: props },
            { type: 'text', text: ' ' },
          ])
          .run();
      },
      render: popup,
    },
  });
}
