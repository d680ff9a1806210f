// Every visit with who went, who sent it, where it went, and the dates visit lists filter and
// order on (kept in memory by the API, so nothing else: nodes are read when shown).
MATCH (v:Visit)
OPTIONAL MATCH (o:Official)-[:WENT_ON]->(v)
WITH v, collect(DISTINCT o.id) AS visitorIds
OPTIONAL MATCH (v)-[:FROM]->(sender:Entity)
WITH v, visitorIds, collect(DISTINCT sender.id) AS senderIds
OPTIONAL MATCH (v)-[:TO]->(p:Place)
RETURN v.id AS id, v {.dateStart, .dateEnd} AS props, visitorIds, senderIds, collect(DISTINCT p.id) AS destinationIds
ORDER BY id
