-- The mayor's rule: red when a report in a kelurahan × category has been unhandled
-- (layers.status.UNHANDLED) for the category's red_flag_days; amber within
-- amber_days of it; green otherwise. Every publisher (WMS, feeds, CLI) reads it.
CREATE OR REPLACE FUNCTION sigap_red_flags(at timestamptz, amber_days double precision)
RETURNS TABLE (kelurahan_kode text, category_code text, flag text,
               threshold_days integer, unhandled bigint, oldest_days double precision,
               tickets text[])
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT c.kelurahan_kode, c.category_code,
    CASE WHEN max(at - c.reported_at) >= make_interval(days => g.red_flag_days)
           THEN 'red'
         WHEN max(at - c.reported_at) >= make_interval(secs => (g.red_flag_days
           - amber_days) * 86400) THEN 'amber'
         ELSE 'green' END,
    g.red_flag_days, count(*),
    extract(epoch FROM max(at - c.reported_at)) / 86400,
    coalesce(array_agg(c.ticket ORDER BY c.reported_at) FILTER (WHERE c.reported_at
      <= at - make_interval(secs => (g.red_flag_days - amber_days) * 86400)),
      '{}')
  FROM complaints c JOIN categories g ON g.code = c.category_code
  WHERE c.status IN {{UNHANDLED}}
    AND c.reported_at <= at
  GROUP BY c.kelurahan_kode, c.category_code, g.red_flag_days
$$;
