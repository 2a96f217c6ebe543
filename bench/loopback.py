"""The real parts of a deployment on 127.0.0.1, each started here and stopped by its id.

PostgreSQL (.ci/postgres), Redis, the S3 emulator (moto in server mode), gunicorn app
servers and nginx with deploy/nginx/forum_site.conf. `Processes` keeps what it started
and stops all of it, in reverse order, whatever happened.
"""

import contextlib
import glob
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NGINX_SITE = ROOT / "deploy" / "nginx" / "forum_site.conf"


def missing_binaries():
    """The programs this machine lacks to run the deployment, by Debian package."""
    found = {
        "postgresql": glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        "redis-server": shutil.which("redis-server"),
        "nginx": nginx_binary(),
    }
    return [package for package, path in found.items() if not path]


def nginx_binary():
    return shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process=None, timeout=60, log=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"exited with {process.returncode}: {_tail(log)}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s: {_tail(log)}")


def _tail(log):
    return Path(log).read_text(errors="replace")[-3000:] if log and Path(log).exists() else ""


class Processes:
    """Processes started for a test, stopped by their pids (`stop`, or all by `close`)."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.running = {}  # name -> Popen
        self.stoppers = []  # callables, for what is not a child (PostgreSQL)

    def start(self, name, command, *, port, env=None, timeout=60):
        log = self.directory / f"{name}.log"
        with open(log, "wb") as output:
            process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
            )
        self.running[name] = process
        wait_for_port(port, process, timeout, log)
        return process

    def stop(self, name, sig=signal.SIGTERM, timeout=30):
        process = self.running.pop(name)
        if process.poll() is None:
            process.send_signal(sig)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def log(self, name):
        """Everything process `name` printed."""
        return (self.directory / f"{name}.log").read_text(errors="replace")

    def close(self):
        for name in reversed(list(self.running)):
            self.stop(name)
        for stopper in reversed(self.stoppers):
            stopper()


def start_postgres(processes, port):
    """A throwaway cluster (.ci/postgres, as CI and the bench use); returns its URL."""
    import psycopg2

    data = processes.directory / "pg"
    script = str(ROOT / ".ci" / "postgres")
    processes.stoppers.append(lambda: subprocess.run([script, "stop", str(data)], check=False))
    subprocess.run([script, "start", str(data), str(port)], check=True, capture_output=True)
    with contextlib.closing(
        psycopg2.connect(f"postgres://postgres@127.0.0.1:{port}/postgres")
    ) as db:
        db.autocommit = True
        with db.cursor() as cursor:
            cursor.execute('CREATE DATABASE "forum_site"')
    return f"postgres://postgres@127.0.0.1:{port}/forum_site"


def start_redis(processes, port):
    processes.start(
        "redis",
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "",
         "--appendonly", "no", "--dir", str(processes.directory)],
        port=port,
    )  # fmt: skip
    return f"redis://127.0.0.1:{port}/0"


def start_s3(processes, port, bucket):
    """moto's S3 in server mode, with `bucket` created; returns its endpoint URL."""
    processes.start(
        "moto", [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)], port=port
    )
    endpoint = f"http://127.0.0.1:{port}"
    client = s3_client(endpoint)
    client.create_bucket(Bucket=bucket)
    client.put_bucket_policy(Bucket=bucket, Policy=json.dumps(public_read_policy(bucket)))
    return endpoint


