-- photo_hashes keeps one row per hashed photo of complaints.photos ('report'),
-- complaint_supporters.photos ('supporter') and complaint_events.photos
-- ('after'), so the photo checks read a narrow table instead of the jsonb.
-- The triggers on each of the three tables pass the kind as their argument:
-- a row's photos are put in on insert, replaced when its photos (or, for a
-- supporter, its ticket) change, taken out on delete or truncate. A deleted
-- complaint takes its rows with it (ON DELETE CASCADE).
CREATE OR REPLACE FUNCTION sigap_photo_hashes_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  ticket_id bigint;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM photo_hashes WHERE kind = TG_ARGV[0];
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    DELETE FROM photo_hashes WHERE kind = TG_ARGV[0] AND source_id = OLD.id;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'complaints' THEN
    ticket_id := NEW.id;
  ELSE
    ticket_id := NEW.complaint_id;
  END IF;
  INSERT INTO photo_hashes (complaint_id, kind, source_id, ordinal, path, hash)
  SELECT ticket_id, TG_ARGV[0], NEW.id, p.ordinal, p.photo ->> 'path',
         ('x' || (p.photo ->> 'phash'))::bit(64)::bigint
  FROM jsonb_array_elements(NEW.photos) WITH ORDINALITY AS p(photo, ordinal)
  WHERE p.photo ? 'phash' AND p.photo ->> 'phash' <> '';
  RETURN NULL;
END $$;
