/**
 * The per-user live channel behind the bell: each node keeps the inbox sockets of the people signed in
 * to it, and tells the other nodes (the bus) whenever someone's inbox changes, so a mention written on
 * one node moves the bell of a page open on another at once. Notices carry only ids; every node reads
 * the row and the unread count itself.
 */
import type { Logger } from 'pino';
import type { LiveNotificationMessage } from '../../../shared/api/notifications.js';
import type { Bus } from '../../cluster/bus.js';
import type { NotificationService } from './service.js';

/** One open inbox socket, as the live channel needs it. */
export interface LiveSocket {
  send(text: string): void;
}

export interface LiveInboxDeps {
  bus: Pick<Bus, 'publishInbox' | 'onInbox' | 'onMissedMessages'>;
  notifications: Pick<NotificationService, 'onCreated' | 'viewsOf' | 'store'>;
  log: Logger;
}

export class LiveInbox {
  private readonly sockets = new Map<string, Set<LiveSocket>>();

  constructor(private readonly deps: LiveInboxDeps) {
    deps.bus.onInbox((notice) => void this.push(notice.userId, notice.notificationId));
    // Notices published while this node's subscriber was away are gone: tell every open bell its count again.
    deps.bus.onMissedMessages(() => {
      for (const userId of this.sockets.keys()) void this.push(userId, null);
    });
    deps.notifications.onCreated((n) => this.changed(n.userId, n.id));
  }

  /** Registers an open socket for `userId` and sends it the current count; returns the detach function. */
  attach(userId: string, socket: LiveSocket): () => void {
    let set = this.sockets.get(userId);
    if (!set) {
      set = new Set();
      this.sockets.set(userId, set);
    }
    set.add(socket);
    void this.sendTo(userId, [socket], null);
    return () => {
      const current = this.sockets.get(userId);
      current?.delete(socket);
      if (current?.size === 0) this.sockets.delete(userId);
    };
  }

  /** How many inbox sockets are open on this node (metrics, tests). */
  get openSockets(): number {
    let n = 0;
    for (const set of this.sockets.values()) n += set.size;
    return n;
  }

  /** Someone's inbox changed on this node: a new notification, or some were read. */
  changed(userId: string, notificationId: string | null = null): void {
    void this.push(userId, notificationId);
    this.deps.bus.publishInbox({ userId, notificationId });
  }

  private async push(userId: string, notificationId: string | null): Promise<void> {
    const set = this.sockets.get(userId);
    if (!set || set.size === 0) return;
    await this.sendTo(userId, [...set], notificationId);
  }

  private async sendTo(userId: string, sockets: LiveSocket[], notificationId: string | null): Promise<void> {
    try {
      const unread = await this.deps.notifications.store.unreadCount(userId);
      const view = notificationId ? (await this.deps.notifications.viewsOf(userId, [notificationId]))[0] : undefined;
      const message: LiveNotificationMessage = view ? { type: 'notification', notification: view, unread } : { type: 'unread', unread };
      const text = JSON.stringify(message);
      for (const socket of sockets) socket.send(text);
    } catch (error) {
      this.deps.log.warn({ err: error, userId }, 'could not update a live inbox');
    }
  }
}
