// Artifacts of the run's evidence graph with their community id (used to order ids by size).
MATCH (x:PaymentMethod|Proxy|PromptFingerprint)
WHERE x.weights_run = $run AND x.evidence
RETURN
  CASE WHEN x:PaymentMethod THEN 'payment' WHEN x:Proxy THEN 'ip' ELSE 'fingerprint' END AS kind,
  coalesce(x.payment_method_id, x.ip, x.fingerprint) AS artifact,
  x.community AS community
