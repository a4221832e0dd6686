import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TEMPLATE_IDS, templateContent, templates } from '../../shared/templates/index.js';
import type { JSONContent } from '@tiptap/core';
import { exportDocument } from './index.js';
import { toPlainText } from './plain.js';
import { normaliseJson } from './schema.js';
import { seedDocument } from './seed.js';
import { docToJson } from './ydoc.js';

/** Every node of a JSON tree, depth first. */
function nodesOf(json: JSONContent): JSONContent[] {
  return [json, ...(json.content ?? []).flatMap(nodesOf)];
}

/** The template's guidance strings (placeholders of empty paragraphs). */
function guidanceIn(json: JSONContent): string[] {
  return nodesOf(json).flatMap((n) => (typeof n.attrs?.guidance === 'string' ? [n.attrs.guidance] : []));
}

describe('templates and seeding', () => {
  it.each(TEMPLATE_IDS)('seeding %s yields a Y.Doc whose JSON equals the template', (id) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, seedDocument(id));
    expect(docToJson(doc)).toEqual(templateContent(id));
    doc.destroy();
  });

  it.each(TEMPLATE_IDS)('%s is valid, canonical content for the shared schema', (id) => {
    expect(normaliseJson(templateContent(id))).toEqual(templateContent(id));
  });

  it('lists each template once with a title and a description', () => {
    expect(templates.map((t) => t.id)).toEqual([...TEMPLATE_IDS]);
    for (const t of templates) expect(t.title.length * t.description.length).toBeGreaterThan(0);
  });

  it('gives every grant-proposal section a word limit and the required sections', () => {
    const sections = (templateContent('grant-proposal').content ?? []).filter((n) => n.type === 'heading' && n.attrs?.level === 2);
    expect(sections.map((s) => s.content?.[0]?.text)).toEqual([
      'Summary', 'Aims and objectives', 'Background', 'Methods', 'Impact', 'Budget', 'Timeline', 'Team',
    ]);
    for (const s of sections) expect(s.attrs?.wordLimit).toBeGreaterThan(0);
  });

  it('has the protocol procedure as numbered steps and a best-practice review date', () => {
    const protocol = templateContent('protocol').content ?? [];
    const procedure = protocol.findIndex((n) => n.content?.[0]?.text === 'Procedure');
    expect(protocol[procedure + 1]?.type).toBe('orderedList');
    const note = JSON.stringify(templateContent('best-practice'));
    for (const title of ['Context', 'Recommendation', 'Evidence', 'Implementation', 'Review date']) expect(note).toContain(`"${title}"`);
  });

  it('does not duplicate content when the same seed reaches a replica twice', () => {
    const seed = seedDocument('protocol');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, seed);
    Y.applyUpdate(doc, seed);
    expect(docToJson(doc)).toEqual(templateContent('protocol'));
    doc.destroy();
  });

  it.each(TEMPLATE_IDS)('%s guides with placeholders, never with italic text the author must delete', (id) => {
    const json = templateContent(id);
    expect(nodesOf(json).filter((n) => n.marks?.some((m) => m.type === 'italic'))).toEqual([]);
    for (const node of nodesOf(json)) if (node.attrs?.guidance) expect(node).toEqual({ type: 'paragraph', attrs: { guidance: node.attrs.guidance } });
    if (id !== 'blank') expect(guidanceIn(json).length).toBeGreaterThan(3);
  });

  it.each(TEMPLATE_IDS.filter((id) => id !== 'blank'))('%s opens with the document title as its first heading', (id) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, seedDocument(id, 'Cryo-EM grid preparation'));
    const first = docToJson(doc).content?.[0];
    expect(first?.type).toBe('heading');
    expect(first?.content).toEqual([{ type: 'text', text: 'Cryo-EM grid preparation' }]);
    doc.destroy();
  });

  it('keeps guidance out of every export and out of the plain text', async () => {
    for (const id of TEMPLATE_IDS.filter((t) => t !== 'blank')) {
      const seeded = seedDocument(id, 'Sepsis bundle');
      const guidance = guidanceIn(docToJson(seeded));
      expect(guidance.length, id).toBeGreaterThan(0);
      const exported = [toPlainText(docToJson(seeded))];
      for (const format of ['md', 'html'] as const) exported.push(new TextDecoder().decode((await exportDocument(seeded, format, 'Sepsis bundle')).body));
      for (const text of exported) for (const hint of guidance) expect(text, id).not.toContain(hint);
    }
  });
});
