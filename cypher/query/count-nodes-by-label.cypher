// How many nodes carry each type label.
MATCH (n:Entity)
UNWIND labels(n) AS label
WITH label
WHERE label <> 'Entity'
RETURN label, count(*) AS count
ORDER BY label
