// Every donation with its donors, recipients and properties: what donation lists and totals filter and group.
MATCH (d:Donation)
OPTIONAL MATCH (donor:Entity)-[:GAVE]->(d)
WITH d, collect(DISTINCT donor.id) AS donorIds
OPTIONAL MATCH (d)-[:TO]->(recipient:Entity)
RETURN d.id AS id, properties(d) AS props, donorIds, collect(DISTINCT recipient.id) AS recipientIds
ORDER BY id
