/**
 * Workload 7 (client side): one person typing into a 50-page document, as an editor (plain text) or as
 * a commenter (every keystroke a suggestion of theirs, so the server's suggestion guard judges it), with
 * an editor watching. Figures: keystroke-to-watcher latency and the server's CPU per keystroke.
 */
import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import { percentiles } from '../stats.js';
import { BenchClient, REMOTE, type ClientOptions } from './client.js';
import { Codec } from './codec.js';
import type { SuggestTypingResult, TargetRef } from './jobs.js';
import { ProcessProbe } from './probe.js';
import { withTimeout } from './util.js';

/** 50 pages of about 500 words: 1,250 paragraphs of 20 words, a heading every 25. */
const PARAGRAPHS = 1_250;
const WORDS = ['patients', 'were', 'randomised', 'to', 'the', 'intervention', 'arm', 'and', 'followed', 'for', 'twenty-eight', 'days', 'with', 'mortality', 'as', 'primary', 'endpoint', 'of', 'this', 'protocol'];
/** 40 keystrokes per second: a fast typist. */
const KEY_INTERVAL_MS = 25;

function fiftyPages(): Uint8Array {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('default');
  const blocks: Y.XmlElement[] = [];
  for (let i = 0; i < PARAGRAPHS; i++) {
    const heading = i % 25 === 0;
    const block = new Y.XmlElement(heading ? 'heading' : 'paragraph');
    if (heading) block.setAttribute('level', 2 as unknown as string);
    const text = new Y.XmlText();
    text.insert(0, heading ? `Section ${i / 25 + 1}` : Array.from({ length: 20 }, (_, w) => WORDS[(i + w) % WORDS.length]).join(' ') + '.');
    block.insert(0, [text]);
    blocks.push(block);
  }
  fragment.insert(0, blocks);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

export class SuggestTypingSession {
  private seed: Uint8Array | null = null;

  /** Seeds a fresh document as an editor, then types `keystrokes` into its middle as `role`. */
  async run(target: TargetRef, role: 'editor' | 'commenter', keystrokes: number): Promise<SuggestTypingResult> {
    this.seed ??= fiftyPages();
    const docId = `suggest-${randomBytes(4).toString('hex')}`;
    const client = (query: string, extra: Partial<ClientOptions>) =>
      new BenchClient({ codec: new Codec(target.protocol, `${docId}?${query}`), port: target.port, path: target.path, ...extra });
    // The seeder answers the server's step1 with the whole document.
    const seeder = client('role=editor&user=seeder', { seed: this.seed });
    const watched = new Y.Doc();
    const mirror = new Y.Doc();
    // Keystroke k has arrived once the watcher's paragraph is k + 1 characters longer than at the start.
    const sent: number[] = [];
    const latencies: number[] = [];
    let watchedText: Y.XmlText | null = null;
    let baseLength = 0;
    const watcher = client('role=editor&user=watcher', {
      mirror: watched,
      onUpdate: () => {
        if (!watchedText) return;
        // onUpdate runs before the mirror applies the update: read it on the next microtask.
        queueMicrotask(() => {
          const at = performance.now();
          const seen = (watchedText?.length ?? 0) - baseLength;
          for (let k = latencies.length; k < Math.min(seen, sent.length); k++) latencies.push(at - (sent[k] ?? at));
        });
      },
    });
    const typist = client(`role=${role}&user=typist`, { mirror });
    try {
      await withTimeout(seeder.connect(), 20_000, 'seeder connect');
      await withTimeout(watcher.connect(), 20_000, 'watcher connect');
      await withTimeout(typist.connect(), 20_000, 'typist connect');
      const deadline = performance.now() + 20_000;
      while (mirror.getXmlFragment('default').length < PARAGRAPHS || watched.getXmlFragment('default').length < PARAGRAPHS) {
        if (performance.now() > deadline) throw new Error('the typist or the watcher never saw the whole document');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const middle = PARAGRAPHS / 2 + 1;
      const text = (mirror.getXmlFragment('default').get(middle) as Y.XmlElement).get(0) as Y.XmlText;
      watchedText = (watched.getXmlFragment('default').get(middle) as Y.XmlElement).get(0) as Y.XmlText;
      baseLength = watchedText.length;
      mirror.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === REMOTE) return;
        sent.push(performance.now());
        typist.sendUpdate(update);
      });
      const format = role === 'commenter' ? { insertion: { id: `typist~${randomBytes(4).toString('hex')}` } } : {};
      const probe = new ProcessProbe(target.pid);
      probe.start();
      const start = performance.now();
      for (let i = 0; i < keystrokes; i++) {
        const due = start + i * KEY_INTERVAL_MS;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        text.insert(60 + i, 'abcdefghij'[i % 10] as string, format);
      }
      const drainUntil = performance.now() + 10_000;
      while (latencies.length < sent.length && performance.now() < drainUntil) await new Promise((resolve) => setTimeout(resolve, 10));
      const usage = probe.stop();
      const seconds = (performance.now() - start) / 1000;
      const delivered = latencies.length;
      return {
        role,
        keystrokes: sent.length,
        delivered,
        latency: percentiles(latencies),
        serverCpuMsPerKey: (usage.serverCpu * seconds * 1000) / Math.max(1, sent.length),
        usage,
      };
    } finally {
      seeder.close();
      watcher.close();
      typist.close();
      mirror.destroy();
      watched.destroy();
    }
  }
}
