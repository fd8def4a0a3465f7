// Artifacts of the run's evidence graph with their community id (used to order ids by size).
MATCH (x:PaymentMethod|Proxy|PromptFingerprint|TemplateFamily|RewriteGroup|LockstepWindow)
WHERE x.weights_run = $run AND x.evidence
RETURN
  CASE
    WHEN x:PaymentMethod THEN 'payment'
    WHEN x:Proxy THEN 'ip'
    WHEN x:PromptFingerprint THEN 'fingerprint'
    WHEN x:TemplateFamily THEN 'family'
    WHEN x:RewriteGroup THEN 'rewrite'
    ELSE 'lockstep'
  END AS kind,
  coalesce(x.payment_method_id, x.ip, x.fingerprint, x.family_id, x.rewrite_id, x.window_id) AS artifact,
  x.community AS community
