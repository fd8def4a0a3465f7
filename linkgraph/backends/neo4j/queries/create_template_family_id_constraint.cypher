CREATE CONSTRAINT template_family_id IF NOT EXISTS
FOR (t:TemplateFamily) REQUIRE t.family_id IS UNIQUE
