/**
 * Notifications (issue 14): detected from committed changes, stored as rows, read through the inbox
 * routes; following documents; the feed other channels (email) deliver from.
 */
export { notificationRoutes, type NotificationRouteDeps } from './routes.js';
export { followRoutes, type FollowRouteDeps } from './follow-routes.js';
export { NotificationService, type NotificationFeed, type CreatedNotification, type NotificationServiceDeps } from './service.js';
export { NotificationStore, type NewNotification } from './store.js';
export { invitationNotification, roleChangedNotification } from './account-events.js';
export { DeadlineReminders, REMINDER_LEADS, reminderTime, type DeadlineRemindersDeps } from './deadline-reminders.js';
export { LiveInbox, type LiveSocket } from './live.js';
export { liveRoutes, LIVE_PATH, type LiveRouteDeps } from './live-routes.js';
