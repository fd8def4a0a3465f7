// Runs in the same transaction as the batch it records, so data and checkpoint commit together.
MERGE (c:LoadCheckpoint {checkpoint_id: $checkpoint_id})
SET c.step = $step, c.batches_done = $batches_done, c.batch_size = $batch_size,
    c.total_rows = $total_rows, c.updated_at = datetime()
