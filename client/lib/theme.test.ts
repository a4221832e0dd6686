// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseTheme, followTheme, readThemeChoice } from './theme.js';

/** A matchMedia whose "(prefers-color-scheme: dark)" answer the test flips. */
function fakeSystem(dark: boolean) {
  const listeners = new Set<() => void>();
  const media = {
    get matches() {
      return dark;
    },
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
  };
  vi.stubGlobal('matchMedia', () => media);
  return {
    set(next: boolean) {
      dark = next;
      for (const listener of listeners) listener();
    },
    listeners,
  };
}

describe('theme', () => {
  afterEach(() => {
    localStorage.clear();
    vi.unstubAllGlobals();
  });

  it('follows the system until a choice is made, and keeps the choice', () => {
    const system = fakeSystem(true);
    const root = document.createElement('html');
    const stop = followTheme(root);
    expect(readThemeChoice()).toBe('system');
    expect(root.dataset.theme).toBe('dark');
    system.set(false);
    expect(root.dataset.theme).toBe('light');

    chooseTheme('dark', root);
    expect(root.dataset.theme).toBe('dark');
    system.set(false);
    expect(root.dataset.theme).toBe('dark');
    expect(readThemeChoice()).toBe('dark');

    chooseTheme('system', root);
    expect(root.dataset.theme).toBe('light');
    expect(localStorage.getItem('confer:theme')).toBeNull();
    stop();
    expect(system.listeners.size).toBe(0);
  });

  it('treats an unknown stored value as no choice', () => {
    fakeSystem(false);
    localStorage.setItem('confer:theme', 'sepia');
    expect(readThemeChoice()).toBe('system');
  });
});
