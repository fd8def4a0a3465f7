CREATE CONSTRAINT rewrite_group_id IF NOT EXISTS
FOR (g:RewriteGroup) REQUIRE g.rewrite_id IS UNIQUE
