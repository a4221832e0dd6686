import { describe, expect, it } from 'vitest';
import { luminance, readableInk } from './caret.js';

describe('caret label ink', () => {
  it('is dark on light colours and light on dark ones', () => {
    expect(readableInk('#42d4f4')).toBe('#111111');
    expect(readableInk('#ffe119')).toBe('#111111');
    expect(readableInk('#800000')).toBe('#ffffff');
    expect(readableInk('#4363d8')).toBe('#ffffff');
  });
  it('reads short hex and refuses what it cannot parse', () => {
    expect(luminance('#fff')).toBeCloseTo(1);
    expect(luminance('#000000')).toBe(0);
    expect(luminance('transparent')).toBeNull();
    expect(readableInk('rgb(1, 2, 3)')).toBe('#ffffff');
  });
});
