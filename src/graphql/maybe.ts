/**
 * A value now, or a promise of it. Resolvers answer with values when the store has kept what they
 * need: graphql-jit then resolves those fields without a promise, which for a repeated request is
 * most of its work and most of what it allocates.
 */
export type Maybe<T> = T | Promise<T>;

/** Applies `f` to a value now, or once it comes. */
export function andThen<T, U>(v: Maybe<T>, f: (t: T) => Maybe<U>): Maybe<U> {
  return v instanceof Promise ? v.then(f) : f(v);
}
