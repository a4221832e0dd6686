/**
 * Makes parser output fit the schema instead of failing on it. A Markdown parser produces JSON the
 * schema can refuse (`>` alone is a quote with no paragraph, `***a***` nested in itself repeats a
 * mark, a line holding only an image becomes bare text at the top level); a file that says odd
 * things is still a file the author wants in, so each node is rebuilt the way the editor would
 * accept it: repeated marks merged, missing required children filled in, stray inline content
 * wrapped in paragraphs. Recursive: callers cap the depth first (document-limits.ts).
 */
import type { JSONContent } from '@tiptap/core';
import { Fragment, Mark, type Node, type NodeType } from '@tiptap/pm/model';
import { documentSchema, emptyDocument } from './schema.js';

/** Marks the schema knows, as a valid set (a mark repeated or excluded by another is dropped). */
function markSet(marks: JSONContent['marks']): readonly Mark[] {
  let set: readonly Mark[] = Mark.none;
  for (const mark of marks ?? []) {
    const type = documentSchema.marks[mark.type];
    if (!type) continue;
    try {
      set = type.create(mark.attrs).addToSet(set);
    } catch {
      // Attributes the mark refuses: leave the mark out.
    }
  }
  return set;
}

/** Consecutive inline nodes wrapped in paragraphs, for a parent that only takes blocks. */
function wrapInline(children: Node[]): Node[] {
  const paragraph = documentSchema.nodes.paragraph!;
  const out: Node[] = [];
  let run: Node[] = [];
  const flush = () => {
    if (run.length > 0) out.push(paragraph.create(null, run));
    run = [];
  };
  for (const child of children) {
    if (child.isInline) run.push(child);
    else {
      flush();
      out.push(child);
    }
  }
  flush();
  return out;
}

/** `type` with `children`, made to fit: as given, filled, with inline runs wrapped, or empty. */
function fit(type: NodeType, attrs: JSONContent['attrs'], children: Node[], marks: readonly Mark[]): Node[] {
  try {
    return [type.createChecked(attrs, children, marks)];
  } catch {
    const filled = type.createAndFill(attrs, children, marks) ?? type.createAndFill(attrs, wrapInline(children), marks);
    if (filled) return [filled];
    // Content this node cannot hold at all (a block inside a paragraph): keep it beside the node.
    const blocks = children.filter((child) => !child.isInline);
    const inline = children.filter((child) => child.isInline);
    const rest = type.createAndFill(attrs, inline, marks) ?? type.createAndFill(attrs, Fragment.empty, marks);
    return rest ? [rest, ...blocks] : children;
  }
}

function repairNode(json: JSONContent): Node[] {
  if (json.type === 'text') {
    return json.text ? [documentSchema.text(json.text, markSet(json.marks))] : [];
  }
  const children = (json.content ?? []).flatMap(repairNode);
  const type = json.type ? documentSchema.nodes[json.type] : undefined;
  // A node type the schema does not have: keep what it contains.
  if (!type) return children;
  return fit(type, json.attrs, children, markSet(json.marks));
}

/** `json` rebuilt to fit the schema (see the module comment); a document in any case. */
export function repairToSchema(json: JSONContent): JSONContent {
  const doc = documentSchema.topNodeType;
  const children = (json.content ?? []).flatMap(repairNode);
  const [repaired] = fit(doc, json.attrs, wrapInline(children), Mark.none);
  return repaired && repaired.type === doc ? (repaired.toJSON() as JSONContent) : emptyDocument();
}
