CREATE CONSTRAINT payment_method_id IF NOT EXISTS
FOR (m:PaymentMethod) REQUIRE m.payment_method_id IS UNIQUE
