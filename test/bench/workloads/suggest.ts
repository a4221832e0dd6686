/**
 * Workload 7: what the suggestion guard costs. One person types into a 50-page document as an editor,
 * then (in a fresh document) as a commenter whose every keystroke is a suggestion the server checks.
 * Only Confer targets have roles; the others are skipped.
 */
import type { SuggestTypingResult } from '../load/jobs.js';
import type { BenchResults, PerTarget } from '../results.js';
import { attempt, rotated, withServer, type Context } from './context.js';

export async function runSuggest(ctx: Context): Promise<NonNullable<BenchResults['suggest']>> {
  ctx.log(`suggestion guard: ${ctx.options.sizes.suggestKeys} keystrokes into a 50-page document, as an editor and as a commenter`);
  const out: PerTarget<{ editor: SuggestTypingResult; commenter: SuggestTypingResult }> = {};
  for (const name of rotated(ctx, 2).filter((n) => n.startsWith('confer'))) {
    out[name] = await attempt(ctx, `suggest ${name}`, () =>
      withServer(ctx, name, async (server) => {
        const type = (role: 'editor' | 'commenter') =>
          ctx.load.run<SuggestTypingResult>({ op: 'suggest-typing', target: server.ref, role, keystrokes: ctx.options.sizes.suggestKeys }, 120_000);
        const editor = await type('editor');
        const commenter = await type('commenter');
        for (const r of [editor, commenter]) {
          ctx.log(
            `  ${name.padEnd(10)} ${r.role.padEnd(9)} p50 ${r.latency.p50.toFixed(1)} ms, p99 ${r.latency.p99.toFixed(1)} ms, ` +
              `server ${r.serverCpuMsPerKey.toFixed(2)} ms CPU per key, ${r.delivered}/${r.keystrokes} delivered`,
          );
        }
        return { editor, commenter };
      }),
    );
  }
  return out;
}
