// One row per (account, IP): {account_id, artifact, first_seen, last_seen, count}.
UNWIND $rows AS row
MERGE (a:Account {account_id: row.account_id})
MERGE (p:Proxy {ip: row.artifact})
MERGE (a)-[r:CONNECTED_FROM]->(p)
SET r.first_seen = row.first_seen, r.last_seen = row.last_seen, r.count = row.count
