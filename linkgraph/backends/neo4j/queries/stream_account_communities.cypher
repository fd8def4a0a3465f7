// Accounts of the run's evidence graph with the community id the GDS write step stored.
MATCH (a:Account)-[:PAID_WITH|CONNECTED_FROM|SENT|IN_FAMILY|IN_REWRITE_GROUP|IN_WINDOW]->(x)
WHERE x.weights_run = $run AND x.evidence
WITH DISTINCT a
RETURN a.account_id AS account_id, a.community AS community
