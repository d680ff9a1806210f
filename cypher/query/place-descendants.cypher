// The places inside each given place (village → town → county → prefecture → province: up to four levels down).
// $ids: list of place ids.
UNWIND $ids AS id
MATCH (d:Place)-[:PART_OF*1..4]->(:Place {id: id})
RETURN id, d.id AS descendantId
ORDER BY id, descendantId
