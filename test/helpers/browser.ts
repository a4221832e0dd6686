/**
 * Browser tests: Debian's Chromium driven by playwright-core (never a downloaded browser), and a real
 * production build of the client.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS as SERVER_CHROMIUM_FLAGS } from '../../server/text/pdf/renderer.js';
import { tempDir } from './server.js';

/** Where Debian's `chromium` package puts the browser (`apt-get install -y chromium`). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The server's own flags for a browser on a closed network (server/text/pdf/renderer.ts). */
const CHROMIUM_FLAGS = SERVER_CHROMIUM_FLAGS;

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

/** What a client build is made from: a change to any of these makes a new build. */
const BUILD_INPUTS = ['client', 'shared', 'vite.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json'];

/** A digest of every file the client build reads, so test files share one build of the same sources. */
function sourceDigest(): string {
  const hash = crypto.createHash('sha256');
  const visit = (relative: string) => {
    const full = path.join(root, relative);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(full).sort()) visit(path.join(relative, name));
      return;
    }
    hash.update(relative).update('\0').update(fs.readFileSync(full)).update('\0');
  };
  for (const input of BUILD_INPUTS) visit(input);
  return hash.digest('hex').slice(0, 20);
}

/** Where shared builds are kept between test files (and runs), one folder per checkout. */
const cacheRoot = path.join(os.tmpdir(), 'confer-client-builds', crypto.createHash('sha256').update(root).digest('hex').slice(0, 12));

/**
 * Runs the real `vite build` (the project's vite.config.ts) in a child process, which keeps
 * vite-plugin-solid out of the test process and leaves dist/ to `npm start`. About twenty test files
 * need a build and nothing writes into one, so a build of the same sources is made once and shared:
 * it is built into a temporary directory and renamed into place, so a parallel worker building the
 * same sources at the same moment wastes a build but never sees a half-written one.
 */
export async function buildClient(): Promise<ClientBuild> {
  const digest = sourceDigest();
  const cached = path.join(cacheRoot, digest);
  const shared: ClientBuild = { distDir: cached, dispose: () => undefined };
  if (fs.existsSync(path.join(cached, 'index.html'))) return shared;
  fs.mkdirSync(cacheRoot, { recursive: true });
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
  try {
    fs.renameSync(distDir, cached);
  } catch {
    // Another worker put the same build in place first: use theirs.
    fs.rmSync(distDir, { recursive: true, force: true });
  }
  // Builds of older sources are of no further use.
  for (const name of fs.readdirSync(cacheRoot)) {
    if (name !== digest) fs.rmSync(path.join(cacheRoot, name), { recursive: true, force: true });
  }
  return shared;
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
