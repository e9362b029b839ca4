"""The county hub's schema on a real PostgreSQL (issue #22): it applies, and applies again without
change; a screen's login writes only rows of its own kiosk_id (row-level security), reads nothing
of the others, pushes idempotently (an event's ULID once, a day's play totals replaced); the fleet
role reads everything and writes nothing; a wrong password is refused."""
import os, sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from postgres import Postgres  # noqa: E402

source = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "..")
schema = os.path.join(source, "packaging", "hub", "schema.sql")


def refused(pg, sql, user, password, why):
    r = pg.psql(sql, user=user, password=password, check=False)
    assert r.returncode != 0, f"{user} was allowed: {sql}"
    assert why in r.stderr, (why, r.stderr)


def event(eid, kiosk):
    return (f"INSERT INTO hub_events(id, kiosk_id, ts, local_date, plugin, campaign, kind, department, payload) "
            f"VALUES ('{eid}', '{kiosk}', '2026-06-24T10:00:00+08:00', '2026-06-24', 'quiz', 'energy_week', 'answer', "
            f"'办公室', '{{\"score\": 3}}') ON CONFLICT (id) DO NOTHING")


def play_day(kiosk, plays):
    return (f"INSERT INTO hub_play_days VALUES ('{kiosk}', '2026-06-24', '2026.06.1', 'plugin', 'quiz', 'energy_week', "
            f"'done', {plays}, {plays * 20000}) ON CONFLICT (kiosk_id, local_date, content_version, scene, item, campaign, "
            f"ending) DO UPDATE SET plays = excluded.plays, shown_ms = excluded.shown_ms")


def heartbeat(kiosk, version):
    return (f"INSERT INTO hub_heartbeats(kiosk_id, sent_at, status) VALUES ('{kiosk}', now(), "
            f"'{{\"schema\": 1, \"content_version\": \"{version}\"}}') ON CONFLICT (kiosk_id) DO UPDATE "
            f"SET sent_at = excluded.sent_at, received_at = now(), status = excluded.status")


def main():
    with Postgres() as pg:
        pg.psql(file=schema)
        pg.psql(file=schema)  # a second time changes nothing
        assert pg.psql("SELECT string_agg(version::text, ',') FROM hub_schema").stdout.strip() == "1"
        for name, kiosk in (("screen_a", "lobby-a"), ("screen_b", "lobby-b")):
            pg.psql(f"CREATE ROLE {name} LOGIN PASSWORD 'pw-{name}' IN ROLE ecolobby_screen")
            pg.psql(f"INSERT INTO hub_screens(kiosk_id, db_role, institution_id, institution_name) "
                    f"VALUES ('{kiosk}', '{name}', '500231A00{kiosk[-1]}', '垫江县财政局')")
        pg.psql("CREATE ROLE fleet LOGIN PASSWORD 'pw-fleet' IN ROLE ecolobby_fleet")
        a, b = ("screen_a", "pw-screen_a"), ("screen_b", "pw-screen_b")

        # Its own rows, idempotently.
        for _ in range(2):
            pg.psql(event("01J0000000000000000000000A", "lobby-a"), *a)
        pg.psql(heartbeat("lobby-a", "2026.06.1"), *a)
        pg.psql(heartbeat("lobby-a", "2026.06.2"), *a)
        pg.psql(play_day("lobby-a", 10), *a)
        pg.psql(play_day("lobby-a", 12), *a)
        pg.psql(event("01J0000000000000000000000B", "lobby-b"), *b)
        # Never another screen's, neither new rows nor an overwrite of its existing ones.
        refused(pg, event("01J0000000000000000000000C", "lobby-b"), *a, "row-level security")
        refused(pg, heartbeat("lobby-b", "9.9"), *a, "row-level security")
        refused(pg, play_day("lobby-b", 99), *a, "row-level security")
        pg.psql(heartbeat("lobby-b", "2026.06.1"), *b)
        # Its UPDATE does not see the other screen's row at all: nothing changes.
        hidden = pg.psql("UPDATE hub_heartbeats SET status = '{}' WHERE kiosk_id = 'lobby-b' RETURNING 1", *a)
        assert hidden.stdout.strip() == "", hidden.stdout
        assert pg.psql("SELECT count(*) FROM hub_heartbeats WHERE status = '{}'").stdout.strip() == "0"
        # Reads nothing of the others: no events at all, its own heartbeat only.
        refused(pg, "SELECT payload FROM hub_events", *a, "permission denied")
        assert pg.psql("SELECT string_agg(id, ',') FROM hub_events", *a).stdout.strip() == "01J0000000000000000000000A"
        refused(pg, "SELECT count(*) FROM hub_screens", *a, "permission denied")
        assert pg.psql("SELECT string_agg(kiosk_id, ',') FROM hub_heartbeats", *a).stdout.strip() == "lobby-a"
        refused(pg, "DELETE FROM hub_play_days", *a, "permission denied")
        # An unregistered login in the screen group owns no rows.
        pg.psql("CREATE ROLE stray LOGIN PASSWORD 'pw-stray' IN ROLE ecolobby_screen")
        refused(pg, event("01J0000000000000000000000D", "lobby-a"), "stray", "pw-stray", "row-level security")
        # A wrong password is refused with PostgreSQL's own line.
        refused(pg, "SELECT 1", "screen_a", "wrong", "password authentication failed")

        f = ("fleet", "pw-fleet")
        rows = pg.psql("SELECT kiosk_id, plays FROM hub_play_days ORDER BY 1", *f).stdout.split()
        assert rows == ["lobby-a|12"], rows
        assert pg.psql("SELECT count(*) FROM hub_events", *f).stdout.strip() == "2"
        assert pg.psql("SELECT status->>'content_version' FROM hub_heartbeats WHERE kiosk_id = 'lobby-a'",
                       *f).stdout.strip() == "2026.06.2"
        refused(pg, event("01J0000000000000000000000E", "lobby-a"), *f, "permission denied")
        print("ok: hub schema applies twice; screens write only their own rows, idempotently; the fleet reads all")


if __name__ == "__main__":
    main()
