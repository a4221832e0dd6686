/** Files of documents (figures' images): storage, sniffing, routes and garbage collection. */
export { FileStore, fileIdOf, type FileInfo, type FileLimits, type NewFile, type StoredFile } from './file-store.js';
export { openFileStore } from './open.js';
export { sniffImageType, FIGURE_TYPES, type FigureType } from './sniff.js';
export { documentFileRoutes, fileRoutes, type FileRouteDeps } from './routes.js';
export { linkFileRoutes, type LinkFileRouteDeps } from './link-routes.js';
export { fileCopyRoutes } from './copy-routes.js';
export { FileCollector, defaultCollectorTimings, type CollectorTimings } from './collector.js';
export { exportImagesOf } from './export-images.js';
