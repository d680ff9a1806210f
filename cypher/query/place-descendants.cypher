// The places inside each given place (county → prefecture → province: up to three levels down).
// $ids: list of place ids.
UNWIND $ids AS id
MATCH (d:Place)-[:PART_OF*1..3]->(:Place {id: id})
RETURN id, d.id AS descendantId
ORDER BY id, descendantId
