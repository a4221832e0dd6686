/**
 * `npm start`'s build step (the part of package.json's `start` before `&& node …`) on a deployed tree
 * where `npm ci --omit=dev` left out TypeScript and Vite: it must start what is built, rebuild nothing
 * it cannot, and refuse clearly only when there is nothing to start. Each case is a scratch tree in a
 * temporary directory (the project's server/ensure-built.mjs copied in, no node_modules), run as npm would run it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { scriptParts } from '../helpers/compiled-server.js';
import { tempDir } from '../helpers/server.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const dirs: string[] = [];

afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Writes `files` (path → content) under a fresh tree with the project's server/ensure-built.mjs, and dates them `mtime`. */
function scratchTree(files: Record<string, string>, mtimes: Record<string, Date> = {}): string {
  const dir = tempDir('confer-deploy-');
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'server'), { recursive: true });
  fs.copyFileSync(path.join(root, 'server/ensure-built.mjs'), path.join(dir, 'server/ensure-built.mjs'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  for (const [file, when] of Object.entries(mtimes)) fs.utimesSync(path.join(dir, file), when, when);
  return dir;
}

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the build step of `npm start` in `cwd` with only node itself on PATH (no dev tools, no node_modules/.bin). */
async function startBuildStep(cwd: string): Promise<Outcome> {
  const env = { ...process.env, PATH: path.dirname(process.execPath), NODE_OPTIONS: '' };
  try {
    const { stdout, stderr } = await promisify(execFile)('sh', ['-c', scriptParts('start').build], { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const built = {
  'server/start.ts': 'export {};\n',
  'shared/limits.ts': 'export {};\n',
  'client/main.tsx': 'export {};\n',
  'dist/server/.tsbuildinfo': '{}',
  'dist/server/server/start.js': 'export {};\n',
  'dist/client/index.html': '<!doctype html>',
};

describe('npm start after npm ci --omit=dev', () => {
  it('starts a tree whose build is newer than its sources without any compiler', async () => {
    const past = new Date(Date.now() - 60_000);
    const dir = scratchTree(built, { 'server/start.ts': past, 'shared/limits.ts': past, 'client/main.tsx': past });
    const outcome = await startBuildStep(dir);
    expect(outcome).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('starts the existing build, and says so, when sources look newer but TypeScript and Vite are not installed', async () => {
    const past = new Date(Date.now() - 60_000);
    // A copy (cp -r, git checkout) dates files by when they were written: sources can look newer than dist/.
    const dir = scratchTree(built, { 'dist/server/.tsbuildinfo': past, 'dist/client/index.html': past });
    const outcome = await startBuildStep(dir);
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toMatch(/server sources look newer than its build, but typescript is not installed/);
    expect(outcome.stderr).toMatch(/client sources look newer than its build, but vite is not installed/);
  });

  it('refuses with what to run when the server was never built and TypeScript is missing', async () => {
    const dir = scratchTree({ 'server/start.ts': 'export {};\n', 'shared/limits.ts': 'export {};\n' });
    const outcome = await startBuildStep(dir);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('run `npm ci` and `npm run build` first');
  });
});
