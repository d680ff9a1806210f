// Which dataset the store holds, if any.
MATCH (i:DatasetInfo {id: 'dataset:info'})
RETURN i.checksum AS checksum
