// Derived links (linkgraph.signals.derive): one row per (account, template family `tf:<16hex>`):
// {account_id, artifact, first_seen, last_seen, count}.
UNWIND $rows AS row
MERGE (a:Account {account_id: row.account_id})
MERGE (t:TemplateFamily {family_id: row.artifact})
MERGE (a)-[r:IN_FAMILY]->(t)
SET r.first_seen = row.first_seen, r.last_seen = row.last_seen, r.count = row.count
