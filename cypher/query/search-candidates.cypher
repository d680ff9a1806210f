// Every nameable actor with its names, for the search index built at start-up.
MATCH (n:Entity)
WHERE n:Place OR n:Official OR n:Organisation OR n:Enterprise OR n:Project
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.name AS name, n.aliases AS aliases, n.zh AS zh
ORDER BY id
