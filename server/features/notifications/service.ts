/**
 * The notification feed: listens to the relay's commit notices, detects notifications in the committed
 * state (lazily parsed, one document at a time), stores them, auto-follows the writers, and tells
 * listeners (the live channel, email) about every row it created.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { NotificationKind, NotificationPreferencesView, NotificationView } from '../../../shared/api/notifications.js';
import { commentedDocId, commentsDocId } from '../../../shared/comments/threads.js';
import type { CollabHub } from '../../collab/hub.js';
import { documentPlace } from '../../storage/document-places.js';
import type { Schema } from '../../storage/schema.js';
import type { PeopleLookup } from '../members/index.js';
import { KeyedDebouncer } from '../../debounce.js';
import { detectBodyMentions, detectComments, detectSuggestions, type DocumentPlace } from './detect.js';
import { presentNotifications } from './presenters.js';
import { NotificationStore, type NewNotification } from './store.js';
import { threadsWaitingOn, type WaitingThread } from './waiting.js';

export interface CreatedNotification {
  id: string;
  userId: string;
  kind: NotificationKind;
  createdAt: number;
}

/** What the email branch (and anything else delivering notifications) reads. */
export interface NotificationFeed {
  onCreated(listener: (n: CreatedNotification) => void): () => void;
  unreadAmong(userId: string, ids: string[]): Promise<string[]>;
  viewsOf(userId: string, ids: string[]): Promise<NotificationView[]>;
  preferencesOf(userId: string): Promise<NotificationPreferencesView>;
  unreadSince(since: number): Promise<CreatedNotification[]>;
}

export interface NotificationServiceDeps {
  db: Kysely<Schema>;
  hub: Pick<CollabHub, 'onCommitted' | 'readDocument'>;
  log: Logger;
  now: () => number;
  people: PeopleLookup;
  /** Whether the server can send email (SMTP configured). */
  emailAvailable: boolean;
  /** Quiet time before a document's new suggestions are notified (default 3 s). */
  suggestionQuietMs?: number;
}

/**
 * Suggestions are notified after a burst of commits, not per commit: typing a suggestion character by
 * character is one id, and waiting lets its notification carry the whole suggested text.
 */
const SUGGESTION_QUIET_MS = 3_000;
const SUGGESTION_MAX_WAIT_MS = 30_000;
/**
 * Mentions and comments are looked for once per short burst of commits, not per commit: each detection
 * queries the database and reads the whole document, and while people type a document commits tens of
 * times a second (one detection per commit was the relay's largest cost after the socket writes). A
 * detection reads the document as it stands when it runs, so one per burst finds what one per commit would.
 */
const DETECT_QUIET_MS = 100;
const DETECT_MAX_WAIT_MS = 1_000;

/** The detection burst of one writer in one document (user ids contain no NUL). */
const detectionKey = (docId: string, author: string): string => `${docId}\u0000${author}`;
const docOfDetectionKey = (key: string): string => key.slice(0, key.indexOf('\u0000'));

export class NotificationService implements NotificationFeed {
  readonly store: NotificationStore;
  private readonly listeners = new Set<(n: CreatedNotification) => void>();
  /** One detection at a time per document, in commit order; the tail of each chain. */
  private readonly chains = new Map<string, Promise<void>>();
  /** Body documents with commits whose suggestions are not yet looked at; the burst keeps every writer. */
  private readonly suggestionBursts: KeyedDebouncer;
  /** Documents with commits not yet looked at for mentions and comments; the burst keeps every writer. */
  private readonly detectionBursts: KeyedDebouncer;
  private stopped = false;

  constructor(private readonly deps: NotificationServiceDeps) {
    this.store = new NotificationStore(deps.db, deps.now);
    const quiet = deps.suggestionQuietMs ?? SUGGESTION_QUIET_MS;
    this.suggestionBursts = new KeyedDebouncer({
      idleMs: quiet,
      maxWaitMs: Math.max(quiet, SUGGESTION_MAX_WAIT_MS),
      now: deps.now,
      run: (docId, burst) => this.detectSuggestionsOf(docId, [...burst.authors]),
      onError: (docId, error) => deps.log.warn({ err: error, docId }, 'suggestion notification failed'),
    });
    this.detectionBursts = new KeyedDebouncer({
      idleMs: DETECT_QUIET_MS,
      maxWaitMs: DETECT_MAX_WAIT_MS,
      now: deps.now,
      run: (key, burst) => this.enqueue(docOfDetectionKey(key), [...burst.authors]),
      onError: (key, error) => deps.log.warn({ err: error, docId: docOfDetectionKey(key) }, 'notification detection failed'),
    });
    deps.hub.onCommitted((docId, authors) => {
      if (this.stopped || authors.size === 0) return;
      // One burst per writer, never one for everyone typing: a detection's writers are its actors, and
      // nobody is notified of a mention while they are among them, so while Bob types, Alice's mention
      // of him must still reach him, under her name.
      for (const author of authors) this.detectionBursts.push(detectionKey(docId, author), [author]);
      if (commentedDocId(docId) === null) this.suggestionBursts.push(docId, authors);
    });
  }

