/**
 * Deleting inside someone else's suggested insertion, over real sockets: a second reviewer's deletion
 * there is a suggestion of theirs (the text stays, with the first reviewer's insertion, under the
 * second's deletion), which the server's guard accepts, and each review of either suggestion does
 * what an editor expects. A client that erases the insertion instead, or changes it, is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/index.js';
import { ApiClient } from '../auth/api-client.js';
import type { TestClient } from '../helpers/clients.js';
import { docxPart, officeAvailable, resaveWithLibreOffice } from '../helpers/office.js';
import type { TestServer } from '../helpers/server.js';
import { blockSuggestionsOf, directEdit, documentSchema, positionOf, reviewEdit, suggestEdit, suggestionsIn } from '../helpers/suggest.js';
import { makeTeam, paragraphs, plain, serverDoc, startFeatureServer, waitFor, write, type Team } from './setup.js';

const servers: TestServer[] = [];
const clients: TestClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.dispose();
});

async function connect(who: ApiClient, docId: string): Promise<TestClient & { codes: number[] }> {
  const c = await who.connect(docId);
  clients.push(c);
  const codes: number[] = [];
  c.provider.on('connection-close', (event) => {
    if (event) codes.push(event.code);
  });
  return Object.assign(c, { codes });
}

const TEXT = 'Patients are enrolled within 24 hours.';

/** Each suggestion as [mark, text, author's user id]. */
const byAuthor = (doc: Y.Doc) => suggestionsIn(doc).map((s) => [s.mark, s.text, String(s.id).split('~')[0]]);

interface Nested {
  server: TestServer;
  team: Team;
  owner: TestClient & { codes: number[] };
  commenter: TestClient & { codes: number[] };
  reviewer: TestClient & { codes: number[] };
  reviewerId: string;
  insertionId: string;
  deletionId: string;
}

/**
 * A second commenter (Rui) suggests inserting "all adult "; the team's commenter (Cem) then deletes
 * "adult " inside it as a suggestion of his own, the way his editor does.
 */
async function nested(): Promise<Nested> {
  const server = await startFeatureServer();
  servers.push(server);
  const team = await makeTeam(server);
  const owner = await connect(team.owner, team.docId);
  write(owner.doc, paragraphs(TEXT));
  const second = new ApiClient(server.url);
  const reviewerId = (await second.signup('Rui Reviewer')).id;
  await team.owner.addMember(team.workspaceId, second, 'commenter');
  const reviewer = await connect(second, team.docId);
  const commenter = await connect(team.commenter, team.docId);
  await waitFor(() => plain(reviewer.doc) === TEXT && plain(commenter.doc) === TEXT, { what: 'both reviewers see the text' });
  suggestEdit(reviewer.doc, reviewerId, (tr) => tr.insertText('all adult ', positionOf(reviewer.doc, 'enrolled')));
  await waitFor(() => suggestionsIn(commenter.doc).length === 1, { what: 'the first reviewer’s insertion reaches the commenter' });
  const adult = positionOf(commenter.doc, 'adult ');
  suggestEdit(commenter.doc, team.ids.commenter, (tr) => tr.delete(adult, adult + 'adult '.length));
  const hasDeletion = (doc: Y.Doc) => suggestionsIn(doc).some((s) => s.mark === 'deletion');
  await waitFor(async () => commenter.codes.length > 0 || (hasDeletion(owner.doc) && hasDeletion(await serverDoc(server, team.docId))), {
    what: 'the nested deletion reaches the editor and the server',
  });
  expect(commenter.codes).toEqual([]);
  const found = suggestionsIn(owner.doc);
  const insertionId = String(found.find((s) => s.mark === 'insertion')?.id);
  const deletionId = String(found.find((s) => s.mark === 'deletion')?.id);
  return { server, team, owner, commenter, reviewer, reviewerId, insertionId, deletionId };
}

/** After the owner's review: the server, both reviewers and the owner hold `text` with `suggestions`. */
async function everyoneSees(n: Nested, text: string, suggestions: unknown[]): Promise<void> {
  const want = JSON.stringify([text, suggestions]);
  const reads = (doc: Y.Doc) => JSON.stringify([plain(doc), byAuthor(doc)]);
  await waitFor(async () => [n.owner.doc, n.commenter.doc, n.reviewer.doc, await serverDoc(n.server, n.team.docId)].every((doc) => reads(doc) === want), {
    what: `everyone reads "${text}" with ${JSON.stringify(suggestions)}`,
  });
  expect(reads(await serverDoc(n.server, n.team.docId))).toBe(want);
  expect([...n.owner.codes, ...n.commenter.codes, ...n.reviewer.codes]).toEqual([]);
}

