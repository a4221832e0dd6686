/**
 * Runs before `npm start` (and `--server-only` before `npm run backup` / `npm run restore`), under plain
 * node with nothing but its built-ins: it rebuilds what is missing or older than its sources, and only
 * with the compilers at hand. TypeScript and Vite are dev dependencies, so after `npm ci --omit=dev`
 * on a built tree it starts what is there (saying so when the sources look newer) instead of failing.
 * Plain JavaScript, because it runs before anything is compiled.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const root = process.cwd();
const serverOnly = process.argv.includes('--server-only');

/** Newest modification time under `entries` (files or folders), skipping tests and .mjs files (this one), which no build reads. */
function newestSource(entries) {
  let newest = 0;
  const visit = (full) => {
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(full)) visit(path.join(full, name));
    } else if (!/\.test\.tsx?$|\.mjs$/.test(full) && stat.mtimeMs > newest) {
      newest = stat.mtimeMs;
    }
  };
  for (const entry of entries) visit(path.join(root, entry));
  return newest;
}

/** When `output` was last built, or null when it does not exist. */
function builtAt(output) {
  return fs.statSync(path.join(root, output), { throwIfNoEntry: false })?.mtimeMs ?? null;
}

/** The script of a dev dependency's command, or null when dev dependencies were left out. */
function devTool(script) {
  const file = path.join(root, 'node_modules', script);
  return fs.existsSync(file) ? file : null;
}

/**
 * Brings one build up to date. `stamp` is a file the build rewrites every time it runs (tsc -b
 * touches its .tsbuildinfo even when nothing changed), so a build that is current costs a few stats.
 */
function ensure({ what, stamp, sources, tool, args, required }) {
  const built = builtAt(stamp);
  if (built !== null && newestSource(sources) <= built) return;
  const script = devTool(tool);
  if (script) {
    process.stdout.write(`Building the ${what} (${built === null ? 'first start' : 'sources changed'})...\n`);
    execFileSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  } else if (built !== null) {
    process.stderr.write(`The ${what} sources look newer than its build, but ${tool.split('/')[0]} is not installed (npm ci --omit=dev?): starting the existing build.\n`);
  } else if (required) {
    process.stderr.write(`The ${what} is not built and ${tool.split('/')[0]} is not installed: run \`npm ci\` and \`npm run build\` first.\n`);
    process.exit(1);
  } else {
    process.stderr.write(`The ${what} is not built and ${tool.split('/')[0]} is not installed: pages answer 503 until \`npm run build:client\`.\n`);
  }
}

try {
  ensure({
    what: 'server',
    stamp: 'dist/server/.tsbuildinfo',
    sources: ['server', 'shared', 'tsconfig.json', 'tsconfig.build.json'],
    tool: 'typescript/bin/tsc',
    args: ['-b', 'tsconfig.build.json'],
    required: true,
  });
  if (!serverOnly) {
    ensure({
      what: 'client',
      stamp: 'dist/client/index.html',
      sources: ['client', 'shared', 'vite.config.ts'],
      tool: 'vite/bin/vite.js',
      args: ['build', '--logLevel', 'warn'],
      required: false,
    });
  }
} catch (error) {
  // The compiler has printed its errors already (stdio is inherited).
  process.stderr.write(`Build failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
  process.exit(1);
}
