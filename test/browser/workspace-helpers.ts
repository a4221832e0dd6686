/** Steps the workspace browser tests share: signing up through the UI, reading the editor, waiting for status. */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { collectErrors } from '../helpers/browser.js';

/** One person in their own browser context (own cookies, own IndexedDB, own time zone). */
export interface Person {
  name: string;
  email: string;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

export const PASSWORD = 'correct horse battery staple';

/** A fresh context in `timezoneId` with a page that records console errors. */
export async function newPerson(browser: Browser, name: string, timezoneId: string, viewport = { width: 1280, height: 900 }): Promise<Person> {
  const context = await browser.newContext({ timezoneId, viewport, locale: 'en-GB' });
  const page = await context.newPage();
  const errors = collectErrors(page);
  return { name, email: `${name.toLowerCase().replace(/\W+/g, '-')}-${randomUUID()}@example.org`, context, page, errors };
}

/** Opens another tab for `person`, recording its console errors into the same list. */
export async function newTab(person: Person): Promise<Page> {
  const page = await person.context.newPage();
  const errors = collectErrors(page);
  page.on('close', () => person.errors.push(...errors));
  return page;
}

/** Fills and submits the sign-up form that is on screen. */
export async function signUpHere(person: Person): Promise<void> {
  const { page } = person;
  await page.getByRole('heading', { name: 'Create your account' }).waitFor();
  await page.getByLabel('Name').fill(person.name);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** The document's text as shown, without other people's caret labels drawn inside it. */
export function editorText(page: Page): Promise<string> {
  return page.locator('.doc-body').evaluate((body) => {
    const copy = body.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return copy.textContent ?? '';
  });
}

/** Moves the caret to the end of the document and types a new paragraph. */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.locator('.doc-body').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text);
}

/** The status line's text. */
export function statusText(page: Page): Promise<string> {
  return page.locator('.status .status-text').innerText();
}

/** The local clock in `zone` now and a minute from now ("21:40"), since the minute may turn mid-check. */
export function clocksIn(zone: string): string[] {
  const format = (ms: number) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
  return [format(Date.now()), format(Date.now() + 60_000)];
}

/** "HH:MM" `hours` from now in `zone`. */
export function clockAfter(zone: string, hours: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.now() + hours * 3_600_000);
}

/** Console errors other than Chromium reporting a socket it could not open while the network was off. */
export function unexpectedErrors(errors: string[]): string[] {
  return errors.filter((e) => !/WebSocket connection to .* failed: .*ERR_INTERNET_DISCONNECTED/.test(e));
}