describe('a commenter deleting inside another reviewer’s suggested insertion', () => {
  it('is accepted as their own deletion on the other’s text, which keeps its insertion and its id', async () => {
    const n = await nested();
    // suggestionsIn lists a mark's text in one piece while the id stays the same.
    const expected = [
      ['insertion', 'all adult ', n.reviewerId],
      ['deletion', 'adult ', n.team.ids.commenter],
    ];
    // One insertion (one id, the first reviewer's) covers "all adult "; the deletion sits on "adult ".
    const seen = suggestionsIn(n.owner.doc);
    expect(new Set(seen.filter((s) => s.mark === 'insertion').map((s) => s.id))).toEqual(new Set([n.insertionId]));
    expect(byAuthor(n.owner.doc)).toEqual(expected);
    expect(plain(n.owner.doc)).toBe('Patients are all adult enrolled within 24 hours.');
    expect(byAuthor(await serverDoc(n.server, n.team.docId))).toEqual(expected);
    expect(byAuthor(n.reviewer.doc)).toEqual(expected);
    expect([...n.commenter.codes, ...n.reviewer.codes]).toEqual([]);
  });

  it('accepting the deletion removes the text, and the insertion of it goes with it', async () => {
    const n = await nested();
    reviewEdit(n.owner.doc, n.deletionId, true);
    await everyoneSees(n, 'Patients are all enrolled within 24 hours.', [['insertion', 'all ', n.reviewerId]]);
  });

  it('rejecting the deletion removes only its mark', async () => {
    const n = await nested();
    reviewEdit(n.owner.doc, n.deletionId, false);
    await everyoneSees(n, 'Patients are all adult enrolled within 24 hours.', [['insertion', 'all adult ', n.reviewerId]]);
  });

  it('accepting the insertion leaves the deletion pending on now-plain text', async () => {
    const n = await nested();
    reviewEdit(n.owner.doc, n.insertionId, true);
    await everyoneSees(n, 'Patients are all adult enrolled within 24 hours.', [['deletion', 'adult ', n.team.ids.commenter]]);
    expect(String(suggestionsIn(n.owner.doc)[0]?.id)).toBe(n.deletionId);
  });

  it('rejecting the insertion removes the text and the deletion with it', async () => {
    const n = await nested();
    reviewEdit(n.owner.doc, n.insertionId, false);
    await everyoneSees(n, TEXT, []);
  });

  it('the reviewer whose text it is may still withdraw all of it', async () => {
    const n = await nested();
    const all = positionOf(n.reviewer.doc, 'all ');
    suggestEdit(n.reviewer.doc, n.reviewerId, (tr) => tr.delete(all, all + 'all adult '.length));
    await everyoneSees(n, TEXT, []);
  });

  it('a client that also changes the other’s insertion while marking it deleted is refused with 4403, and nothing changes', async () => {
    const n = await nested();
    const before = byAuthor(await serverDoc(n.server, n.team.docId));
    const all = positionOf(n.commenter.doc, 'all ');
    // "all " marked deleted by the commenter, and the first reviewer's insertion taken off it.
    directEdit(n.commenter.doc, (tr) =>
      tr.removeMark(all, all + 4, documentSchema.marks.insertion).addMark(all, all + 4, documentSchema.marks.deletion!.create({ id: `${n.team.ids.commenter}~x1` })),
    );
    await waitFor(() => n.commenter.codes.includes(CloseCode.Forbidden), { what: '4403 for changing the other’s insertion' });
    // A later edit of the owner's reaches the server: the relay is alive and the refused update is not in it.
    directEdit(n.owner.doc, (tr) => tr.insertText(' Later.', tr.doc.content.size - 1));
    await waitFor(async () => plain(await serverDoc(n.server, n.team.docId)).endsWith('Later.'), { what: 'a later owner edit' });
    expect(byAuthor(await serverDoc(n.server, n.team.docId))).toEqual(before);
  });
});

describe('an owner in Suggesting mode deleting inside a commenter’s suggested insertion', () => {
  it('makes a deletion of the owner’s own there, which the commenter sees', async () => {
    const n = await nested();
    const all = positionOf(n.owner.doc, 'all ');
    suggestEdit(n.owner.doc, n.team.ids.owner, (tr) => tr.delete(all, all + 'all '.length));
    await waitFor(() => suggestionsIn(n.commenter.doc).length === 4, { what: 'the owner’s deletion reaches the commenter' });
    expect(byAuthor(n.commenter.doc)).toEqual([
      ['insertion', 'all ', n.reviewerId],
      ['deletion', 'all ', n.team.ids.owner],
      ['insertion', 'adult ', n.reviewerId],
      ['deletion', 'adult ', n.team.ids.commenter],
    ]);
    expect(byAuthor(await serverDoc(n.server, n.team.docId))).toEqual(byAuthor(n.commenter.doc));
    expect(n.owner.codes).toEqual([]);
  });
});

