import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOCUMENT_FRAGMENT } from '../../shared/editor/extensions.js';
import { everyNodeDocument } from './fixtures/every-node.js';
import { normaliseJson } from './schema.js';
import { applyJsonToDoc, docToJson, jsonToUpdate, replaceContentUpdate } from './ydoc.js';

const para = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] });

describe('Yjs <-> JSON', () => {
  it('stores every node and mark and reads them back unchanged', () => {
    const doc = new Y.Doc();
    applyJsonToDoc(doc, everyNodeDocument);
    expect(docToJson(doc)).toEqual(normaliseJson(everyNodeDocument));
    expect(docToJson(Y.encodeStateAsUpdate(doc))).toEqual(normaliseJson(everyNodeDocument));
    doc.destroy();
  });

  it('reads a new, empty document as one empty paragraph', () => {
    expect(docToJson(new Y.Doc())).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
  });

  it('never changes the document it reads, even when content does not fit the schema', () => {
    const doc = new Y.Doc();
    applyJsonToDoc(doc, { type: 'doc', content: [para('kept')] });
    doc.getXmlFragment(DOCUMENT_FRAGMENT).insert(1, [new Y.XmlElement('marquee')]);
    const before = Y.encodeStateAsUpdate(doc);
    let updates = 0;
    doc.on('update', () => updates++);

    expect(docToJson(doc)).toEqual({ type: 'doc', content: [para('kept')] });
    expect(updates).toBe(0);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    doc.destroy();
  });

  it('applies new content as a small change that keeps untouched paragraphs (and anchors in them)', () => {
    const doc = new Y.Doc();
    applyJsonToDoc(doc, { type: 'doc', content: [para('Aims stay.'), para('Methods change.')] });
    const firstText = doc.getXmlFragment(DOCUMENT_FRAGMENT).get(0) as Y.XmlElement;
    const anchor = Y.createRelativePositionFromTypeIndex(firstText.get(0) as Y.XmlText, 5);

    applyJsonToDoc(doc, { type: 'doc', content: [para('Aims stay.'), para('Methods were rewritten.')] });

    expect(docToJson(doc)).toEqual({ type: 'doc', content: [para('Aims stay.'), para('Methods were rewritten.')] });
    const resolved = Y.createAbsolutePositionFromRelativePosition(anchor, doc);
    expect(resolved?.index).toBe(5);
    doc.destroy();
  });

  it('computes a restore as an update another replica can apply', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    Y.applyUpdate(server, jsonToUpdate({ type: 'doc', content: [para('v1')] }));
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));

    const update = replaceContentUpdate(server, { type: 'doc', content: [para('v2'), para('more')] });
    expect(docToJson(server)).toEqual({ type: 'doc', content: [para('v1')] });
    Y.applyUpdate(client, update);

    expect(docToJson(client)).toEqual({ type: 'doc', content: [para('v2'), para('more')] });
    server.destroy();
    client.destroy();
  });

  it('refuses JSON that does not fit the schema instead of storing it', () => {
    const doc = new Y.Doc();
    expect(() => applyJsonToDoc(doc, { type: 'doc', content: [{ type: 'image', attrs: { src: 'x' } }] })).toThrow();
    expect(() => applyJsonToDoc(doc, { type: 'doc', content: [{ type: 'text', text: 'loose' }] })).toThrow();
    expect(doc.getXmlFragment(DOCUMENT_FRAGMENT).length).toBe(0);
    doc.destroy();
  });
});
