// Records which dataset the store holds (a checksum of the seed files), inside the load's transaction.
// $checksum: hex string. (No load time: loading the same dataset twice must leave the store identical.)
MERGE (i:Entity {id: 'dataset:info'})
SET i:DatasetInfo, i.checksum = $checksum
RETURN count(i) AS written
