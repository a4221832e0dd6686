/** Validates JSON bodies with the shared zod schemas; failures become 400 with per-field messages here, not in handlers. */
import type { Context } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { fieldErrors } from '../../shared/api/validation.js';
import { ApiError } from './errors.js';

const jsonType = /^application\/([\w.-]+\+)?json$/i;

/** Parses `value` with `schema` or throws the API's 400 with field messages. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ApiError(400, 'invalid_input', 'some fields are not valid', fieldErrors(result.error));
  return result.data;
}

function requireJson(c: Context): void {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? '';
  if (!jsonType.test(type)) throw new ApiError(415, 'unsupported_media_type', 'send a JSON body (Content-Type: application/json)');
}

/** Route middleware: `c.req.valid('json')` is then the schema's output type. */
export function jsonBody<S extends z.ZodType>(schema: S) {
  return validator('json', (value, c): z.output<S> => {
    requireJson(c);
    return parseInput(schema, value);
  });
}

/**
 * Route middleware for query strings: `c.req.valid('query')` is then the schema's output type. A
 * parameter given twice arrives as an array and fails a string schema: a malformed query is a 400.
 */
export function queryInput<S extends z.ZodType>(schema: S) {
  return validator('query', (value): z.output<S> => parseInput(schema, value));
}
