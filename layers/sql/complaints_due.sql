-- Every complaint gets its deadline on insert, and a new one when its category or
-- report time changes (trigger complaints_due, BEFORE INSERT OR UPDATE).
CREATE OR REPLACE FUNCTION sigap_complaints_due() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Bulk writers (import, demo) compute the same deadline set-based and pass it in.
  IF (TG_OP = 'INSERT' AND NEW.due_at IS NULL)
     OR (TG_OP = 'UPDATE' AND (NEW.category_code IS DISTINCT FROM OLD.category_code
         OR NEW.reported_at IS DISTINCT FROM OLD.reported_at)) THEN
    NEW.due_at := sigap_due_at(NEW.reported_at,
      (SELECT sla_days FROM categories WHERE code = NEW.category_code));
  END IF;
  RETURN NEW;
END $$;
