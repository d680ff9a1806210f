// At most $limit incoming relationships of each given node: expanding a node with
// hundreds of thousands of relationships reads only what will be drawn (Neo4j 5.23+ scope syntax). $ids: list of ids; $limit: integer.
// The far ends come without their properties: the few that are drawn are read by id afterwards.
UNWIND $ids AS id
CALL (id) {
  MATCH (n:Entity {id: id})<-[r]-(m:Entity)
  RETURN r, m
  LIMIT $limit
}
RETURN id, type(r) AS type, m.id AS otherId, [l IN labels(m) WHERE l <> 'Entity'][0] AS otherLabel, properties(r) AS props
