// Incoming relationships of the given nodes, optionally of the given types.
// $ids: list of ids; $types: list of relationship types, or null for all.
UNWIND $ids AS id
MATCH (n:Entity {id: id})<-[r]-(m:Entity)
WHERE $types IS NULL OR type(r) IN $types
RETURN id, type(r) AS type, m.id AS otherId, [l IN labels(m) WHERE l <> 'Entity'][0] AS otherLabel, properties(r) AS props
