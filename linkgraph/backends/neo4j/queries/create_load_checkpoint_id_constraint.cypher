CREATE CONSTRAINT load_checkpoint_id IF NOT EXISTS
FOR (c:LoadCheckpoint) REQUIRE c.checkpoint_id IS UNIQUE
