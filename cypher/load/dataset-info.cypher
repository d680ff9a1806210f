// Records which dataset the store holds (a checksum of the seed files), inside the load's transaction.
// $checksum: hex string; $loadedAt: ISO timestamp.
MERGE (i:Entity {id: 'dataset:info'})
SET i:DatasetInfo, i.checksum = $checksum, i.loadedAt = $loadedAt
RETURN count(i) AS written
