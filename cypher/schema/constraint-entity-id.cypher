// Every node carries the Entity label and a unique id: the key every loader MERGEs on.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE
