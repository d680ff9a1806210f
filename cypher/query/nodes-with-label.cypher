// Every node of one type label, in name order. $label: a type label such as "Official".
MATCH (n:Entity)
WHERE $label IN labels(n)
RETURN n.id AS id, $label AS label, properties(n) AS props
ORDER BY n.name, n.id
