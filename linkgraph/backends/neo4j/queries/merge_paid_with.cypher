// One row per (account, payment method): {account_id, artifact, first_seen, last_seen, count}.
UNWIND $rows AS row
MERGE (a:Account {account_id: row.account_id})
MERGE (m:PaymentMethod {payment_method_id: row.artifact})
MERGE (a)-[r:PAID_WITH]->(m)
SET r.first_seen = row.first_seen, r.last_seen = row.last_seen, r.count = row.count
