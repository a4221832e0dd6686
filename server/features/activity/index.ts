/** The activity log of a working group: who edited, commented, named, restored or imported what. */
export { activityRoutes, type ActivityRouteDeps } from './routes.js';
export { ActivityLog, defaultActivityTimings, type ActivityTimings } from './service.js';
export { presentActivity } from './presenters.js';
export type { ActivityStore, ActivityRecord } from './store.js';
