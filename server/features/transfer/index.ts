/** Export (Markdown, HTML, DOCX) and import (Markdown, DOCX) of documents as files. */
export { attachment, exportRoutes, importRoutes, type ExportRouteDeps, type ImportRouteDeps } from './routes.js';
