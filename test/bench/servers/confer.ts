/**
 * Confer as shipped (durable group commits: SQLite WAL, synchronous=FULL), open access: no accounts needed.
 * A socket may ask for a role with `?role=editor|commenter&user=<id>` (the suggest workload): it then
 * writes through the same body guards as that role does behind the session policy.
 */
import { openAccessPolicy, type AccessPolicy } from '../../../server/collab/access.js';
import { loadConfig } from '../../../server/config.js';
import { bodyGuards } from '../../../server/features/suggestions/index.js';
import { startServer } from '../../../server/main.js';
import type { StartedTarget, TargetOptions } from './targets.js';

function benchPolicy(): AccessPolicy {
  const open = openAccessPolicy();
  const guards = bodyGuards();
  return async (request, docId) => {
    const decision = await open(request, docId);
    const params = new URL(request.url).searchParams;
    const role = params.get('role');
    if (!decision.allow || (role !== 'editor' && role !== 'commenter')) return decision;
    const id = params.get('user') ?? decision.grant.identity.id;
    const guardUpdate = role === 'editor' ? guards.editor(id) : guards.commenter(id);
    return { allow: true, grant: { ...decision.grant, identity: { ...decision.grant.identity, id }, guardUpdate } };
  };
}

export async function start(options: TargetOptions, synchronous: 'FULL' | 'NORMAL'): Promise<StartedTarget> {
  const config = loadConfig({
    PORT: String(options.port),
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'silent',
    // Thousands of simulated users share 127.0.0.1: the per-IP upgrade limit would throttle the load generator.
    UPGRADES_PER_IP_PER_MINUTE: '0',
    SQLITE_SYNCHRONOUS: synchronous,
  });
  const server = await startServer(config, { policy: benchPolicy() });
  return { port: server.port, stop: () => server.close() };
}
