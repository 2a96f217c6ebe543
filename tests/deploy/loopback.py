"""The real parts of a deployment on 127.0.0.1, each started here and stopped by its id.

PostgreSQL (.ci/postgres), Redis, the S3 emulator (moto in server mode), gunicorn app
servers and nginx with deploy/nginx/forum_site.conf. `Processes` keeps what it started
and stops all of it, in reverse order, whatever happened.
"""

import contextlib
import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
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


def start_app_server(processes, name, port, env):
    """One app server as deploy/systemd runs it: its own static files, gunicorn on `port`."""
    manage(env, ["collectstatic", "--noinput", "--verbosity", "0"])
    command = [
        sys.executable, "-m", "gunicorn", "forum_site.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", "1", "--no-control-socket",
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
