// Creates or replaces Commitment nodes. $rows: [{id, props}] where props holds every property, id included.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:Commitment
RETURN count(n) AS written
