RETURN
  COUNT { (:Account) } AS accounts,
  COUNT { (:PaymentMethod) } AS payment_methods,
  COUNT { (:Proxy) } AS proxies,
  COUNT { (:PromptFingerprint) } AS prompt_fingerprints,
  COUNT { (:TemplateFamily) } AS template_families,
  COUNT { (:RewriteGroup) } AS rewrite_groups,
  COUNT { (:LockstepWindow) } AS lockstep_windows,
  COUNT { ()-[:PAID_WITH]->() } AS paid_with,
  COUNT { ()-[:CONNECTED_FROM]->() } AS connected_from,
  COUNT { ()-[:SENT]->() } AS sent,
  COUNT { ()-[:IN_FAMILY]->() } AS in_family,
  COUNT { ()-[:IN_REWRITE_GROUP]->() } AS in_rewrite_group,
  COUNT { ()-[:IN_WINDOW]->() } AS in_window
