/** Errors the API raises on purpose, each with a machine-readable code in `extensions.code`. */
import { GraphQLError } from 'graphql';

export function badInput(message: string, argument?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...(argument ? { argument } : {}) } });
}

export function notFound(message: string, id?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND', ...(id ? { id } : {}) } });
}
