// Creates SUPPORTS relationships (pairings), one per pairing record, keyed by its id.
// $rows: [{fromId, toId, props}] where props holds the pairing's properties, id included.
UNWIND $rows AS row
MATCH (a:Entity {id: row.fromId})
MATCH (b:Entity {id: row.toId})
MERGE (a)-[r:SUPPORTS {id: row.props.id}]->(b)
SET r = row.props
RETURN count(r) AS written
