// Every donation with its donors, recipients and the properties donation lists and totals filter,
// order and group on (kept in memory by the API, so nothing else: nodes are read when shown).
MATCH (d:Donation)
OPTIONAL MATCH (donor:Entity)-[:GAVE]->(d)
WITH d, collect(DISTINCT donor.id) AS donorIds
OPTIONAL MATCH (d)-[:TO]->(recipient:Entity)
RETURN d.id AS id, d {.year, .yuan, .kind, .dateStart, .partOf, .restates} AS props, donorIds, collect(DISTINCT recipient.id) AS recipientIds
ORDER BY id
