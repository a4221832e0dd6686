/** Deadlines of documents (a funder's call closing, a protocol's submission date), and their calendars. */
export { deadlineRoutes, workspaceDeadlineRoutes, type DeadlineRouteDeps, type WorkspaceDeadlineRouteDeps } from './routes.js';
export { calendarFeedRoutes, type CalendarFeedRouteDeps } from './calendar-routes.js';
export { CalendarFeedStore } from './feeds.js';
export { DeadlineStore } from './store.js';
