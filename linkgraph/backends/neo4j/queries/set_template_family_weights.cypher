// Rarity weights computed by linkgraph.graph, pushed for one detection run ($run).
UNWIND $rows AS row
MATCH (t:TemplateFamily {family_id: row.artifact})
SET t.weight = row.weight, t.df = row.df, t.generic = row.generic, t.evidence = row.evidence,
    t.weights_run = $run
RETURN count(t) AS matched
