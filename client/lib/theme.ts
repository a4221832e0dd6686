/**
 * Light or dark colours (styles.css), chosen per browser: "system" follows prefers-color-scheme and
 * its changes (a laptop that turns dark at sunset), "light" and "dark" stay put. The choice is kept in
 * localStorage, since it belongs to this screen rather than to the account.
 */

export type ThemeChoice = 'system' | 'light' | 'dark';

const storageKey = 'confer:theme';
const darkQuery = '(prefers-color-scheme: dark)';

function isChoice(value: unknown): value is ThemeChoice {
  return value === 'system' || value === 'light' || value === 'dark';
}

/** The remembered choice; "system" when none (or storage is unavailable). */
export function readThemeChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(storageKey);
    return isChoice(stored) ? stored : 'system';
  } catch {
    return 'system';
  }
}

/** Remembers the choice; "system" is the default, so it is stored as no choice at all. */
export function rememberThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, choice);
  } catch {
    // Storage disabled: the choice lasts until the page is left.
  }
}

function resolve(choice: ThemeChoice): 'light' | 'dark' {
  if (choice !== 'system') return choice;
  return window.matchMedia(darkQuery).matches ? 'dark' : 'light';
}

/** Puts the remembered choice on <html> as data-theme="light" | "dark" (styles.css reads it). */
export function showTheme(root: HTMLElement = document.documentElement): void {
  root.dataset.theme = resolve(readThemeChoice());
}

/**
 * Shows the remembered theme now and again whenever the system's setting changes or another tab
 * makes a new choice. The choice is read from storage each time, so nothing here needs updating
 * when it changes. Returns the function that stops following.
 */
export function followTheme(root: HTMLElement = document.documentElement): () => void {
  const media = window.matchMedia(darkQuery);
  const show = () => showTheme(root);
  show();
  media.addEventListener('change', show);
  window.addEventListener('storage', show);
  return () => {
    media.removeEventListener('change', show);
    window.removeEventListener('storage', show);
  };
}

/** Remembers `choice` and shows it at once. */
export function chooseTheme(choice: ThemeChoice, root: HTMLElement = document.documentElement): void {
  rememberThemeChoice(choice);
  showTheme(root);
}
