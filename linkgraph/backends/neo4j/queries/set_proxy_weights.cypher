// Rarity weights computed by linkgraph.graph, pushed for one detection run ($run).
UNWIND $rows AS row
MATCH (p:Proxy {ip: row.artifact})
SET p.weight = row.weight, p.df = row.df, p.generic = row.generic, p.evidence = row.evidence,
    p.weights_run = $run
RETURN count(p) AS matched
