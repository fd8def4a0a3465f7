// Removes the nodes of a benchmark or live-test world: keys start with $prefix, IPs with $ip_prefix.
MATCH (n:Account|PaymentMethod|Proxy|PromptFingerprint)
WHERE coalesce(n.account_id, n.payment_method_id, n.fingerprint) STARTS WITH $prefix
   OR n.ip STARTS WITH $ip_prefix
DETACH DELETE n
