// Rarity weights computed by linkgraph.graph, pushed for one detection run ($run).
UNWIND $rows AS row
MATCH (f:PromptFingerprint {fingerprint: row.artifact})
SET f.weight = row.weight, f.df = row.df, f.generic = row.generic, f.evidence = row.evidence,
    f.weights_run = $run
RETURN count(f) AS matched
