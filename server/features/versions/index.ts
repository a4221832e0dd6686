/** Version history: automatic and named versions, restores, comparisons (catch-up compares too). */
export { versionRoutes, type VersionRouteDeps } from './routes.js';
export { VersionService, defaultVersionTimings, type VersionTimings } from './service.js';
export type { Comparison } from './diff.js';
export { comparisonPeople, presentComparison } from './presenters.js';
