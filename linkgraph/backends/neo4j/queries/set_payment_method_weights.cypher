// Rarity weights computed by linkgraph.graph, pushed for one detection run ($run).
// `evidence` is true for the artifacts that carry edges in the weighted graph.
UNWIND $rows AS row
MATCH (m:PaymentMethod {payment_method_id: row.artifact})
SET m.weight = row.weight, m.df = row.df, m.generic = row.generic, m.evidence = row.evidence,
    m.weights_run = $run
RETURN count(m) AS matched
