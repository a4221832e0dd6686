/** Prometheus metrics for one server instance (a registry per app: no module-level state). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  connections: Gauge;
  rooms: Gauge;
  updatesIn: Counter;
  updatesOut: Counter;
  readOnlyDropped: Counter;
  closes: Counter<'code'>;
  throttled: Counter;
  commitSeconds: Histogram;
  commitBatchSize: Histogram;
  compactions: Counter;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  // Includes nodejs_eventloop_lag_* (event-loop lag), heap, RSS and GC figures.
  collectDefaultMetrics({ register: registry, prefix: 'confer_' });
  return {
    registry,
    connections: new Gauge({ name: 'confer_connections', help: 'Open collaboration sockets', registers: [registry] }),
    rooms: new Gauge({ name: 'confer_rooms', help: 'Documents loaded in memory', registers: [registry] }),
    updatesIn: new Counter({ name: 'confer_updates_in_total', help: 'Document updates applied from clients', registers: [registry] }),
    updatesOut: new Counter({ name: 'confer_updates_out_total', help: 'Update frames sent to clients', registers: [registry] }),
    readOnlyDropped: new Counter({
      name: 'confer_readonly_writes_dropped_total',
      help: 'Update frames dropped because the connection is read-only',
      registers: [registry],
    }),
    closes: new Counter({
      name: 'confer_socket_closes_total',
      help: 'Sockets closed by the server, by close code',
      labelNames: ['code'],
      registers: [registry],
    }),
    throttled: new Counter({
      name: 'confer_sockets_throttled_total',
      help: 'Times a socket went over its message or byte budget and was slowed (stopped being read)',
      registers: [registry],
    }),
    commitSeconds: new Histogram({
      name: 'confer_commit_seconds',
      help: 'Latency of one group commit of document updates',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    commitBatchSize: new Histogram({
      name: 'confer_commit_batch_updates',
      help: 'Updates per group commit',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
      registers: [registry],
    }),
    compactions: new Counter({ name: 'confer_compactions_total', help: 'Snapshot compactions written', registers: [registry] }),
  };
}
