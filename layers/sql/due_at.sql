-- The SLA deadline: midnight (WITA) after the sla-th working day following the
-- day of the report (working days from the workdays table, see layers/calendar.py).
CREATE OR REPLACE FUNCTION sigap_due_at(reported timestamptz, sla integer) RETURNS timestamptz
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT ((w2.day + 1)::timestamp AT TIME ZONE 'Asia/Makassar')
  FROM workdays w1 JOIN workdays w2
    ON w2.workday_index = w1.workday_index + sla AND w2.is_workday
  WHERE w1.day = (reported AT TIME ZONE 'Asia/Makassar')::date
$$;
