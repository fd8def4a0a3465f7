// Derived links (linkgraph.signals.derive): one row per (account, rewrite group `rw:<16hex>`):
// {account_id, artifact, first_seen_ns, last_seen_ns, count}
// (timestamps as UTC epoch nanoseconds: rows.epoch_ns).
UNWIND $rows AS row
MERGE (a:Account {account_id: row.account_id})
MERGE (g:RewriteGroup {rewrite_id: row.artifact})
MERGE (a)-[r:IN_REWRITE_GROUP]->(g)
SET r.first_seen = CASE WHEN row.first_seen_ns IS NULL THEN null
      ELSE datetime({epochSeconds: row.first_seen_ns / 1000000000, nanosecond: row.first_seen_ns % 1000000000}) END,
    r.last_seen = CASE WHEN row.last_seen_ns IS NULL THEN null
      ELSE datetime({epochSeconds: row.last_seen_ns / 1000000000, nanosecond: row.last_seen_ns % 1000000000}) END,
    r.count = row.count