  /** The burst's writers' new suggestions, for the creator and followers of the document. */
  private async detectSuggestionsOf(docId: string, authors: string[]): Promise<void> {
    const known = await documentPlace(this.deps.db, docId);
    if (!known) return;
    const place: DocumentPlace = { docId, workspaceId: known.workspaceId };
    const state = await this.deps.hub.readDocument(docId);
    // The creator hears of suggestions unless they unfollowed the document on purpose.
    const unfollowed = new Set(await this.store.unfollowersOf(docId));
    const recipients = [...(unfollowed.has(known.createdBy) ? [] : [known.createdBy]), ...(await this.store.followersOf(docId))];
    await this.deliver(await this.allowed(detectSuggestions(state, place, authors, recipients), place));
  }

  /** Runs a detection after the ones under way for the document (in commit order); resolves when it is done. */
  private enqueue(docId: string, authors: string[]): Promise<void> {
    const previous = this.chains.get(docId) ?? Promise.resolve();
    const next = previous
      .then(() => this.detect(docId, authors))
      .catch((error: unknown) => this.deps.log.warn({ err: error, docId }, 'notification detection failed'));
    this.chains.set(docId, next);
    void next.then(() => {
      if (this.chains.get(docId) === next) this.chains.delete(docId);
    });
    return next;
  }

  private async placeOf(docId: string): Promise<DocumentPlace | undefined> {
    const known = await documentPlace(this.deps.db, docId);
    return known ? { docId, workspaceId: known.workspaceId } : undefined;
  }

  private async detect(roomId: string, authors: string[]): Promise<void> {
    const commented = commentedDocId(roomId);
    const place = await this.placeOf(commented ?? roomId);
    if (!place) return;
    await this.store.autoFollow(authors, place.docId);
    const state = await this.deps.hub.readDocument(commented ? commentsDocId(place.docId) : place.docId);
    const found = commented ? detectComments(state, place, authors) : detectBodyMentions(state, place, authors);
    await this.deliver(await this.allowed(found, place));
  }

  /** Keeps notifications for members of the document's group, or guests of the document, who have not turned that kind off. */
  private async allowed(found: NewNotification[], place: DocumentPlace): Promise<NewNotification[]> {
    if (found.length === 0) return [];
    const ids = [...new Set(found.map((n) => n.userId))];
    const members = await this.deps.db.selectFrom('memberships').select('user_id').where('workspace_id', '=', place.workspaceId).where('user_id', 'in', ids).execute();
    const guests = await this.deps.db.selectFrom('doc_guests').select('user_id').where('doc_id', '=', place.docId).where('user_id', 'in', ids).execute();
    const memberIds = new Set([...members, ...guests].map((m) => m.user_id));
    const out: NewNotification[] = [];
    for (const n of found) {
      if (!memberIds.has(n.userId)) continue;
      const prefs = await this.store.preferences(n.userId);
      if (prefs.kinds[n.kind] !== 'off') out.push(n);
    }
    return out;
  }

  /** Notifications from outside the documents (invitations, role changes): kept unless their kind is off. */
  async notify(entries: NewNotification[]): Promise<void> {
    const kept: NewNotification[] = [];
    for (const n of entries) if ((await this.store.preferences(n.userId)).kinds[n.kind] !== 'off') kept.push(n);
    await this.deliver(kept);
  }

  /** Stores notifications (idempotently) and announces the new ones; other features call this too. */
  async deliver(entries: NewNotification[]): Promise<void> {
    const created = await this.store.add(entries);
    for (const n of created) {
      for (const listener of this.listeners) {
        try {
          listener(n);
        } catch (error) {
          this.deps.log.error({ err: error }, 'a notification listener failed');
        }
      }
    }
  }

  onCreated(listener: (n: CreatedNotification) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  unreadAmong(userId: string, ids: string[]): Promise<string[]> {
    return this.store.unreadAmong(userId, ids);
  }

  unreadSince(since: number): Promise<CreatedNotification[]> {
    return this.store.unreadSince(since);
  }

  async viewsOf(userId: string, ids: string[]): Promise<NotificationView[]> {
    const records = await this.store.byIds(userId, ids);
    return presentNotifications(records, await this.deps.people(records.flatMap((r) => (r.actorId ? [r.actorId] : []))));
  }

  async preferencesOf(userId: string): Promise<NotificationPreferencesView> {
    return { ...(await this.store.preferences(userId)), emailAvailable: this.deps.emailAvailable };
  }

  /** Open threads waiting on the user in the documents they follow (the digest's section). */
  waitingOn(userId: string): Promise<WaitingThread[]> {
    return threadsWaitingOn({ db: this.deps.db, readDocument: (id) => this.deps.hub.readDocument(id) }, userId);
  }

  followedBy(userId: string): Promise<string[]> {
    return this.store.followedBy(userId);
  }

  /** Waits for every detection under way (shutdown, tests). */
  async flush(): Promise<void> {
    await this.detectionBursts.flush();
    while (this.chains.size > 0) await Promise.all([...this.chains.values()]);
    await this.suggestionBursts.flush();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.flush();
    await this.detectionBursts.stop();
    await this.suggestionBursts.stop();
  }
}
