/**
 * Relay-style cursor pagination over an ordered list: a cursor is an opaque position, `first` is
 * required and capped, and `totalCount` comes from the list's length without loading nodes.
 */
import { badInput } from './errors.js';
import type { ConnectionModel } from '../queries/models.js';

export const MAX_PAGE = 100;

export function encodeCursor(position: number): string {
  return Buffer.from(`pos:${position}`).toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const m = /^pos:(\d{1,9})$/.exec(text);
  if (!m) throw badInput(`"${cursor}" is not a cursor this API gave out`, 'after');
  return Number(m[1]);
}

export function checkFirst(first: number): void {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) {
    throw badInput(`first must be an integer from 0 to ${MAX_PAGE} (got ${first})`, 'first');
  }
}

/** What a page can be cut from: an array, or a typed array of rows. */
export interface Sliceable<T> {
  readonly length: number;
  slice(start: number, end: number): Iterable<T>;
}

export function paginate<T>(
  all: Sliceable<T>,
  first: number,
  after?: string | null,
  extra: Partial<ConnectionModel<T>> = {},
): ConnectionModel<T> {
  checkFirst(first);
  const offset = after ? decodeCursor(after) + 1 : 0;
  const page = all.slice(offset, offset + first);
  return { items: Array.isArray(page) ? page : [...page], offset, totalCount: all.length, ...extra };
}

/** Resolvers for every *Connection type: edges, nodes and page info derive from the model. */
export const connectionResolvers = {
  edges: (c: ConnectionModel<unknown>) => c.items.map((node, i) => ({ cursor: encodeCursor(c.offset + i), node })),
  nodes: (c: ConnectionModel<unknown>) => c.items,
  totalCount: (c: ConnectionModel<unknown>) => c.totalCount,
  pageInfo: (c: ConnectionModel<unknown>) => ({
    hasNextPage: c.offset + c.items.length < c.totalCount,
    hasPreviousPage: c.offset > 0,
    startCursor: c.items.length ? encodeCursor(c.offset) : null,
    endCursor: c.items.length ? encodeCursor(c.offset + c.items.length - 1) : null,
  }),
};
