// Creates PROMISED relationships between existing nodes. $rows: [{fromId, toId, props}].
// Returns how many were written, so a missing endpoint is caught rather than skipped.
UNWIND $rows AS row
MATCH (a:Entity {id: row.fromId})
MATCH (b:Entity {id: row.toId})
MERGE (a)-[r:PROMISED]->(b)
SET r = row.props
RETURN count(r) AS written
