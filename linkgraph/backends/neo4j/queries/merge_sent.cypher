// One row per (account, prompt fingerprint): {account_id, artifact, first_seen, last_seen, count}.
UNWIND $rows AS row
MERGE (a:Account {account_id: row.account_id})
MERGE (f:PromptFingerprint {fingerprint: row.artifact})
MERGE (a)-[r:SENT]->(f)
SET r.first_seen = row.first_seen, r.last_seen = row.last_seen, r.count = row.count
