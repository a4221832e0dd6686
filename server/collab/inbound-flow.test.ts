/**
 * InboundFlow on its own, with a recording socket and fake timers: order is kept across pauses, nothing
 * read is dropped, and only a sender that stays over budget is given up on. The relay-level behaviour
 * (real sockets, TCP back-pressure) is in test/hardening/floods.test.ts and burst.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InboundFlow, type InboundFlowOptions } from './inbound-flow.js';

interface Harness {
  flow: InboundFlow;
  delivered: number[];
  events: string[];
}

/** 10 messages per second, burst 20; frames are one byte holding their sequence number. */
function harness(overrides: Partial<InboundFlowOptions> = {}, maxQueuedBytes = 1 << 20): Harness {
  const delivered: number[] = [];
  const events: string[] = [];
  const flow = new InboundFlow(
    {
      socket: { pause: () => events.push('pause'), resume: () => events.push('resume') },
      budget: { messagesPerSecond: 10, bytesPerSecond: 1 << 20, burstSeconds: 2 },
      maxThrottledMs: 10_000,
      deliver: (frame) => delivered.push(frame[0] ?? -1),
      onOverBudgetTooLong: () => events.push('too long'),
      onQueueOverflow: () => events.push('overflow'),
      onThrottle: () => events.push('throttle'),
      now: () => Date.now(),
      ...overrides,
    },
    maxQueuedBytes,
  );
  return { flow, delivered, events };
}

const frame = (n: number) => new Uint8Array([n]);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('InboundFlow', () => {
  it('hands frames on at once while within budget, without pausing', () => {
    const { flow, delivered, events } = harness();
    flow.open();
    for (let i = 0; i < 20; i++) flow.push(frame(i));
    expect(delivered).toEqual(range(0, 20));
    expect(events).toEqual([]);
  });

  it('over budget: pauses, keeps every later frame in order, and resumes once they are handled', () => {
    const { flow, delivered, events } = harness();
    flow.open();
    for (let i = 0; i < 50; i++) flow.push(frame(i));
    expect(delivered).toEqual(range(0, 20));
    expect(events).toEqual(['throttle', 'pause']);
    vi.advanceTimersByTime(1_000);
    expect(delivered).toEqual(range(0, 30));
    vi.advanceTimersByTime(2_000);
    expect(delivered).toEqual(range(0, 50));
    expect(events).toEqual(['throttle', 'pause', 'resume']);
  });

  it('holds frames (socket paused) until the consumer is ready, then hands them on in order', () => {
    const { flow, delivered, events } = harness();
    for (let i = 0; i < 5; i++) flow.push(frame(i));
    expect(delivered).toEqual([]);
    expect(events).toEqual(['pause']);
    flow.open();
    expect(delivered).toEqual(range(0, 5));
    expect(events).toEqual(['pause', 'resume']);
  });

  it('a refusal waits for the frames queued ahead of it', () => {
    const { flow, delivered, events } = harness();
    flow.open();
    for (let i = 0; i < 25; i++) flow.push(frame(i));
    flow.pushRefusal(() => events.push(`refused after ${delivered.length}`));
    expect(events).not.toContain('refused after 25');
    vi.advanceTimersByTime(1_000);
    expect(delivered).toEqual(range(0, 25));
    expect(events).toContain('refused after 25');
  });

  it('gives up on a sender that stays over budget for maxThrottledMs, not on one whose budget recovers', () => {
    const steady = harness({ maxThrottledMs: 5_000 });
    steady.flow.open();
    // Always more waiting than the bucket refills: over budget without a break.
    for (let second = 0; second < 8 && !steady.events.includes('too long'); second++) {
      for (let i = 0; i < 15; i++) steady.flow.push(frame(i));
      vi.advanceTimersByTime(1_000);
    }
    expect(steady.events).toContain('too long');

    const bursty = harness({ maxThrottledMs: 5_000 });
    bursty.flow.open();
    // Bursts over the budget, each followed by enough quiet for the bucket to be full again.
    for (let burst = 0; burst < 4; burst++) {
      for (let i = 0; i < 30; i++) bursty.flow.push(frame(i));
      vi.advanceTimersByTime(4_000);
    }
    expect(bursty.delivered).toHaveLength(120);
    expect(bursty.events).not.toContain('too long');
    expect(bursty.events.filter((e) => e === 'throttle')).toHaveLength(4);
  });

  it('reports an overflow when a paused socket keeps delivering past the bound', () => {
    const { flow, events } = harness({}, 1_000);
    for (let i = 0; i < 100 && !events.includes('overflow'); i++) flow.push(new Uint8Array(100));
    expect(events).toContain('overflow');
  });

  it('stop drops what waits, cancels the drain and reads the socket again', () => {
    const { flow, delivered, events } = harness();
    flow.open();
    for (let i = 0; i < 30; i++) flow.push(frame(i));
    flow.stop();
    vi.advanceTimersByTime(5_000);
    flow.push(frame(99));
    expect(delivered).toEqual(range(0, 20));
    expect(events).toEqual(['throttle', 'pause', 'resume']);
  });
});
