// Every node with its type label and what the read model keeps of it (see src/graph/node-cards.ts):
// names, kinds, levels and codes to draw and list actors; years, amounts, dates and how a fact was
// read (evidence) to filter events; a statistic's metric to list statistics by topic.
MATCH (n:Entity)
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS label, n.name AS name, n.kind AS kind, n.level AS level,
       n.code AS code, n.revision AS revision, n.year AS year, n.yuan AS yuan, n.dateStart AS dateStart, n.dateEnd AS dateEnd,
       n.restates AS restates, n.evidence AS evidence, n.metric AS metric
