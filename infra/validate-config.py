#!/usr/bin/env python3
"""Static checks of infra/ that need no running service (called by infra/validate.sh).

  compose   infra/docker-compose.yml parses; every service has an image or a build whose context and
            Dockerfile exist; third-party images are pinned; depends_on targets exist and have what
            their condition needs (a healthcheck, or a one-shot service); bind-mount sources exist;
            named volumes are declared; Prometheus scrapes services that exist on the right ports.
  grafana   every dashboard JSON parses, has a uid (unique), schemaVersion >= 39 and unique panel
            ids, and only uses the provisioned data sources; provisioning files parse.
"""
import json
import os
import re
import sys

import yaml

INFRA = os.path.dirname(os.path.abspath(__file__))
errors = []


def err(msg):
    errors.append(msg)


def load_yaml(path):
    with open(path) as f:
        return yaml.safe_load(f)


def check_compose():
    path = os.path.join(INFRA, "docker-compose.yml")
    compose = load_yaml(path)
    services = compose.get("services") or {}
    declared_volumes = set((compose.get("volumes") or {}).keys())
    required = {"kafka", "kafka-init", "clickhouse", "redis", "aggregator", "raw-sink", "producer", "prometheus", "grafana"}
    for name in sorted(required - services.keys()):
        err(f"compose: service {name} is missing")

    for name, svc in services.items():
        where = f"compose: service {name}"
        image, build = svc.get("image"), svc.get("build")
        if not image and not build:
            err(f"{where}: neither image nor build is set")
        if build:
            build = {"context": build} if isinstance(build, str) else build
            context = os.path.normpath(os.path.join(INFRA, build.get("context", ".")))
            dockerfile = os.path.join(context, build.get("dockerfile", "Dockerfile"))
            if not os.path.isdir(context):
                err(f"{where}: build context {context} does not exist")
            elif not os.path.isfile(dockerfile):
                err(f"{where}: Dockerfile {dockerfile} does not exist")
        elif image:
            # Third-party images must be pinned: an implicit or floating tag changes under us.
            tag = image.rsplit("/", 1)[-1].partition(":")[2]
            if not tag or tag == "latest":
                err(f"{where}: image {image} is not pinned to a version")

        depends = svc.get("depends_on") or {}
        if isinstance(depends, list):
            depends = {d: {"condition": "service_started"} for d in depends}
        for dep, spec in depends.items():
            if dep not in services:
                err(f"{where}: depends on unknown service {dep}")
                continue
            condition = (spec or {}).get("condition", "service_started")
            if condition == "service_healthy" and "healthcheck" not in services[dep]:
                built = services[dep].get("build")
                # Built app images carry their own HEALTHCHECK in the Dockerfile.
                if not built:
                    err(f"{where}: waits for {dep} to be healthy, but {dep} has no healthcheck")
            if condition == "service_completed_successfully" and services[dep].get("restart", "no") not in ("no", "on-failure"):
                err(f"{where}: waits for {dep} to complete, but {dep} restarts ({services[dep].get('restart')})")

        for vol in svc.get("volumes") or []:
            source = vol.get("source") if isinstance(vol, dict) else vol.split(":", 1)[0]
            if not source:
                continue
            if source.startswith((".", "/")):
                full = os.path.normpath(os.path.join(INFRA, source))
                if not os.path.exists(full):
                    err(f"{where}: bind-mount source {source} does not exist ({full})")
            elif source not in declared_volumes:
                err(f"{where}: named volume {source} is not declared under volumes:")

    # Prometheus must scrape the compose services on the ports they listen on.
    prom = load_yaml(os.path.join(INFRA, "prometheus", "prometheus.yml"))
    for job in prom.get("scrape_configs", []):
        for static in job.get("static_configs", []):
            for target in static.get("targets", []):
                host, _, port = target.partition(":")
                if host in ("localhost", "127.0.0.1"):
                    continue
                if host not in services:
                    err(f"prometheus: job {job['job_name']} scrapes {target}, but there is no service {host}")
                    continue
                env = services[host].get("environment") or {}
                ports = {str(v) for k, v in env.items() if k.endswith("METRICS_PORT")}
                if ports and port not in ports:
                    err(f"prometheus: job {job['job_name']} scrapes port {port}, but {host} listens on {sorted(ports)}")
    return len(services)


def panels_of(dashboard):
    for panel in dashboard.get("panels", []):
        yield panel
        yield from panel.get("panels", [])


def check_grafana():
    grafana = os.path.join(INFRA, "grafana")
    ds_uids = set()
    for sub in ("datasources", "dashboards"):
        folder = os.path.join(grafana, "provisioning", sub)
        files = [f for f in sorted(os.listdir(folder)) if f.endswith((".yml", ".yaml"))]
        if not files:
            err(f"grafana: no provisioning file in {folder}")
        for f in files:
            doc = load_yaml(os.path.join(folder, f))
            if doc.get("apiVersion") != 1:
                err(f"grafana: {sub}/{f} lacks apiVersion: 1")
            if sub == "datasources":
                for ds in doc.get("datasources", []):
                    if not ds.get("uid"):
                        err(f"grafana: data source {ds.get('name')} has no uid (dashboards refer to uids)")
                    ds_uids.add(ds.get("uid"))

    dash_dir = os.path.join(grafana, "dashboards")
    seen_uids = {}
    count = 0
    for f in sorted(os.listdir(dash_dir)):
        if not f.endswith(".json"):
            continue
        count += 1
        where = f"grafana: dashboards/{f}"
        try:
            with open(os.path.join(dash_dir, f)) as fh:
                dash = json.load(fh)
        except json.JSONDecodeError as e:
            err(f"{where}: invalid JSON: {e}")
            continue
        uid = dash.get("uid")
        if not uid:
            err(f"{where}: no uid")
        elif uid in seen_uids:
            err(f"{where}: uid {uid} also used by {seen_uids[uid]}")
        else:
            seen_uids[uid] = f
        if not isinstance(dash.get("schemaVersion"), int) or dash["schemaVersion"] < 39:
            err(f"{where}: schemaVersion must be 39 or later, got {dash.get('schemaVersion')}")
        if not dash.get("title"):
            err(f"{where}: no title")
        ids = {}
        for panel in panels_of(dash):
            pid = panel.get("id")
            title = panel.get("title", "?")
            if pid is None:
                err(f"{where}: panel '{title}' has no id")
            elif pid in ids:
                err(f"{where}: panel id {pid} used by '{ids[pid]}' and '{title}'")
            else:
                ids[pid] = title
            if "gridPos" not in panel:
                err(f"{where}: panel '{title}' has no gridPos")
            for ds in [panel.get("datasource")] + [t.get("datasource") for t in panel.get("targets", [])]:
                if not isinstance(ds, dict):
                    continue
                ds_uid = ds.get("uid", "")
                if ds_uid and not ds_uid.startswith(("$", "-- ")) and ds_uid not in ds_uids:
                    err(f"{where}: panel '{title}' uses data source uid {ds_uid}, which is not provisioned")
            for t in panel.get("targets", []):
                if not (t.get("expr") or t.get("rawSql")):
                    err(f"{where}: panel '{title}' has a target without a query")
    if count == 0:
        err("grafana: no dashboard in infra/grafana/dashboards")
    return count


def main():
    services = check_compose()
    dashboards = check_grafana()
    for e in errors:
        print(f"FAIL {e}")
    if errors:
        return 1
    print(f"compose: {services} services consistent; grafana: {dashboards} dashboards and provisioning valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
