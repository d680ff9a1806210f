// Lookups by name within one label (search candidates, exports).
CREATE INDEX enterprise_name IF NOT EXISTS FOR (n:Enterprise) ON (n.name)