/** `path` of the document as `who` downloads it. */
async function download(who: ApiClient, path: string): Promise<Response> {
  const res = await fetch(who.baseUrl + path, { headers: { cookie: who.cookie, origin: who.origin } });
  expect(res.status, path).toBe(200);
  return res;
}

/** Each `<w:ins>` holding a `<w:del>`: the two authors and the deleted text. */
function nestedChanges(xml: string): Array<{ inserted: string | undefined; deleted: string | undefined; text: string }> {
  return [...xml.matchAll(/<w:ins\b([^>]*)>\s*<w:del\b([^>]*)>([\s\S]*?)<\/w:del>\s*<\/w:ins>/g)].map((m) => ({
    inserted: /w:author="([^"]*)"/.exec(m[1] ?? '')?.[1],
    deleted: /w:author="([^"]*)"/.exec(m[2] ?? '')?.[1],
    text: [...(m[3] ?? '').matchAll(/<w:delText\b[^>]*>([^<]*)<\/w:delText>/g)].map((t) => t[1]).join(''),
  }));
}

describe('exports of a deletion inside another’s insertion', () => {
  it('as if all accepted drop the text; marked shows the deletion inside the insertion', async () => {
    const n = await nested();
    const base = `/api/documents/${n.team.docId}/export`;
    const accepted = await (await download(n.team.viewer, `${base}?format=md`)).text();
    expect(accepted).toContain('Patients are all enrolled within 24 hours.');
    expect(accepted).not.toContain('adult');
    const html = await (await download(n.team.viewer, `${base}?format=html&suggestions=marked`)).text();
    expect(html).toMatch(/<ins\b[^>]*>all <del\b[^>]*>adult <\/del><\/ins>enrolled/);
  });

  it.runIf(officeAvailable())('DOCX writes a w:del of the second reviewer inside the w:ins of the first, and LibreOffice keeps it on re-save', { timeout: 180_000 }, async () => {
    const n = await nested();
    const bytes = new Uint8Array(await (await download(n.team.viewer, `/api/documents/${n.team.docId}/export?format=docx`)).arrayBuffer());
    const expected = [{ inserted: 'Rui Reviewer', deleted: 'Cem Commenter', text: 'adult ' }];
    expect(nestedChanges((await docxPart(bytes, 'word/document.xml')) ?? '')).toEqual(expected);
    const resaved = (await docxPart(await resaveWithLibreOffice(bytes), 'word/document.xml')) ?? '';
    expect(nestedChanges(resaved)).toEqual(expected);
  });
});

describe('a commenter deleting a whole block another reviewer suggested inserting', () => {
  it('marks its text deleted as their own suggestion; the block keeps the other’s, and rejecting that removes it all', async () => {
    const n = await nested();
    const p = (text: string) => documentSchema.node('paragraph', null, [documentSchema.text(text)]);
    suggestEdit(n.reviewer.doc, n.reviewerId, (tr) => tr.insert(tr.doc.content.size, p('A new block.')));
    await waitFor(() => blockSuggestionsOf(n.commenter.doc).length === 1, { what: 'the inserted block reaches the commenter' });
    const block = blockSuggestionsOf(n.commenter.doc)[0];
    const start = positionOf(n.commenter.doc, 'A new block.') - 1;
    suggestEdit(n.commenter.doc, n.team.ids.commenter, (tr) => tr.delete(start, tr.doc.content.size));
    const deletedBlockText = (doc: Y.Doc) => byAuthor(doc).some(([mark, text, author]) => mark === 'deletion' && text === 'A new block.' && author === n.team.ids.commenter);
    await waitFor(async () => n.commenter.codes.length > 0 || (deletedBlockText(n.owner.doc) && deletedBlockText(await serverDoc(n.server, n.team.docId))), {
      what: 'the deletion of the block’s text at the editor and the server',
    });
    expect(n.commenter.codes).toEqual([]);
    expect(blockSuggestionsOf(await serverDoc(n.server, n.team.docId))).toEqual([block]);
    reviewEdit(n.owner.doc, block?.id ?? '', false);
    await waitFor(async () => blockSuggestionsOf(await serverDoc(n.server, n.team.docId)).length === 0 && !plain(await serverDoc(n.server, n.team.docId)).includes('A new block.'), {
      what: 'the rejected block gone on the server',
    });
    expect(byAuthor(await serverDoc(n.server, n.team.docId)).some(([, text]) => text === 'A new block.')).toBe(false);
    expect([...n.commenter.codes, ...n.reviewer.codes]).toEqual([]);
  });
});
