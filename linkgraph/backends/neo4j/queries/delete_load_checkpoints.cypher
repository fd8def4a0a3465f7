UNWIND $checkpoint_ids AS checkpoint_id
MATCH (c:LoadCheckpoint {checkpoint_id: checkpoint_id})
DELETE c
