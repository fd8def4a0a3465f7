// The bipartite, undirected, weighted evidence graph of one run: accounts and the
// artifacts marked as evidence for $run (non-generic, shared by at least
// GraphParams.min_sharers accounts, default 5), one relationship per link weighted by
// the artifact's rarity weight. Derived artifacts (template families, rewrite groups,
// lockstep windows) are artifacts like the others. Linear in the links.
// Only accounts with at least $min_degree evidence links: 2 for Leiden and Louvain, which,
// like the embedded backend (communities.algorithms.partition_bipartite), set single-link
// accounts aside and give them their artifact's community afterwards; 1 (all) for WCC.
MATCH (a:Account)-[:PAID_WITH|CONNECTED_FROM|SENT|IN_FAMILY|IN_REWRITE_GROUP|IN_WINDOW]->(x)
WHERE x.weights_run = $run AND x.evidence
WITH a, collect(x) AS evidence
WHERE size(evidence) >= $min_degree
UNWIND evidence AS x
WITH a, x
ORDER BY a.account_id, labels(x)[0],
  coalesce(x.payment_method_id, x.ip, x.fingerprint, x.family_id, x.rewrite_id, x.window_id)
RETURN gds.graph.project(
  $graph_name,
  a,
  x,
  {
    sourceNodeLabels: ['Account'],
    targetNodeLabels: labels(x),
    relationshipType: 'EVIDENCE',
    relationshipProperties: {weight: x.weight}
  },
  {undirectedRelationshipTypes: ['EVIDENCE']}
) AS graph
