// Lookups by name within one label (search candidates, exports).
CREATE INDEX place_name IF NOT EXISTS FOR (n:Place) ON (n.name)
