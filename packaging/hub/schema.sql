-- EcoLobby county hub: the PostgreSQL schema the screens push to (docs/hub.md).
--
-- Apply as the database's owner, as often as you like (each migration runs once, recorded in
-- hub_schema; never edit a shipped migration, add the next one):
--   psql -v ON_ERROR_STOP=1 -d ecolobby_hub -f /usr/share/ecolobby/hub/schema.sql
--
-- Roles. ecolobby_screen: the group every screen's login role joins; it may only insert its own
-- rows (row-level security matches kiosk_id to the login through hub_screens) and read nothing
-- of other screens. ecolobby_fleet: read-only, for `ecolobby fleet status/report` and dashboards.
-- A screen is added with (its password then goes into the screen's 0600 password file):
--   CREATE ROLE "screen_lobby_7" LOGIN PASSWORD '…' IN ROLE ecolobby_screen;
--   INSERT INTO hub_screens(kiosk_id, db_role, institution_id, institution_name)
--     VALUES ('lobby-7', 'screen_lobby_7', '500231A001', '垫江县财政局');

\set ON_ERROR_STOP on
BEGIN;
SELECT pg_advisory_xact_lock(724515);  -- two administrators applying it at once: one waits

CREATE TABLE IF NOT EXISTS hub_schema(version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());

DO $migrate$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ecolobby_screen') THEN
    CREATE ROLE ecolobby_screen NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ecolobby_fleet') THEN
    CREATE ROLE ecolobby_fleet NOLOGIN;
  END IF;

  -- 1: screens, heartbeats, participation events, daily play rollups
  IF NOT EXISTS (SELECT 1 FROM hub_schema WHERE version = 1) THEN
    CREATE TABLE hub_screens(
      kiosk_id text PRIMARY KEY,
      db_role name NOT NULL UNIQUE,          -- the login the screen pushes as
      institution_id text NOT NULL DEFAULT '',
      institution_name text NOT NULL DEFAULT '',
      added_at timestamptz NOT NULL DEFAULT now());

    -- Whose rows the login may write: NULL for anyone who is not a registered screen. SECURITY
    -- DEFINER, so screens need no right to read hub_screens; session_user, because inside the
    -- function current_user is its owner.
    CREATE FUNCTION hub_own_kiosk() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
      SET search_path = pg_catalog, public
      AS $$ SELECT kiosk_id FROM public.hub_screens WHERE db_role = session_user $$;

    -- The last heartbeat of each screen (the structured /status fields, schema 1), replaced
    -- every minute; received_at is the hub's clock, which `fleet status` judges by.
    CREATE TABLE hub_heartbeats(
      kiosk_id text PRIMARY KEY REFERENCES hub_screens ON DELETE CASCADE,
      sent_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      status jsonb NOT NULL);

    -- Participation events as the screen recorded them; the ULID makes a retried push harmless.
    CREATE TABLE hub_events(
      id text PRIMARY KEY,
      kiosk_id text NOT NULL REFERENCES hub_screens ON DELETE CASCADE,
      ts timestamptz NOT NULL,
      local_date date NOT NULL,
      plugin text NOT NULL,
      campaign text NOT NULL DEFAULT '',
      kind text NOT NULL,
      department text,
      payload jsonb NOT NULL DEFAULT '{}');
    CREATE INDEX hub_events_date ON hub_events(local_date, kiosk_id);

    -- Proof of play per screen, day, item and ending. A screen sends a day's totals again as they
    -- grow: the row is replaced, so a retry or a repeat counts once.
    CREATE TABLE hub_play_days(
      kiosk_id text NOT NULL REFERENCES hub_screens ON DELETE CASCADE,
      local_date date NOT NULL,
      content_version text NOT NULL,
      scene text NOT NULL,
      item text NOT NULL,
      campaign text NOT NULL,
      ending text NOT NULL,
      plays integer NOT NULL CHECK (plays >= 0),
      shown_ms bigint NOT NULL CHECK (shown_ms >= 0),
      PRIMARY KEY(kiosk_id, local_date, content_version, scene, item, campaign, ending));
    CREATE INDEX hub_play_days_date ON hub_play_days(local_date);

    ALTER TABLE hub_heartbeats ENABLE ROW LEVEL SECURITY;
    ALTER TABLE hub_events ENABLE ROW LEVEL SECURITY;
    ALTER TABLE hub_play_days ENABLE ROW LEVEL SECURITY;
    -- A screen: its own rows only, to write; upserts read their own row back (ON CONFLICT).
    CREATE POLICY own_rows ON hub_heartbeats TO ecolobby_screen
      USING (kiosk_id = hub_own_kiosk()) WITH CHECK (kiosk_id = hub_own_kiosk());
    CREATE POLICY own_rows ON hub_events TO ecolobby_screen
      USING (kiosk_id = hub_own_kiosk()) WITH CHECK (kiosk_id = hub_own_kiosk());
    CREATE POLICY own_rows ON hub_play_days TO ecolobby_screen
      USING (kiosk_id = hub_own_kiosk()) WITH CHECK (kiosk_id = hub_own_kiosk());
    -- The fleet: everything, read only.
    CREATE POLICY read_all ON hub_heartbeats FOR SELECT TO ecolobby_fleet USING (true);
    CREATE POLICY read_all ON hub_events FOR SELECT TO ecolobby_fleet USING (true);
    CREATE POLICY read_all ON hub_play_days FOR SELECT TO ecolobby_fleet USING (true);

    REVOKE ALL ON hub_screens, hub_heartbeats, hub_events, hub_play_days FROM PUBLIC;
    REVOKE ALL ON FUNCTION hub_own_kiosk() FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION hub_own_kiosk() TO ecolobby_screen;
    -- Events are only ever inserted; ON CONFLICT (id) DO NOTHING reads the id (its own rows' only).
    -- Heartbeats and play days are upserted, which needs SELECT and UPDATE on its own rows.
    GRANT SELECT (id), INSERT ON hub_events TO ecolobby_screen;
    GRANT SELECT, INSERT, UPDATE ON hub_heartbeats, hub_play_days TO ecolobby_screen;
    GRANT SELECT ON hub_screens, hub_heartbeats, hub_events, hub_play_days TO ecolobby_fleet;

    INSERT INTO hub_schema(version) VALUES (1);
  END IF;
END
$migrate$;

COMMIT;
