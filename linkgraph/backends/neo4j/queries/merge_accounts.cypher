// One row per account: {account_id, created_at_ns, properties}. `properties` holds only
// non-null values and a null `created_at_ns` keeps the stored value, so a reload never erases a
// property and loading twice changes nothing. `created_at` travels as UTC epoch nanoseconds
// (rows.epoch_ns): the driver converts Python datetimes slowly.
UNWIND $rows AS row
MERGE (a:Account {account_id: row.account_id})
SET a += row.properties,
    a.created_at = CASE WHEN row.created_at_ns IS NULL THEN a.created_at
      ELSE datetime({epochSeconds: row.created_at_ns / 1000000000, nanosecond: row.created_at_ns % 1000000000}) END
