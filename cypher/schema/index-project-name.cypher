// Lookups by name within one label (search candidates, exports).
CREATE INDEX project_name IF NOT EXISTS FOR (n:Project) ON (n.name)
