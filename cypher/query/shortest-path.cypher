// One shortest path between two nodes over any relationships, within $maxHops (at most 8).
// Each relationship's properties come along (its provenance), so showing the path reads nothing more.
// $from, $to: ids; $maxHops: integer.
MATCH (a:Entity {id: $from})
MATCH (b:Entity {id: $to})
MATCH p = shortestPath((a)-[*..8]-(b))
WHERE length(p) <= $maxHops
RETURN [n IN nodes(p) | n.id] AS nodeIds, [r IN relationships(p) | type(r)] AS types, [r IN relationships(p) | startNode(r).id] AS startIds,
       [r IN relationships(p) | properties(r)] AS props
