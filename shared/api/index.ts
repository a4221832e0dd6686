/** zod schemas and view types of the HTTP API, used by the server (validation) and the client (forms, types). */
export * from './auth.js';
export * from './documents.js';
export * from './errors.js';
export * from './fields.js';
export * from './validation.js';
export * from './workspaces.js';
