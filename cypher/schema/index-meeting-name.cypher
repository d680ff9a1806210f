// Lookups by name within one label (search candidates, exports).
CREATE INDEX meeting_name IF NOT EXISTS FOR (n:Meeting) ON (n.name)
