-- Every complaint gets its kelurahan (from its point) and its ticket number on
-- insert, a new kelurahan when the point moves, and updated_at on every change
-- (trigger complaints_before_write, BEFORE INSERT OR UPDATE).
CREATE OR REPLACE FUNCTION sigap_complaints_before_write() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A bulk import that assigned kelurahan set-based (same rule) sets
  -- sigap.kelurahan_assigned for its own transaction; everything else is looked up.
  IF TG_OP = 'INSERT' AND NEW.kelurahan_kode IS NOT NULL
     AND current_setting('sigap.kelurahan_assigned', true) = 'on' THEN
    NULL;
  ELSIF TG_OP = 'INSERT' OR NOT ST_Equals(NEW.geom, OLD.geom) THEN
    NEW.kelurahan_kode := sigap_kelurahan_at(NEW.geom);
    IF NEW.kelurahan_kode IS NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'SG001',
        MESSAGE = format('location %s is outside Kota Kupang', ST_AsText(NEW.geom));
    END IF;
  END IF;
  IF TG_OP = 'INSERT' AND NEW.ticket IS NULL THEN
    NEW.ticket := sigap_ticket(NEW.id, NEW.reported_at);
  END IF;
  -- the OPD queue storing a ticket's fixed points (sigap.fixed_points, see
  -- layers.inbox) is no change to the complaint
  IF TG_OP = 'UPDATE'
     AND current_setting('sigap.fixed_points', true) IS DISTINCT FROM 'on' THEN
    NEW.updated_at := now();
  END IF;
  RETURN NEW;
END $$;
