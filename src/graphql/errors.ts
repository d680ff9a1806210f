/** Errors the API raises on purpose, each with a machine-readable code in `extensions.code`. */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { StoreTimeoutError, StoreUnavailableError } from '../store/session.js';

/** Longest message a client gets: errors that echo a value (an id, a variable) cut it here. */
export const MAX_MESSAGE_CHARS = 300;

/** The text cut to `max` characters, saying how much was left out. */
export function cut(text: string, max = MAX_MESSAGE_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

export function badInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argument } : {}) } });
}

/** Years the API can mean: a four-digit year, so a typo is an error rather than an empty answer. */
export function checkYear(year: number, argument: string): void {
  if (!Number.isInteger(year) || year < 1949 || year > 2100)
    throw badInput(`${argument} must be a year from 1949 to 2100 (got ${year})`, argument);
}

export function notFound(message: string, id?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND', ...(id ? { id } : {}) } });
}

/** The error a resolver threw, under Apollo's wrapping and graphql-jit's own error class. */
function thrown(error: unknown): unknown {
  let e = unwrapResolverError(error);
  for (let depth = 0; depth < 3 && e && typeof e === 'object' && (e as { originalError?: unknown }).originalError; depth++) {
    e = (e as { originalError: unknown }).originalError;
  }
  return e;
}

/**
 * What a client sees of an error: the store's failures as typed codes, and nothing of an
 * unexpected error but its code (the details go to stderr).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = thrown(error);
  if (original instanceof StoreUnavailableError) {
    return {
      message: 'the graph store is unavailable; try again shortly',
      path: formatted.path,
      extensions: { code: 'STORE_UNAVAILABLE' },
    };
  }
  if (original instanceof StoreTimeoutError) {
    return { message: original.message, path: formatted.path, extensions: { code: 'STORE_TIMEOUT', timeoutMs: original.ms } };
  }
  if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
    console.error('internal error:', original);
    return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  // Messages that echo what the client sent (graphql-js quotes whole variable values) are cut.
  return formatted.message.length > MAX_MESSAGE_CHARS ? { ...formatted, message: cut(formatted.message) } : formatted;
}
