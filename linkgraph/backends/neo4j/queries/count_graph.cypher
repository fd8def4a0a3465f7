RETURN
  COUNT { (:Account) } AS accounts,
  COUNT { (:PaymentMethod) } AS payment_methods,
  COUNT { (:Proxy) } AS proxies,
  COUNT { (:PromptFingerprint) } AS prompt_fingerprints,
  COUNT { ()-[:PAID_WITH]->() } AS paid_with,
  COUNT { ()-[:CONNECTED_FROM]->() } AS connected_from,
  COUNT { ()-[:SENT]->() } AS sent
