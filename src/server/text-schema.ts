import { z } from 'zod';

/**
 * Free text from a person (a comment, a queue name). SQLite would store a lone surrogate as
 * invalid UTF-8 (other readers, e.g. Python's sqlite3, then cannot read the table) and a NUL
 * ends up raw in CSV exports, so both are refused with a 400 naming the field.
 */
export function freeText(field: string, max: number) {
  return z
    .string()
    .max(max, `${field} is longer than ${max} characters`)
    .refine((s) => !s.includes('\u0000'), `${field} must not contain NUL characters`)
    .refine((s) => !/\p{Surrogate}/u.test(s), `${field} is not valid Unicode (it holds a lone surrogate)`);
}
