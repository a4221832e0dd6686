/** Suggestion mode on the server: the write guards of the document body. */
export { ShadowDocs } from './shadow.js';
export { suggestionWriteGuard } from './guard.js';
export { suggestionAuthorGuard } from './editor-guard.js';
export { bodyGuards, type BodyGuards } from './body-guards.js';
export { bodySuggestions, type BodySuggestion } from './body-suggestions.js';
export { SuggestionTimes, type SuggestionTimesDeps } from './times.js';
export { suggestionRoutes, type SuggestionRouteDeps } from './routes.js';
