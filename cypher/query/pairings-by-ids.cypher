// Pairings by id. $ids: list of pairing ids.
UNWIND $ids AS id
MATCH (a:Entity)-[r:SUPPORTS]->(b:Entity)
WHERE r.id = id
RETURN r.id AS id, a.id AS supporterId, b.id AS supportedId, properties(r) AS props
