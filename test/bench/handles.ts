/** The orchestrator's handles on a server under test and on the load generator. */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Job, JobResponse, TargetRef } from './load/jobs.js';
import { nextMessage, spawnNode, waitExit, type Cleanup } from './proc.js';
import type { ServerCommand, ServerReport } from './servers/serve.js';
import type { ServerName } from './servers/targets.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Server RSS and heap after two forced GCs. */
export type MemoryFigures = Extract<ServerReport, { type: 'memory' }>;

export interface ServerStart {
  name: ServerName;
  cpu: number | null;
  dataDir: string;
  /** 0 = any free port; a fixed port lets clients reconnect after a restart. */
  port?: number;
  /** Extra Node flags for the server process (--cpu-prof for profiling). */
  nodeFlags?: string[];
  /** Extra environment (confer-node: its PostgreSQL schema and Redis prefix). */
  env?: Record<string, string>;
  /** How long to wait for `ready` (default 30 s; several nodes loading at once on a busy machine need more). */
  startTimeoutMs?: number;
}

export class ServerHandle {
  private constructor(
    private readonly child: ChildProcess,
    readonly start: ServerStart,
    readonly port: number,
    readonly pid: number,
  ) {}

  /** Starts the server in its own process and waits for it to listen. */
  static async launch(cleanup: Cleanup, start: ServerStart): Promise<ServerHandle> {
    const child = spawnNode(cleanup, path.join(here, 'servers', 'serve.ts'), [start.name], {
      cpu: start.cpu,
      env: { ...start.env, PORT: String(start.port ?? 0), DATA_DIR: start.dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'production' },
      nodeFlags: ['--expose-gc', ...(start.nodeFlags ?? [])],
    });
    const report = await nextMessage(
      child,
      (m) => ((m as ServerReport).type === 'ready' || (m as ServerReport).type === 'error' ? (m as ServerReport) : undefined),
      start.startTimeoutMs ?? 30_000,
      `${start.name} start`,
    );
    if (report.type !== 'ready') throw new Error(`${start.name} failed to start: ${report.type === 'error' ? report.message : report.type}`);
    return new ServerHandle(child, start, report.port, report.pid);
  }

  /** How the load generator reaches this server. */
  get ref(): TargetRef {
    const name = this.start.name;
    return { name, protocol: name === 'hocuspocus' ? 'hocuspocus' : 'yws', port: this.port, path: name.startsWith('confer') ? '/collab/' : '/', pid: this.pid };
  }

  /** Forces GC in the server and reads its memory. */
  async memory(): Promise<MemoryFigures> {
    const answer = nextMessage(this.child, (m) => ((m as ServerReport).type === 'memory' ? (m as MemoryFigures) : undefined), 10_000, 'gc');
    this.child.send({ type: 'gc' } satisfies ServerCommand);
    return answer;
  }

  /** Graceful stop (Confer: commits, compacts, closes sockets with 1012). */
  async stop(): Promise<void> {
    if (this.child.connected) this.child.send({ type: 'stop' } satisfies ServerCommand);
    await waitExit(this.child, 5_000);
  }

  /** kill -9: no shutdown code runs at all. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await waitExit(this.child, 5_000);
  }
}

export class LoadGenerator {
  private nextId = 1;

  private constructor(
    private readonly child: ChildProcess,
    readonly pid: number,
  ) {}

  static async launch(cleanup: Cleanup, cpu: number | null): Promise<LoadGenerator> {
    const child = spawnNode(cleanup, path.join(here, 'load', 'worker.ts'), [], { cpu, nodeFlags: ['--max-old-space-size=2048'] });
    await nextMessage(child, (m) => ((m as JobResponse).id === 0 ? true : undefined), 30_000, 'load generator start');
    return new LoadGenerator(child, child.pid ?? 0);
  }

  /** Runs one job; rejects if it fails or exceeds `timeoutMs`. */
  async run<T>(job: Job, timeoutMs: number): Promise<T> {
    const id = this.nextId++;
    const answer = nextMessage(this.child, (m) => ((m as JobResponse).id === id ? (m as JobResponse) : undefined), timeoutMs, `load job ${job.op}`);
    this.child.send({ id, job });
    const response = await answer;
    if (!response.ok) throw new Error(`load job ${job.op} failed: ${response.error}`);
    return response.result as T;
  }

  async stop(): Promise<void> {
    this.child.disconnect();
    await waitExit(this.child, 3_000);
  }
}
