/**
 * Redis pub/sub bus (ioredis): one publisher and one subscriber connection per node, one channel per
 * open document. When Redis drops, nodes keep serving their own clients; when it returns, every node
 * that may have missed messages re-reads its open documents from storage, and a node whose publishes
 * failed asks the others to do the same (catch-up), so nothing committed is ever missing for long.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Bus, BusHandler, BusMessage, CloseCommand, InboxNotice } from './bus.js';
import { decodeBusFrame, encodeBusFrame } from './codec.js';

export interface RedisBusOptions {
  url: string;
  log: Logger;
  /** Prefix for channel names, so several deployments (or test runs) can share one Redis. */
  prefix: string;
}

const closeCommandSchema = z.object({
  from: z.string(),
  command: z.object({
    match: z.object({
      sessionIds: z.array(z.string()).optional(),
      userId: z.string().optional(),
      docIds: z.array(z.string()).optional(),
    }),
    code: z.number().int(),
    reason: z.string().max(200),
  }),
});

const inboxNoticeSchema = z.object({
  from: z.string(),
  notice: z.object({ userId: z.string().max(200), notificationId: z.string().max(200).nullable() }),
});

export async function createRedisBus(options: RedisBusOptions): Promise<Bus> {
  const nodeId = randomUUID();
  const prefix = `${options.prefix}doc:`;
  const controlChannel = `${options.prefix}control`;
  // One channel for every inbox: a node keeps the per-user sockets and picks out the people it serves.
  const inboxChannel = `${options.prefix}inbox`;
  const closeListeners: Array<(command: CloseCommand) => void> = [];
  const inboxListeners: Array<(notice: InboxNotice) => void> = [];
  const log = options.log.child({ component: 'redis-bus' });
  // No offline queue: a publish while Redis is down fails fast instead of piling up in memory; the
  // documents it concerned get a catch-up message once Redis is back.
  const pub = new Redis(options.url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
  const sub = new Redis(options.url, { lazyConnect: true, autoResubscribe: true });
  const handlers = new Map<string, BusHandler>();
  const missedListeners: Array<() => void> = [];
  const unpublished = new Set<string>();
  let wasConnected = false;

  for (const [name, conn] of [['publisher', pub], ['subscriber', sub]] as const) {
    conn.on('error', (error: Error) => log.warn({ err: error.message, conn: name }, 'redis error'));
  }
  sub.on('messageBuffer', (channel: Buffer, frame: Buffer) => {
    const name = channel.toString();
    if (name === controlChannel) return receiveControl(frame);
    if (name === inboxChannel) return receiveInbox(frame);
    const handler = handlers.get(name);
    const message = handler ? decodeBusFrame(frame, nodeId) : null;
    if (handler && message) handler(message);
  });
  sub.on('ready', () => {
    if (wasConnected) {
      log.info('redis subscriber reconnected; re-reading open documents');
      for (const listener of missedListeners) listener();
    }
    wasConnected = true;
  });
  pub.on('ready', () => {
    for (const docId of unpublished) {
      pub.publish(prefix + docId, encodeBusFrame(nodeId, { kind: 'catch-up' })).catch(() => undefined);
    }
    unpublished.clear();
  });
  function receiveControl(frame: Buffer): void {
    let parsed;
    try {
      parsed = closeCommandSchema.safeParse(JSON.parse(frame.toString('utf8')));
    } catch {
      return;
    }
    if (!parsed.success || parsed.data.from === nodeId) return;
    for (const listener of closeListeners) listener(parsed.data.command);
  }

  function receiveInbox(frame: Buffer): void {
    let parsed;
    try {
      parsed = inboxNoticeSchema.safeParse(JSON.parse(frame.toString('utf8')));
    } catch {
      return;
    }
    if (!parsed.success || parsed.data.from === nodeId) return;
    for (const listener of inboxListeners) listener(parsed.data.notice);
  }

  await Promise.all([pub.connect(), sub.connect()]);
  await sub.subscribe(controlChannel, inboxChannel);

  return {
    async subscribe(docId, handler) {
      const channel = prefix + docId;
      handlers.set(channel, handler);
      await sub.subscribe(channel);
      return async () => {
        if (handlers.get(channel) !== handler) return;
        handlers.delete(channel);
        await sub.unsubscribe(channel).catch(() => undefined);
      };
    },
    publish(docId: string, message: BusMessage) {
      pub.publish(prefix + docId, encodeBusFrame(nodeId, message)).catch(() => {
        if (message.kind !== 'awareness') unpublished.add(docId);
      });
    },
    publishClose(command) {
      pub.publish(controlChannel, JSON.stringify({ from: nodeId, command })).catch((error: unknown) => {
        // Other nodes still close these sockets at their next session sweep or upgrade check.
        log.warn({ err: error }, 'could not publish a close command');
      });
    },
    onClose(listener) {
      closeListeners.push(listener);
    },
    onMissedMessages(listener) {
      missedListeners.push(listener);
    },
    publishInbox(notice) {
      pub.publish(inboxChannel, JSON.stringify({ from: nodeId, notice })).catch((error: unknown) => {
        // The bell on other nodes is then behind until its page reconnects or the next notice.
        log.warn({ err: error }, 'could not publish an inbox notice');
      });
    },
    onInbox(listener) {
      inboxListeners.push(listener);
    },
    async close() {
      handlers.clear();
      pub.disconnect();
      sub.disconnect();
    },
  };
}
