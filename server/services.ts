/**
 * The feature services that react to the relay's commit notices (search indexing, automatic versions,
 * the activity log, documents' last change) and the stores of the features without a service. Made
 * once per server in main.ts.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { CollabHub } from './collab/hub.js';
import { ActivityLog, defaultActivityTimings, type ActivityTimings } from './features/activity/index.js';
import { VisitStore } from './features/catch-up/index.js';
import { CalendarFeedStore, DeadlineStore } from './features/deadlines/index.js';
import { ChangeTracker, defaultChangeTimings, type ChangeTimings } from './features/documents/index.js';
import { SearchService, defaultSearchTimings, type SearchTimings } from './features/search/index.js';
import { VersionService, defaultVersionTimings, type VersionTimings } from './features/versions/index.js';
import { peopleByIds } from './features/members/index.js';
import { DeadlineReminders, LiveInbox, NotificationService } from './features/notifications/index.js';
import { SuggestionTimes } from './features/suggestions/index.js';
import { createLocalBus, type Bus } from './cluster/bus.js';
import { DocumentMetaStore } from './storage/documents.js';
import type { Engine } from './storage/migrations/index.js';
import type { Schema } from './storage/schema.js';

/** Debounce timings of every service; tests shorten them instead of sleeping. */
export type FeatureTimings = SearchTimings & VersionTimings & ActivityTimings & ChangeTimings;

export const defaultFeatureTimings: FeatureTimings = { ...defaultSearchTimings, ...defaultVersionTimings, ...defaultActivityTimings, ...defaultChangeTimings };

export interface FeatureServices {
  search: SearchService;
  versions: VersionService;
  activity: ActivityLog;
  visits: VisitStore;
  deadlines: DeadlineStore;
  /** Secret calendar-feed addresses of deadlines. */
  calendarFeeds: CalendarFeedStore;
  /** Stamps documents with their last committed edit and its authors. */
  changes: ChangeTracker;
  /** Notifications detected from commits, the inbox's store and the feed email delivers from. */
  notifications: NotificationService;
  /** The bell's live channel: per-user inbox sockets, across nodes through the bus. */
  live: LiveInbox;
  /** Deadline reminders 24 h and 1 h ahead to a document's followers (polls; `tick` runs it now). */
  reminders: DeadlineReminders;
  /** When the server first committed each suggestion id (the hover card's time). */
  suggestionTimes: SuggestionTimes;
  /** Runs every pending index, version and activity write now (shutdown, tests). */
  flush(): Promise<void>;
  /** Flushes and stops listening; call before the relay shuts down. */
  stop(): Promise<void>;
}

export interface FeatureServiceDeps {
  db: Kysely<Schema>;
  engine: Engine;
  hub: Pick<CollabHub, 'onCommitted' | 'readDocument' | 'applyServerUpdate'>;
  log: Logger;
  now: () => number;
  /** Whether the server can send email (SMTP configured); shown in notification preferences. */
  emailAvailable?: boolean;
  /** The node's bus, for the live inbox across nodes (default: a single node). */
  bus?: Pick<Bus, 'publishInbox' | 'onInbox' | 'onMissedMessages'>;
}

export function createFeatureServices(deps: FeatureServiceDeps, timings: Partial<FeatureTimings> = {}): FeatureServices {
  const t = { ...defaultFeatureTimings, ...timings };
  const activity = new ActivityLog(deps, t);
  const versions = new VersionService({ ...deps, logRestore: (docId, userId, label) => activity.logEvent(docId, userId, 'restored', label) }, t);
  const search = new SearchService(deps, t);
  const changes = new ChangeTracker({ ...deps, documents: new DocumentMetaStore(deps.db) }, t);
  const notifications = new NotificationService({ ...deps, people: (ids) => peopleByIds(deps.db, ids), emailAvailable: deps.emailAvailable ?? false });
  const live = new LiveInbox({ bus: deps.bus ?? createLocalBus(), notifications, log: deps.log });
  const reminders = new DeadlineReminders({ db: deps.db, now: deps.now, log: deps.log, notify: (entries) => notifications.notify(entries) });
  reminders.start();
  const suggestionTimes = new SuggestionTimes(deps);
  const all = [search, versions, activity, changes, notifications, reminders, suggestionTimes];
  return {
    search,
    versions,
    activity,
    visits: new VisitStore(deps.db),
    deadlines: new DeadlineStore(deps.db),
    calendarFeeds: new CalendarFeedStore(deps.db),
    changes,
    notifications,
    live,
    reminders,
    suggestionTimes,
    flush: async () => {
      await Promise.all(all.map((s) => s.flush()));
    },
    stop: async () => {
      await Promise.all(all.map((s) => s.stop()));
    },
  };
}
