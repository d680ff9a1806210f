// Lookups by name within one label (search candidates, exports).
CREATE INDEX agreement_name IF NOT EXISTS FOR (n:Agreement) ON (n.name)
