import type { NextFunction, Request, Response } from 'express';
import { errorResponseOf, wantsZhTw } from './error-response.filter';
import { InputRefusedError } from './input-refused.error';

/** JSON nested deeper than this is refused before anything walks it recursively. */
export const MAX_INPUT_DEPTH = 32;

/** Keys that reach Object.prototype or a constructor when merged into an object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Characters no form of this service needs and that hide or disguise text: C0 controls but tab, newline and
 * carriage return; DEL; the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
/** Half of a surrogate pair without its other half: not text in any encoding. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * U+FFFD, what the body parser puts where the bytes were not UTF-8: refused rather than recorded, so a broken text
 * is sent again whole instead of kept with its damage.
 */
const REPLACED = /\uFFFD/;
const unclean = (text: string) => INVISIBLE.test(text) || LONE_SURROGATE.test(text) || REPLACED.test(text);

const path = (parent: string, key: string | number) => (typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key);

/** Refuses input too deep, with prototype keys, or with text that is not clean Unicode; walks iteratively, never recursively. */
export function checkInput(value: unknown, root: string): void {
  const stack: { value: unknown; field: string; depth: number }[] = [{ value, field: root, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, field, depth } = stack.pop() as { value: unknown; field: string; depth: number };
    if (typeof current === 'string') {
      if (unclean(current)) {
        throw new InputRefusedError(400, 'INVALID_CHARACTERS', field || 'body', `${field || 'body'} holds control, bidi or unpaired surrogate characters`);
      }
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) throw new InputRefusedError(400, 'INPUT_TOO_DEEP', field || 'body', `Input is nested deeper than ${MAX_INPUT_DEPTH} levels`);
    const entries: [string | number, unknown][] = Array.isArray(current) ? current.map((item, i) => [i, item]) : Object.entries(current);
    for (const [key, item] of entries) {
      if (typeof key === 'string' && FORBIDDEN_KEYS.has(key)) throw new InputRefusedError(400, 'FORBIDDEN_KEY', path(field, key), `${path(field, key)}: the key ${key} is not accepted`);
      if (typeof key === 'string' && unclean(key)) throw new InputRefusedError(400, 'INVALID_CHARACTERS', field || 'body', 'A key holds control, bidi or unpaired surrogate characters');
      stack.push({ value: item, field: path(field, key), depth: depth + 1 });
    }
  }
}

/** The guard as middleware, after the JSON body parser: the body and the query are checked before any route sees them. */
export function inputGuard(request: Request, response: Response, next: NextFunction): void {
  try {
    checkInput(request.body, '');
    checkInput(request.query, '');
    next();
  } catch (error) {
    next(error);
  }
}

/** What body-parser and Express say, as the API says everything: a code, a message, the documented shape. */
function asRefusal(error: unknown): unknown {
  if (error instanceof InputRefusedError) return error;
  const type = (error as { type?: string } | null)?.type;
  if (type === 'entity.too.large') return new InputRefusedError(413, 'PAYLOAD_TOO_LARGE', undefined, 'The body is larger than this API accepts');
  if (type === 'entity.parse.failed') return new InputRefusedError(400, 'INVALID_JSON', undefined, 'The body is not valid JSON');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return new InputRefusedError(415, 'UNSUPPORTED_MEDIA_TYPE', undefined, 'The body must be UTF-8 JSON');
  if (typeof (error as { status?: unknown } | null)?.status === 'number' && (error as { status: number }).status < 500) {
    return new InputRefusedError((error as { status: number }).status, 'BAD_REQUEST', undefined, 'The request cannot be read');
  }
  return error;
}

/** Express's error middleware for what fails before a route: the body parser and the input guard. */
export function inputErrorHandler(error: unknown, request: Request, response: Response, next: NextFunction): void {
  if (response.headersSent) return next(error);
  const { status, body } = errorResponseOf(asRefusal(error), wantsZhTw(request.header('accept-language')));
  response.status(status).json(body);
}
