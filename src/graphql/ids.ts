/**
 * Which strings can be ids of this API, from the dataset's own id patterns: checked before any
 * store call, so that malformed and foreign ids are refused with a reason.
 */
import { ID_PATTERNS } from '../dataset/schema.js';

const ACTORS = [ID_PATTERNS.place, ID_PATTERNS.official, ID_PATTERNS.organisation, ID_PATTERNS.enterprise, ID_PATTERNS.project];
const EVENT = /^(donation|commitment|visit|meeting|agreement|stat|pairing):[a-z0-9-]+$/;
/** Titles are nodes of their own, named after their official. */
const TITLE = /^person:[a-z0-9-]+#title-\d+$/;

export const MAX_ID_LENGTH = 200;

/** A place, official, organisation, enterprise or project. */
export function isActorId(id: unknown): id is string {
  return typeof id === 'string' && id.length <= MAX_ID_LENGTH && ACTORS.some((p) => p.test(id));
}

/** Anything `node(id:)` can name. */
export function isNodeId(id: unknown): id is string {
  return isActorId(id) || (typeof id === 'string' && id.length <= MAX_ID_LENGTH && (EVENT.test(id) || TITLE.test(id)));
}
