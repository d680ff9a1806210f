// @engines grafeo
// The id lookups every query starts from. Neo4j backs the uniqueness constraint with this very
// index (and refuses a second one), so the statement runs only on the embedded store.
CREATE INDEX entity_id_lookup IF NOT EXISTS FOR (n:Entity) ON (n.id)
