import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TEMPLATE_IDS, templateContent, templates } from '../../shared/templates/index.js';
import { normaliseJson } from './schema.js';
import { seedDocument } from './seed.js';
import { docToJson } from './ydoc.js';

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
});
