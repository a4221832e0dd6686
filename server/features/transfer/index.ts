/** Export (Markdown, HTML, DOCX, PDF) and import (Markdown, DOCX) of documents as files. */
export { attachment, exportRoutes, importRoutes, type ExportRouteDeps, type ImportRouteDeps } from './routes.js';
export { documentAuthors } from './authors.js';
