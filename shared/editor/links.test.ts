import { describe, expect, it } from 'vitest';
import { normaliseWordLimit, wordLimitComment } from './heading.js';
import { isSafeHref } from './links.js';

describe('link policy', () => {
  it('accepts http, https and mailto only', () => {
    expect(['https://a.org', 'HTTP://a.org/x?y', 'mailto:pi@lab.org'].every(isSafeHref)).toBe(true);
    const refused = ['javascript:alert(1)', ' JaVa\tScRiPt:alert(1)', 'java\u0000script:x', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', '/relative', '//evil.org', '', null, 42];
    expect(refused.filter(isSafeHref)).toEqual([]);
  });
});

describe('word limits', () => {
  it('keeps positive integers and drops everything else', () => {
    expect([250, '300', 0, -5, 2.5, 'many', null, undefined, 1e9].map(normaliseWordLimit)).toEqual([250, 300, null, null, null, null, null, null, null]);
    expect(wordLimitComment(250)).toBe(' <!-- word-limit: 250 -->');
    expect(wordLimitComment(null)).toBe('');
  });
});
