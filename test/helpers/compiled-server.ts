/**
 * The compiled server as operators run it: the commands come from package.json's own scripts
 * (`<build> && node <flags> <file>.js`), so these helpers run exactly what `npm start`, `npm run backup`
 * and `npm run restore` run, without npm in between (the child's pid is the server's own).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';

const root = path.resolve(import.meta.dirname, '..', '..');
const run = promisify(execFile);

interface ScriptParts {
  /** The shell command that brings the build up to date. */
  build: string;
  /** Arguments of the `node` command that follows it. */
  nodeArgs: string[];
}

/** Splits package.json's `script` into its build step and its `node …` command. */
export function scriptParts(script: string): ScriptParts {
  const scripts = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [build, command, ...rest] = (scripts[script] ?? '').split(' && ');
  const words = command?.trim().split(/\s+/) ?? [];
  if (!build || rest.length > 0 || words[0] !== 'node') throw new Error(`npm run ${script} is not "<build> && node …": ${scripts[script]}`);
  return { build, nodeArgs: words.slice(1) };
}

/** The environment of a child: none of the test process's service URLs, binaries as npm would find them. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const bin = [path.join(root, 'node_modules', '.bin'), path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter);
  return { ...process.env, PATH: bin, NODE_OPTIONS: '', DATABASE_URL: '', DATABASE_SCHEMA: '', REDIS_URL: '', LOG_LEVEL: 'warn', ...env };
}

let built: Promise<void> | null = null;

/** Runs `npm start`'s build step (server/ensure-built.mjs: a few stats when dist/ is up to date), once per test process. */
export function buildCompiledServer(): Promise<void> {
  built ??= run('sh', ['-c', scriptParts('start').build], { cwd: root, env: childEnv({}), maxBuffer: 16 * 1024 * 1024 }).then(
    () => undefined,
    (error: unknown) => {
      const detail = error instanceof Error && 'stdout' in error ? `${String(error.stdout)}${String((error as { stderr?: unknown }).stderr)}` : String(error);
      throw new Error(`server build failed:\n${detail}`);
    },
  );
  return built;
}

export interface CompiledServer {
  url: string;
  child: ChildProcess;
  /** Stops the server with SIGTERM (graceful shutdown) and resolves with its exit code. */
  stop(): Promise<number | null>;
}

/** Starts what `npm start` runs, on a free port with `dataDir`; resolves with the URL it prints. */
export async function startCompiledServer(dataDir: string): Promise<CompiledServer> {
  const child = spawn(process.execPath, scriptParts('start').nodeArgs, {
    cwd: root,
    env: childEnv({ PORT: '0', DATA_DIR: dataDir }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = readline.createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    // Generous for a busy two-core machine; the builds happened before, in buildCompiledServer.
    const timer = setTimeout(() => reject(new Error('compiled server did not start within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`compiled server exited early with ${code}`)));
    lines.on('line', (line) => {
      const match = /Confer is running at (\S+)/.exec(line);
      if (!match) return;
      clearTimeout(timer);
      resolve(match[1]!);
    });
  });
  return {
    url,
    child,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the `node` command of `npm run <script> -- ...args` (after buildCompiledServer) and resolves with its outcome. */
export async function runCompiledCommand(script: string, args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...scriptParts(script).nodeArgs, ...args], { cwd: root, env: childEnv(env) });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** The command line of a running process (Linux /proc), e.g. ['node', '--enable-source-maps', '…/start.js']. */
export function commandLineOf(pid: number): string[] {
  return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
}
