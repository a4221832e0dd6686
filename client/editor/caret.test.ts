import { describe, expect, it } from 'vitest';
import { luminance, readableInk } from './caret.js';

describe('caret label ink', () => {
  it('is dark on light colours and light on dark ones', () => {
    expect(readableInk('#42d4f4')).toBe('#000000');
    expect(readableInk('#ffe119')).toBe('#000000');
    expect(readableInk('#800000')).toBe('#ffffff');
    expect(readableInk('#4363d8')).toBe('#ffffff');
  });
  it('always reaches WCAG AA contrast (4.5:1), whatever the colour', () => {
    const ratio = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    for (let v = 0; v < 4096; v += 1) {
      const hex = `#${[v >> 8, (v >> 4) & 15, v & 15].map((d) => d.toString(16).repeat(2)).join('')}`;
      const background = luminance(hex) ?? 0;
      const ink = luminance(readableInk(hex)) ?? 0;
      expect(ratio(background, ink), hex).toBeGreaterThanOrEqual(4.5);
    }
  });
  it('reads short hex and refuses what it cannot parse', () => {
    expect(luminance('#fff')).toBeCloseTo(1);
    expect(luminance('#000000')).toBe(0);
    expect(luminance('transparent')).toBeNull();
    expect(readableInk('rgb(1, 2, 3)')).toBe('#ffffff');
  });
});
