// One row per account: {account_id, properties}. `properties` holds only non-null values,
// so a reload never erases a property and loading twice changes nothing.
UNWIND $rows AS row
MERGE (a:Account {account_id: row.account_id})
SET a += row.properties
