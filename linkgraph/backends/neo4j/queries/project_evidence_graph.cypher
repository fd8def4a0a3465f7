// The bipartite, undirected, weighted evidence graph of one run: accounts and the
// artifacts marked as evidence for $run (non-generic, shared by at least
// GraphParams.min_sharers accounts, default 5), one
// relationship per link weighted by the artifact's rarity weight. Linear in the links.
MATCH (a:Account)-[:PAID_WITH|CONNECTED_FROM|SENT]->(x)
WHERE x.weights_run = $run AND x.evidence
WITH a, x
ORDER BY a.account_id, labels(x)[0], coalesce(x.payment_method_id, x.ip, x.fingerprint)
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
