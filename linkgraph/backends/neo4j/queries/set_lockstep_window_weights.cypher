// Rarity weights computed by linkgraph.graph, pushed for one detection run ($run).
UNWIND $rows AS row
MATCH (w:LockstepWindow {window_id: row.artifact})
SET w.weight = row.weight, w.df = row.df, w.generic = row.generic, w.evidence = row.evidence,
    w.weights_run = $run
RETURN count(w) AS matched