def public_read_policy(bucket):
    """docs/deploy.md's bucket policy: anyone may read uploads, not filer's private files."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
             "Resource": f"arn:aws:s3:::{bucket}/*"},
            {"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
             "Resource": f"arn:aws:s3:::{bucket}/filer_private/*"},
        ],
    }  # fmt: skip


def s3_client(endpoint):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def manage(env, *commands):
    """Run manage.py `commands` (lists of arguments) in one process with `env`."""
    calls = "".join(f"call_command(*{list(command)!r})\n" for command in commands)
    code = "import django\ndjango.setup()\nfrom django.core.management import call_command\n"
    result = subprocess.run(
        [sys.executable, "-c", code + calls], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {commands} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def start_app_server(processes, name, port, env, workers=1):
    """One app server as deploy/systemd runs it: its own static files, gunicorn on `port`."""
    manage(env, ["collectstatic", "--noinput", "--verbosity", "0"])
    command = [
        sys.executable, "-m", "gunicorn", "forum_site.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--no-control-socket",
        "--access-logfile", "-",
    ]  # fmt: skip
    return processes.start(name, command, port=port, env=env)


def start_nginx(processes, port, app_ports, media_root):
    """nginx with the shipped site, its EDIT lines set for this machine."""
    directory = processes.directory / "nginx"
    directory.mkdir()
    site = _edited_site(port, app_ports, directory / "cache", media_root)
    (directory / "site.conf").write_text(site)
    # Run as root, nginx's workers would be `nobody`, who cannot enter our directories.
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "".join(
        f"{kind}_temp_path {directory / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (directory / "nginx.conf").write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {directory / 'nginx.pid'};\n"
        f"error_log {directory / 'error.log'} warn;\n"
        "events { worker_connections 256; }\n"
        f"http {{\ninclude /etc/nginx/mime.types;\naccess_log {directory / 'access.log'};\n"
        f"{temp}include {directory / 'site.conf'};\n}}\n"
    )
    command = [nginx_binary(), "-p", str(directory), "-c", str(directory / "nginx.conf")]
    subprocess.run([*command, "-t"], check=True, capture_output=True)
    processes.start("nginx", command, port=port)


def _edited_site(port, app_ports, cache, media_root):
    """deploy/nginx/forum_site.conf with each EDIT line set: each must be found exactly once,
    so the test never runs some other configuration than the one shipped."""
    site = NGINX_SITE.read_text()
    servers = "".join(
        f"    server 127.0.0.1:{app} max_fails=1 fail_timeout=10s;\n" for app in app_ports
    )
    edits = {
        "proxy_cache_path /var/cache/nginx/forum_site ": f"proxy_cache_path {cache} ",
        "    server 127.0.0.1:8001 max_fails=1 fail_timeout=10s;\n"
        "    server 127.0.0.1:8002 max_fails=1 fail_timeout=10s;\n": servers,
        "listen 80;": f"listen 127.0.0.1:{port};",
        "server_name forum.example.org;": "server_name 127.0.0.1;",
        "alias /srv/forum_site/app/media/;": f"alias {media_root}/;",
    }
    for shipped, here in edits.items():
        assert site.count(shipped) == 1, f"deploy/nginx/forum_site.conf changed: {shipped!r}"
        site = site.replace(shipped, here)
    return site


BUCKET = "forum-media"


def start_site(processes, *, s3=True, max_age=0, workers=1):
    """The demo forum as docs/deploy.md deploys it: PostgreSQL, Redis, optionally S3
    media (moto), app servers a and b with DEBUG off and the production settings, and
    nginx in front. Returns what callers need to reach and check it."""
    directory = processes.directory
    ports = {name: free_port() for name in ("pg", "redis", "s3", "a", "b", "nginx")}
    password = secrets.token_urlsafe(16)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_"))},
        "DJANGO_SETTINGS_MODULE": "forum_site.settings",
        "DJANGO_ENV_FILE": "",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_COOKIES": "0",  # plain HTTP on loopback
        "DJANGO_PUBLIC_CACHE_MAX_AGE": str(max_age),
        "DJANGO_ADMIN_PASSWORD": password,
        # As deploy/env.example: kept connections, checked before each request's use.
        "DJANGO_CONN_MAX_AGE": "60",
        "DJANGO_CONN_HEALTH_CHECKS": "1",
        "DATABASE_URL": start_postgres(processes, ports["pg"]),
        "REDIS_URL": start_redis(processes, ports["redis"]),
    }
    site = {"processes": processes, "directory": directory, "ports": ports, "env": env,
            "database": env["DATABASE_URL"], "password": password}  # fmt: skip
    if s3:
        site["s3"] = start_s3(processes, ports["s3"], BUCKET)
        env.update({
            "AWS_STORAGE_BUCKET_NAME": BUCKET, "AWS_S3_ENDPOINT_URL": site["s3"],
            "AWS_S3_REGION_NAME": "us-east-1", "AWS_S3_ADDRESSING_STYLE": "path",
            "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
        })  # fmt: skip
    manage(
        env, ["migrate", "--noinput", "--verbosity", "0"], ["setup_roles"], ["setup_pages"],
        ["load_demo"], ["ensure_admin"],
    )  # fmt: skip
    for name in ("a", "b"):
        own = {"STATIC_ROOT": str(directory / name / "static"),
               "MEDIA_ROOT": str(directory / name / "media")}  # fmt: skip
        start_app_server(processes, name, ports[name], {**env, **own}, workers=workers)
        site[name] = f"http://127.0.0.1:{ports[name]}"
    start_nginx(processes, ports["nginx"], [ports["a"], ports["b"]], directory / "a" / "media")
    site["nginx"] = f"http://127.0.0.1:{ports['nginx']}"
    return site


def restart_postgres(site):
    """Stop the site's PostgreSQL (fast shutdown: sessions are cut) and start it again."""
    script = str(ROOT / ".ci" / "postgres")
    data = str(site["directory"] / "pg")
    subprocess.run([script, "stop", data], check=True)
    subprocess.run([script, "start", data, str(site["ports"]["pg"])], check=True,
                   capture_output=True)  # fmt: skip


def admin_session(base, password, username="admin"):
    """A requests session logged in to the admin through the server at `base`."""
    import re

    import requests

    browser = requests.Session()
    login = f"{base}/en/admin/login/"
    page = browser.get(login, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = browser.post(
        login,
        data={"username": username, "password": password, "csrfmiddlewaretoken": token,
              "next": "/en/admin/"},
        headers={"Referer": login},
        timeout=30,
    )  # fmt: skip
    if not (answer.ok and "/en/admin/logout/" in answer.text):
        raise RuntimeError(f"admin login failed: {answer.status_code} {answer.text[:300]}")
    return browser
