// Creates or replaces Agreement nodes. $rows: [{id, props}] where props holds every property, id included.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:Agreement
RETURN count(n) AS written
