/** One error shape for the whole HTTP API: { error: { code, message, fields? } }. */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import { DocumentUnavailableError } from '../collab/errors.js';

/** An error with an API code, thrown from handlers and turned into a response by `onError`. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string[]>,
    readonly headers?: Record<string, string>,
  ) {
    super(status, { message });
  }
}

/** app.onError handler: the only place errors become responses. */
export function errorHandler(log: Logger) {
  return function handleError(err: Error, c: Context): Response {
    if (err instanceof ApiError) {
      const body = { error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } };
      return c.json(body, err.status, err.headers);
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthenticated' : status === 400 ? 'bad_request' : 'http_error';
      return c.json({ error: { code, message: err.message || 'request failed' } }, status);
    }
    if (err instanceof DocumentUnavailableError) {
      // Storage refused to load the document, or its commits on every retry: a passing fault, worth retrying shortly.
      log.warn({ err, path: c.req.path }, 'document unavailable');
      return c.json({ error: { code: 'document_unavailable', message: 'the document cannot be read right now; try again shortly' } }, 503, { 'Retry-After': '5' });
    }
    log.error({ err, path: c.req.path }, 'unhandled error');
    return c.json({ error: { code: 'internal', message: 'internal server error' } }, 500);
  };
}
