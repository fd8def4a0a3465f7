CREATE CONSTRAINT lockstep_window_id IF NOT EXISTS
FOR (w:LockstepWindow) REQUIRE w.window_id IS UNIQUE
