"""Provisions the local Superset from code, idempotently, after `superset db upgrade` and `init`:
  1. the admin user (created, or its password and Admin role reset to the configured ones);
  2. the export in infra/superset/dashboard-export/ (database connection, datasets, charts, the
     Clickstream dashboard), imported with overwrite so the files in git are what Superset shows.
The export's database URI is a placeholder; the real one (the stack's ClickHouse port, the read-only
user and its password) is set here. Run with the venv's python and SUPERSET_CONFIG_PATH set:

  CLICKSTREAM_SUPERSET_ADMIN_USER / _ADMIN_PASSWORD   admin login (admin/admin locally)
  CLICKSTREAM_SUPERSET_CLICKHOUSE_URI                 clickhousedb://user:password@host:port/rt
  CLICKSTREAM_SUPERSET_EXPORT_DIR                     the export folder
"""

import os
import sys
from pathlib import Path

import yaml


def read_export(export_dir: Path, clickhouse_uri: str) -> dict[str, str]:
    contents: dict[str, str] = {}
    for path in sorted(export_dir.rglob("*.yaml")):
        rel = path.relative_to(export_dir).as_posix()
        text = path.read_text(encoding="utf-8")
        if rel.startswith("databases/"):
            config = yaml.safe_load(text)
            config["sqlalchemy_uri"] = clickhouse_uri
            text = yaml.safe_dump(config, sort_keys=False)
        contents[rel] = text
    return contents


def only(contents: dict[str, str], kind: str, prefixes: tuple[str, ...]) -> dict[str, str]:
    """A bundle of the given folders with a metadata.yaml of the given type (one importer each)."""
    picked = {k: v for k, v in contents.items() if k.startswith(prefixes)}
    meta = yaml.safe_load(contents["metadata.yaml"])
    meta["type"] = kind
    picked["metadata.yaml"] = yaml.safe_dump(meta)
    return picked


def main() -> int:
    admin_user = os.environ.get("CLICKSTREAM_SUPERSET_ADMIN_USER", "admin")
    admin_password = os.environ.get("CLICKSTREAM_SUPERSET_ADMIN_PASSWORD", "admin")
    clickhouse_uri = os.environ["CLICKSTREAM_SUPERSET_CLICKHOUSE_URI"]
    export_dir = Path(os.environ["CLICKSTREAM_SUPERSET_EXPORT_DIR"])

    from superset.app import create_app

    app = create_app()
    with app.app_context():
        from superset import db, security_manager
        from superset.commands.chart.importers.dispatcher import ImportChartsCommand
        from superset.commands.dashboard.importers.dispatcher import ImportDashboardsCommand
        from superset.commands.database.importers.dispatcher import ImportDatabasesCommand
        from superset.commands.dataset.importers.dispatcher import ImportDatasetsCommand
        from superset.utils.core import override_user
        from werkzeug.security import generate_password_hash

        admin_role = security_manager.find_role("Admin")
        user = security_manager.find_user(username=admin_user)
        if user is None:
            user = security_manager.add_user(
                admin_user, "Clickstream", "Admin", f"{admin_user}@localhost", admin_role, password=admin_password
            )
            if not user:
                print(f"provision: could not create the admin user {admin_user}", file=sys.stderr)
                return 1
            print(f"provision: created admin user {admin_user}")
        else:
            user.password = generate_password_hash(admin_password)
            user.roles = [admin_role]
            user.active = True
            db.session.commit()
            print(f"provision: admin user {admin_user} exists; password and Admin role set")

        contents = read_export(export_dir, clickhouse_uri)
        # The dashboard importer never overwrites the database, datasets and charts it references;
        # importing each level with overwrite first makes the files win over earlier imports.
        steps = [
            (ImportDatabasesCommand, "Database", ("databases/",)),
            (ImportDatasetsCommand, "SqlaTable", ("databases/", "datasets/")),
            (ImportChartsCommand, "Slice", ("databases/", "datasets/", "charts/")),
            (ImportDashboardsCommand, "Dashboard", ("databases/", "datasets/", "charts/", "dashboards/")),
        ]
        with override_user(user):
            for command, kind, prefixes in steps:
                command(only(contents, kind, prefixes), overwrite=True).run()
        counts = {p: sum(1 for k in contents if k.startswith(p)) for p in ("datasets/", "charts/", "dashboards/")}
        print(f"provision: imported {export_dir.name}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
