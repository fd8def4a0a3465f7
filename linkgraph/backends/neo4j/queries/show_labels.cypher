// Node labels and relationship types present in the database (for the memory estimate).
CALL db.labels() YIELD label
WITH collect(label) AS labels
CALL db.relationshipTypes() YIELD relationshipType
RETURN labels, collect(relationshipType) AS types
