/**
 * A few chaos cycles in `npm test` (the 50-cycle run is `npm run chaos`): kill -9 during a storm on
 * several documents, restart, nothing any client received is lost, and everyone converges. Extends
 * test/durability.test.ts (one document, one observer) to many writers whose own reception counts.
 */
import { describe, expect, it } from 'vitest';
import { runChaos } from '../tools/chaos.js';

describe('chaos', () => {
  it('2 cycles of kill -9 during a storm: nothing received is lost, all replicas converge', { timeout: 240_000 }, async () => {
    const report = await runChaos({ cycles: 2, docs: 2, writersPerDoc: 3 });
    expect(report.cyclesSurvived).toBe(2);
    expect(report.updatesReceived).toBeGreaterThan(60);
    expect(report.updatesLost).toBe(0);
    expect(report.documentsWithLoss).toBe(0);
    expect(report.cyclesNotConverged).toBe(0);
  });
});
