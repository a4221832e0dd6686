/**
 * Confer as shipped (compiled; durable group commits: SQLite WAL, synchronous=FULL), open access: no accounts needed.
 * A socket may ask for a role with `?role=editor|commenter&user=<id>` (the suggest workload): it then
 * writes through the same body guards as that role does behind the session policy.
 */
import type { AccessPolicy } from '../../../server/collab/access.js';
import { loadCompiledConfer, type CompiledConfer } from './compiled.js';
import type { StartedTarget, TargetOptions } from './targets.js';

function benchPolicy(confer: CompiledConfer): AccessPolicy {
  const open = confer.openAccessPolicy();
  const guards = confer.bodyGuards();
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
  const confer = await loadCompiledConfer();
  const { startServer, loadConfig } = confer;
  const config = loadConfig({
    PORT: String(options.port),
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'silent',
    // Thousands of simulated users share 127.0.0.1: the per-IP upgrade limit would throttle the load generator.
    UPGRADES_PER_IP_PER_MINUTE: '0',
    SQLITE_SYNCHRONOUS: synchronous,
  });
  const server = await startServer(config, { policy: benchPolicy(confer) });
  return { port: server.port, stop: () => server.close() };
}
