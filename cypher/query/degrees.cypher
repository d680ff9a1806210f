// How many relationships each given node has, both directions. $ids: list of ids.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id, COUNT { (n)--() } AS degree
