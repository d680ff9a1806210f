// Removes the whole graph before a reload; runs inside the load's transaction, so readers see
// either the old graph or the new one.
MATCH (n:Entity)
DETACH DELETE n
