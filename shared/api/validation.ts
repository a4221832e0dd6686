/** Turns zod issues into `{ field: [messages] }`, the shape of the API's 400 answers and of form errors. */
import type { z } from 'zod';

/** The key for issues about the input as a whole (not one field). */
export const formKey = '_';

export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.map(String).join('.') : formKey;
    const list = (fields[key] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return fields;
}
