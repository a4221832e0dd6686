/**
 * Suggesting mode in the editor. Every transaction the user makes is turned into suggestions of theirs
 * in TipTap's dispatchTransaction (shared/editor/suggest-as.ts); remote changes (y-sync) and undo are
 * left alone, as the library's own wrapper does. Plugins that append transactions (trailing node, ids,
 * numbering) never pass dispatchTransaction, so in Suggesting mode a filter lets only suggestions,
 * accept/reject of reviewers and remote changes change the text: a commenter's client never sends an
 * edit the server refuses. Undo and redo, which Yjs applies below ProseMirror, are checked before they
 * run (suggestion-undo.ts). Suggestions are coloured by author with decorations.
 */
import { Extension, type Editor } from '@tiptap/core';
import { suggestChangesKey } from '@handlewithcare/prosemirror-suggest-changes';
import type { Node } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import type { UndoManager } from 'yjs';
import { guardUndo } from './suggestion-undo.js';
import { colorFor } from '../../shared/colors.js';
import { suggestAs } from '../../shared/editor/suggest-as.js';
import { BLOCK_SUGGESTION_ATTR, blockSuggestionOf, SUGGESTION_MARKS, suggestionAuthor } from '../../shared/editor/suggestion-ids.js';

export interface SuggestingOptions {
  /** Whether typing makes suggestions now. */
  suggesting: () => boolean;
  /** The signed-in user's id (the author part of new suggestion ids). */
  authorId: () => string | null;
  /** May accept and reject (owners and editors). */
  canReview: () => boolean;
  /** A name for a user id, for the tooltip. */
  nameOf: (userId: string) => string;
  /** An edit that cannot be made as a suggestion was dropped. */
  onUnsuggestable: () => void;
}

/** Meta of a transaction already turned into suggestions. */
const SUGGESTED = 'conferSuggested';

/** Meta of a transaction that only redraws the authors' names (they load after the editor). */
const NAMES_CHANGED = 'conferSuggestionNames';

/** Redraws the suggestions' tooltips once `nameOf` knows more people. */
export function refreshSuggestionNames(editor: Editor): void {
  if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(NAMES_CHANGED, true));
}

/** Changes that are not the user's own typing: y-sync's remote changes, undo and redo. */
function isRemoteOrUndo(tr: Transaction): boolean {
  const sync = (tr.getMeta('y-sync$') ?? {}) as { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean };
  return sync.isChangeOrigin === true || sync.isUndoRedoOperation === true || tr.getMeta('history$') !== undefined;
}

/** Accept and reject commands of the library mark themselves so. */
function isReview(tr: Transaction): boolean {
  const meta = tr.getMeta(suggestChangesKey) as { skip?: unknown } | undefined;
  return meta !== undefined && 'skip' in meta;
}

function authorColours(doc: Node, nameOf: (id: string) => string): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    const block = node.isInline ? null : blockSuggestionOf(node.attrs[BLOCK_SUGGESTION_ATTR]);
    const blockAuthor = block ? suggestionAuthor(block.id) : null;
    if (block && blockAuthor) {
      const verb = block.kind === 'insertion' ? 'inserted block' : block.kind === 'deletion' ? 'deleted block' : `change (was ${block.from?.type ?? 'another block'})`;
      decorations.push(Decoration.node(pos, pos + node.nodeSize, { style: `--suggestion-color: ${colorFor(blockAuthor)}`, title: `Suggested ${verb} by ${nameOf(blockAuthor)}` }));
    }
    if (!node.isText) return true;
    const marks = node.marks.filter((m) => (SUGGESTION_MARKS as readonly string[]).includes(m.type.name));
    // Someone's deletion inside another's insertion: the deletion is the newer word on that text, and
    // the card offers it; the title names both.
    const mark = marks.find((m) => m.type.name === 'deletion') ?? marks[0];
    const author = mark ? suggestionAuthor(mark.attrs.id) : null;
    if (mark && author) {
      const verb = mark.type.name === 'insertion' ? 'insertion' : mark.type.name === 'deletion' ? 'deletion' : 'change';
      const inserted = marks.find((m) => m !== mark && m.type.name === 'insertion');
      const insertedBy = inserted ? suggestionAuthor(inserted.attrs.id) : null;
      decorations.push(
        Decoration.inline(pos, pos + node.nodeSize, {
          style: `--suggestion-color: ${colorFor(author)}`,
          title: `Suggested ${verb} by ${nameOf(author)}${insertedBy ? ` (of text suggested by ${nameOf(insertedBy)})` : ''}`,
          'data-suggestion': String(mark.attrs.id),
        }),
      );
    }
    return false;
  });
  return DecorationSet.create(doc, decorations);
}

export const Suggesting = Extension.create<SuggestingOptions>({
  name: 'conferSuggesting',

  addOptions() {
    return { suggesting: () => false, authorId: () => null, canReview: () => false, nameOf: (id: string) => id, onUnsuggestable: () => undefined };
  },

  dispatchTransaction({ transaction, next }) {
    const author = this.options.authorId();
    if (!this.options.suggesting() || !author || !transaction.docChanged || isRemoteOrUndo(transaction) || isReview(transaction)) {
      next(transaction);
      return;
    }
    const tracked = suggestAs(transaction, this.editor.state, author);
    if (!tracked) {
      this.options.onUnsuggestable();
      return;
    }
    next(tracked.setMeta(SUGGESTED, true));
  },

  addProseMirrorPlugins() {
    const options = this.options;
    const colours = new PluginKey<DecorationSet>('conferSuggestionColours');
    return [
      new Plugin({
        key: new PluginKey('conferSuggestingFilter'),
        filterTransaction: (tr) =>
          !options.suggesting() || !tr.docChanged || isRemoteOrUndo(tr) || tr.getMeta(SUGGESTED) === true || (isReview(tr) && options.canReview()),
      }),
      new Plugin({
        key: new PluginKey('conferSuggestingUndo'),
        view: (view) => {
          const undoManager = (yUndoPluginKey.getState(view.state) as { undoManager?: UndoManager } | undefined)?.undoManager;
          // Only someone who may not edit directly is refused a plain edit.
          const release = undoManager
            ? guardUndo(undoManager, () => (options.suggesting() && !options.canReview() ? options.authorId() : null), options.onUnsuggestable)
            : () => undefined;
          return { destroy: release };
        },
      }),
      new Plugin<DecorationSet>({
        key: colours,
        state: {
          init: (_config, state) => authorColours(state.doc, options.nameOf),
          apply: (tr, set) => (tr.docChanged || tr.getMeta(NAMES_CHANGED) === true ? authorColours(tr.doc, options.nameOf) : set),
        },
        props: { decorations: (state) => colours.getState(state) },
      }),
    ];
  },
});
