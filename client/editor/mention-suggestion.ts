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
  /** Where to invite someone who has no access yet (only for those who may invite), else undefined. */
  inviteHref?(): string | undefined;
}

/** "@Zoltan" that matches no one with access: a name of one or two words, worth an invitation. */
function worthInviting(query: string): boolean {
  const q = query.trim();
  return q.length >= 2 && q.split(/\s+/).length <= 2;
}

function newMentionId(): string {
  return crypto.randomUUID().replace(/-/g, '').slice(0, 20);
}

type Props = SuggestionProps<Mentionable, { id: string; label: string; mentionId: string }>;

/** The popup: a listbox under the caret, re-rendered on every keystroke. */
function popup(source: MentionSource) {
  let list: HTMLUListElement | null = null;
  // Beside the listbox, not inside it: a listbox holds only options.
  let invite: HTMLParagraphElement | null = null;
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
    const href = props.items.length === 0 && worthInviting(props.query) ? source.inviteHref?.() : undefined;
    if (href && !invite) {
      invite = document.createElement('p');
      invite.className = 'body-mention-invite muted small-text';
      invite.setAttribute('role', 'status');
      // Keeps the editor focused (and the suggestion open) until the click on the link lands.
      invite.addEventListener('mousedown', (event) => event.preventDefault());
      document.body.append(invite);
    }
    if (invite) {
      invite.hidden = !href;
      if (href) {
        const link = document.createElement('a');
        link.href = href;
        link.textContent = 'Invite them to the group';
        invite.replaceChildren(`No one with access matches “${props.query.trim()}”. `, link);
      }
    }
    const rect = props.clientRect?.();
    if (rect) {
      for (const box of [list, invite]) {
        if (!box) continue;
        box.style.left = `${rect.left + window.scrollX}px`;
        box.style.top = `${rect.bottom + window.scrollY + 4}px`;
      }
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
        invite?.remove();
        invite = null;
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
      invite?.remove();
      invite = null;
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
      render: () => popup(source),
    },
  });
}
