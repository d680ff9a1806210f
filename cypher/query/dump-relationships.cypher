// Every relationship with its endpoints and properties (checksums, exports).
MATCH (a:Entity)-[r]->(b:Entity)
RETURN a.id AS fromId, type(r) AS type, b.id AS toId, properties(r) AS props
ORDER BY fromId, type, toId
