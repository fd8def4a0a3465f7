CREATE CONSTRAINT prompt_fingerprint IF NOT EXISTS
FOR (f:PromptFingerprint) REQUIRE f.fingerprint IS UNIQUE
