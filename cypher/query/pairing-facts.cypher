// Every pairing (SUPPORTS relationship) with its two sides and properties.
MATCH (a:Entity)-[r:SUPPORTS]->(b:Entity)
RETURN r.id AS id, a.id AS supporterId, b.id AS supportedId, properties(r) AS props
ORDER BY id
