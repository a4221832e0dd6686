/**
 * Browser tests: Debian's Chromium driven by playwright-core (never a downloaded browser), and a real
 * production build of the client.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { tempDir } from './server.js';

/** Where Debian's `chromium` package puts the browser (`apt-get install -y chromium`). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const root = path.resolve(import.meta.dirname, '..', '..');

/**
 * Whether browser suites should run. With Chromium missing they are skipped with a loud message,
 * except under CI=true, where they run and fail in launchBrowser: CI never skips silently.
 */
export function browserTestsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (fs.existsSync(CHROMIUM_PATH)) return true;
  if (env.CI === 'true') return true;
  console.warn(
    `\n${'!'.repeat(72)}\n!! SKIPPING BROWSER TESTS: ${CHROMIUM_PATH} not found.\n!! Install it with: apt-get install -y chromium   (CI=true makes this a failure)\n${'!'.repeat(72)}\n`,
  );
  return false;
}

/** Launches headless Chromium; throws a clear error when it is not installed. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` (browser tests must run under CI)`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_FLAGS });
}

/** A production build of the client in its own directory. */
export interface ClientBuild {
  distDir: string;
  dispose(): void;
}

/**
 * Runs the real `vite build` (the project's vite.config.ts) into a temporary directory. A child
 * process keeps vite-plugin-solid out of the test process and leaves dist/ to `npm start`.
 */
export async function buildClient(): Promise<ClientBuild> {
  const distDir = tempDir('confer-dist-');
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  try {
    await promisify(execFile)(process.execPath, [vite, 'build', '--outDir', distDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    fs.rmSync(distDir, { recursive: true, force: true });
    const detail = error instanceof Error && 'stderr' in error ? String(error.stderr) : String(error);
    throw new Error(`vite build failed:\n${detail}`);
  }
  return { distDir, dispose: () => fs.rmSync(distDir, { recursive: true, force: true }) };
}

/** Collects console errors and uncaught page errors; the returned array fills as they happen. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}
