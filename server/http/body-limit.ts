/**
 * The body limit of the JSON API. Other bodies (file uploads for import) are left to their own route's
 * limit; the JSON routes refuse them with 415 before reading them.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from './errors.js';

/** JSON bodies are small; 64 KiB is generous and stops memory abuse. */
export const maxJsonBodyBytes = 64 * 1024;

/**
 * Caps every JSON body under /api. Other bodies (file uploads for import) are left to their own
 * route's limit; the JSON routes here refuse them with 415 before reading them.
 */
export function jsonBodyLimit(): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxJsonBodyBytes,
    onError: () => {
      // The rest of the body is never read: close the connection rather than leave it unusable for reuse.
      throw new ApiError(413, 'payload_too_large', `JSON bodies are limited to ${maxJsonBodyBytes} bytes`, undefined, {
        Connection: 'close',
      });
    },
  });
  return async function jsonBodyLimit(c, next) {
    const type = c.req.header('content-type') ?? '';
    if (/^\s*multipart\//i.test(type)) return next();
    return limit(c, next);
  };
}
