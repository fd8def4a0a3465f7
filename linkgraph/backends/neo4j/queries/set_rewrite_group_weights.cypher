// Rarity weights computed by linkgraph.graph, pushed for one detection run ($run).
UNWIND $rows AS row
MATCH (g:RewriteGroup {rewrite_id: row.artifact})
SET g.weight = row.weight, g.df = row.df, g.generic = row.generic, g.evidence = row.evidence,
    g.weights_run = $run
RETURN count(g) AS matched
