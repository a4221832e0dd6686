/**
 * The servers under test. Each runs inside its own child process (serve.ts), which imports only the
 * module of its own target, so that no target pays for loading another's code. All listen on 127.0.0.1.
 */

/**
 * Names of the targets, in the order the table shows them. `confer-normal` (SQLite synchronous=NORMAL:
 * survives kill -9 but not power loss) runs only when asked for, to show what the fsync costs.
 */
export const targetNames = ['confer', 'hocuspocus', 'ywss', 'raw', 'confer-normal'] as const;
export type TargetName = (typeof targetNames)[number];

/** What `npm run bench` runs without --targets. */
export const defaultTargets: readonly TargetName[] = ['confer', 'hocuspocus', 'ywss', 'raw'];

/**
 * Every server serve.ts can start: the targets, plus `confer-node`, one node of a Confer cluster on
 * PostgreSQL + Redis (the scaling workload's; it needs DATABASE_URL etc. set by the orchestrator).
 */
export type ServerName = TargetName | 'confer-node';

export interface StartedTarget {
  port: number;
  stop(): Promise<void>;
}

export interface TargetOptions {
  port: number;
  dataDir: string;
}

/** Starts one server in this process. */
export async function startTarget(name: ServerName, options: TargetOptions): Promise<StartedTarget> {
  switch (name) {
    case 'confer-node':
      return (await import('./confer-node.js')).start(options);
    case 'confer':
      return (await import('./confer.js')).start(options, 'FULL');
    case 'confer-normal':
      return (await import('./confer.js')).start(options, 'NORMAL');
    case 'hocuspocus':
      return (await import('./hocuspocus.js')).start(options);
    case 'ywss':
      return (await import('./ywss.js')).start(options);
    case 'raw':
      return (await import('./raw.js')).start(options);
  }
}

/** Narrows a string to a target name. */
export function isTargetName(value: string): value is TargetName {
  return (targetNames as readonly string[]).includes(value);
}

/** Narrows a string to anything serve.ts can start. */
export function isServerName(value: string): value is ServerName {
  return value === 'confer-node' || isTargetName(value);
}
