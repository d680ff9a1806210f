// How many relationships there are of each type.
MATCH (:Entity)-[r]->(:Entity)
RETURN type(r) AS type, count(r) AS count
ORDER BY type
