// Whether the graph holds anything yet: an empty store can be bulk-created instead of merged into.
MATCH (n:Entity)
RETURN n.id AS id
LIMIT 1
