// Creates or replaces Donation nodes. $rows: [{id, props}] where props holds every property, id included.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:Donation
RETURN count(n) AS written
