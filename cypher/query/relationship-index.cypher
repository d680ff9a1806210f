// Every relationship as its two ends and its type: the whole graph's shape, for the read model's
// topology (src/graph/topology.ts). Properties stay in the store.
MATCH (a:Entity)-[r]->(b:Entity)
RETURN a.id AS fromId, type(r) AS type, b.id AS toId
