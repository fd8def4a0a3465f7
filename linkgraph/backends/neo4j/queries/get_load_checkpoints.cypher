// How many batches of each load step are committed (written with the batch, in one transaction).
UNWIND $checkpoint_ids AS checkpoint_id
MATCH (c:LoadCheckpoint {checkpoint_id: checkpoint_id})
RETURN c.checkpoint_id AS checkpoint_id, c.batches_done AS batches_done
