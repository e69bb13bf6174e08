"""The production topology on loopback, without Docker: `make rehearsal`.

What compose.yaml runs, from the same configuration files, with this machine's PostgreSQL
and Redis:

    Varnish (deploy/varnish/default.vcl)          http://127.0.0.1:8080/   readers come in here
      -> two gunicorn servers, production settings  :8001 (A) and :8002 (B)  (gunicorn.conf.py)
      -> nginx for /media/ (deploy/nginx/)          :8003
    the scheduler (manage.py run_scheduler), sharing the database, Redis and the media files.

`python -m deploy.rehearsal` (what `make rehearsal` runs) makes a fresh database
(federation_rehearsal), migrates it, loads the demo content, prints the addresses and the demo
users, and runs until Ctrl-C, which stops every process. `--help` lists the options (ports,
database, Redis, working directory).

Tests start the same topology with the class (ports=None picks free ports):

    from deploy.rehearsal import Rehearsal

    with Rehearsal(workdir, database_url=..., redis_url=...) as stack:
        stack.varnish_url      "http://127.0.0.1:PORT", the readers' way in
        stack.servers          the two gunicorn base URLs, [server A, server B]
        stack.media_url        nginx's base URL
        stack.env              the app processes' environment (production settings), a dict
        stack.workdir          the working directory; stack.media_root is MEDIA_ROOT in it
        stack.demo_output      what load_demo printed (the demo users and their password)
        stack.logs             {"setup", "server-a", "server-b", "scheduler", "media",
                                "varnish"}: Path of each process's output
        stack.manage(*args)    manage.py with stack.env; the CompletedProcess, or
                               RehearsalError with the output when it fails
        stack.kill_server(i)   SIGKILL server i (0 is A, 1 is B); returns once Varnish has
                               taken it out of the round
        stack.start_server(i)  starts it again; returns once Varnish sends it requests
        stack.varnishadm(*a)   varnishadm for this Varnish (backend.list, vcl.load...); stdout
        stack.wait_for_backend(name, healthy=...)  until Varnish's configuration in use sees
                               backend web_a, web_b or media as healthy (or not)

Options: ports ({"varnish": 8080, "servers": [8001, 8002], "media": 8003}, or None for free
ports), static_root (collected static files to reuse; otherwise collectstatic runs into the
working directory), demo (load_demo, default True), scheduler_interval (seconds between
publish_scheduled rounds, default 60), env (more environment for the app processes).

The database must exist (tests copy a migrated template); the rehearsal migrates it, runs
setup_site and, with demo, `load_demo` under development settings (production settings refuse
demo content) against the same database and media. Everything the processes write (media,
static files, logs, Varnish's and nginx's state) goes to the working directory.

Differences from compose.yaml, all of them loopback's: every process has the address
127.0.0.1, so that address is both the one allowed to purge (the app servers' own) and the
one whose X-Forwarded-For the app believes (Varnish's); there is no TLS in front, so the
HTTPS-only settings are off.
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
DEFAULT_PORTS = {"varnish": 8080, "servers": [8001, 8002], "media": 8003}
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/federation_rehearsal"
# Redis database 12 is the rehearsal's (the test suite uses 11, the fault run 13); each run
# also has a key prefix of its own, so nothing of an earlier run is ever read.
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/12"
SERVER_NAMES = ["a", "b"]
# Time allowed for a process to come up or go away (a loaded two-core machine is slow).
STARTUP_SECONDS = 120


class RehearsalError(RuntimeError):
    pass


def executable(name):
    """Debian installs varnishd and nginx in /usr/sbin, which is not on everyone's PATH."""
    return shutil.which(name) or next(
        (str(path) for path in (Path("/usr/sbin") / name, Path("/sbin") / name) if path.exists()),
        None,
    )


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def port_in_use(port):
    with socket.socket() as sock:
        return sock.connect_ex((HOST, port)) == 0


class Rehearsal:
    """The topology, started by `with` and stopped (every process) when the block ends."""

    def __init__(
        self,
        workdir,
        *,
        database_url,
        redis_url,
        ports=None,
        static_root=None,
        demo=True,
        scheduler_interval=60.0,
        env=None,
    ):
        self.workdir = Path(workdir).resolve()
        self.database_url = database_url
        self.redis_url = redis_url
        if ports is None:
            ports = {"varnish": free_port(), "servers": [free_port(), free_port()]}
            ports["media"] = free_port()
        self.ports = ports
        self.static_root = Path(static_root) if static_root else self.workdir / "static"
        self.collect_static = static_root is None
        self.demo = demo
        self.scheduler_interval = scheduler_interval
        self.varnish_url = f"http://{HOST}:{ports['varnish']}"
        self.servers = [f"http://{HOST}:{port}" for port in ports["servers"]]
        self.media_url = f"http://{HOST}:{ports['media']}"
        self.media_root = self.workdir / "media"
        log_dir = self.workdir / "logs"
        self.logs = {
            name: log_dir / f"{name}.log"
            for name in ["setup", "server-a", "server-b", "scheduler", "media", "varnish"]
        }
        self.env = self._production_env(env or {})
        self.demo_output = ""
        self._processes = {}  # name -> Popen (each the leader of its own process group)
        self._log_files = []

    # --- the environment -------------------------------------------------------------------

    def _production_env(self, extra):
        inherited = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CACHE_"))
            and key not in {"PORT", "MEDIA_ROOT", "STATIC_ROOT", "FORWARDED_ALLOW_IPS"}
        }
        return {
            **inherited,
            "DJANGO_SETTINGS_MODULE": "federation_site.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": f"{HOST},localhost",
            "WAGTAILADMIN_BASE_URL": self.varnish_url,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis_url,
            "CACHE_KEY_PREFIX": f"rehearsal-{secrets.token_hex(4)}",
            "EMAIL_URL": "console://",
            "MEDIA_ROOT": str(self.media_root),
            "STATIC_ROOT": str(self.static_root),
            # Varnish, as compose.yaml's fixed address for it: the only proxy believed.
            "FORWARDED_ALLOW_IPS": HOST,
            "FRONTEND_CACHE_URL": self.varnish_url,
            "WEB_CONCURRENCY": "2",
            "SCHEDULER_HEARTBEAT_FILE": str(self.workdir / "scheduler-heartbeat"),
            # No TLS on loopback.
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "SECURE_HSTS_SECONDS": "0",
            **extra,
        }

    # --- starting and stopping -------------------------------------------------------------

    def __enter__(self):
        try:
            self._check_requirements()
            for directory in (self.workdir, self.media_root, self.logs["setup"].parent):
                directory.mkdir(parents=True, exist_ok=True)
            self._prepare()
            self._start_media()
            for index in range(2):
                self._start_server(index)
            self._start(
                "scheduler",
                self._manage_args("run_scheduler", "--interval", str(self.scheduler_interval)),
            )
            self._start_varnish()
            for index in range(2):
                self._wait_for_varnish_backend(index, healthy=True)
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def stop(self):
        """Every process this rehearsal started, Varnish first (as a reader would notice)."""
        for name in ["varnish", "scheduler", "server-a", "server-b", "media"]:
            process = self._processes.pop(name, None)
            if process is not None:
                _end(process, signal.SIGTERM)
        for handle in self._log_files:
            handle.close()
        self._log_files = []

    def _check_requirements(self):
        missing = [name for name in ("varnishd", "nginx") if executable(name) is None]
        if missing:
            raise RehearsalError(
                f"{' and '.join(missing)} not found: install Debian's packages "
                "(apt-get install varnish nginx-light)."
            )
        try:
            import psycopg2

            psycopg2.connect(self.database_url, connect_timeout=3).close()
        except Exception as error:  # noqa: BLE001  (any reason means the same to the person)
            raise RehearsalError(
                f"PostgreSQL does not answer at {self.database_url}: {error}".strip()
            ) from error
        if not _redis_answers(self.redis_url):
            raise RehearsalError(f"Redis does not answer at {self.redis_url}.")
        ports = [self.ports["varnish"], *self.ports["servers"], self.ports["media"]]
        busy = [str(port) for port in ports if port_in_use(port)]
        if busy:
            raise RehearsalError(f"Port(s) {', '.join(busy)} on {HOST} already in use.")

    def _prepare(self):
        """The database and the files every process shares, as compose's release job does."""
        self.manage("migrate", "--no-input", "-v0")
        self.manage("setup_site")
        if self.collect_static:
            self.manage("collectstatic", "--no-input", "-v0")
        if self.demo:
            development = {**self.env, "DJANGO_SETTINGS_MODULE": "federation_site.settings.dev"}
            self.demo_output = self._run(self._manage_args("load_demo"), development).stdout

    def _start_media(self):
        """nginx with deploy/nginx/media.conf.template, as the nginx image fills it in."""
        directory = self.workdir / "nginx"
        for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (directory / "temp" / temp).mkdir(parents=True, exist_ok=True)
        template = (REPO / "deploy" / "nginx" / "media.conf.template").read_text()
        server = render_template(
            template, MEDIA_LISTEN=f"{HOST}:{self.ports['media']}", MEDIA_PARENT=self.workdir
        )
        (directory / "media.conf").write_text(server)
        temp_paths = "\n".join(
            f"    {temp}_temp_path {directory / 'temp' / temp.split('_')[0]};"
            for temp in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        # As root, nginx's workers would otherwise run as nobody, who cannot read a private
        # working directory (pytest's); as anyone else the directive is refused.
        user = "user root;\n" if os.geteuid() == 0 else ""
        (directory / "nginx.conf").write_text(
            f"""{user}worker_processes 1;
pid {directory / "nginx.pid"};
error_log {self.logs["media"]} warn;
events {{
    worker_connections 256;
}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
{temp_paths}
    include {directory / "media.conf"};
}}
"""
        )
        self._start(
            "media",
            [
                executable("nginx"),
                "-p",
                str(directory),
                "-c",
                str(directory / "nginx.conf"),
                "-e",
                str(self.logs["media"]),
                "-g",
                "daemon off;",
            ],
        )
        wait_until(
            lambda: _answers(self.media_url + "/media/"),
            f"nginx did not start (see {self.logs['media']})",
            self._processes["media"],
        )

    def _start_server(self, index):
        name = f"server-{SERVER_NAMES[index]}"
        port = self.ports["servers"][index]
        self._start(
            name,
            [
                sys.executable,
                "-m",
                "gunicorn",
                "federation_site.wsgi:application",
                "--config",
                "gunicorn.conf.py",
                "--bind",
                f"{HOST}:{port}",
            ],
            {**self.env, "PORT": str(port)},
        )
        wait_until(
            lambda: _answers(f"{self.servers[index]}/healthz", status=200),
            f"{name} did not become healthy (see {self.logs[name]})",
            self._processes[name],
        )

    def _start_varnish(self):
        directory = self.workdir / "varnish-conf"
        directory.mkdir(exist_ok=True)
        a, b = self.ports["servers"]
        (directory / "backends.vcl").write_text(
            f"""# Written by deploy/rehearsal.py: the loopback twin of deploy/varnish/backends.vcl.
backend web_a {{ .host = "{HOST}"; .port = "{a}"; .probe = healthz; }}
backend web_b {{ .host = "{HOST}"; .port = "{b}"; .probe = healthz; }}
backend media {{ .host = "{HOST}"; .port = "{self.ports["media"]}"; }}

# The app servers' own address (on loopback, everyone's).
acl purgers {{
    "{HOST}";
}}

sub vcl_init {{
    new app = directors.round_robin();
    app.add_backend(web_a);
    app.add_backend(web_b);
}}
"""
        )
        self._start(
            "varnish",
            [
                executable("varnishd"),
                "-F",
                "-a",
                f"{HOST}:{self.ports['varnish']}",
                "-f",
                str(REPO / "deploy" / "varnish" / "default.vcl"),
                "-p",
                f"vcl_path={directory}:{REPO / 'deploy' / 'varnish'}",
                "-n",
                str(self.workdir / "varnish"),
                "-s",
                "malloc,64m",
                # No privilege separation: the working directory may be its owner's only.
                "-j",
                "none",
            ],
        )
        wait_until(
            lambda: _answers(self.varnish_url + "/healthz", status=200),
            f"Varnish did not start (see {self.logs['varnish']})",
            self._processes["varnish"],
        )

    def _start(self, name, args, env=None):
        log = open(self.logs[name], "a")  # noqa: SIM115  (closed by stop())
        self._log_files.append(log)
        self._processes[name] = subprocess.Popen(
            args,
            cwd=REPO,
            env=env or self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            # A group of its own: Ctrl-C in the terminal reaches only this script, which
            # then stops everything in order; kill_server() kills the whole group.
            start_new_session=True,
        )

    # --- what tests use --------------------------------------------------------------------

    def manage(self, *args):
        return self._run(self._manage_args(*args), self.env)

    def kill_server(self, index):
        name = f"server-{SERVER_NAMES[index]}"
        _end(self._processes.pop(name), signal.SIGKILL)
        self._wait_for_varnish_backend(index, healthy=False)

    def start_server(self, index):
        self._start_server(index)
        self._wait_for_varnish_backend(index, healthy=True)

    def varnishadm(self, *args):
        result = subprocess.run(
            [executable("varnishadm") or "varnishadm", "-n", str(self.workdir / "varnish"), *args],
            capture_output=True,
            text=True,
            timeout=30,
        )
        if result.returncode != 0:
            raise RehearsalError(f"varnishadm {' '.join(args)}: {result.stdout}{result.stderr}")
        return result.stdout

    # --- helpers ---------------------------------------------------------------------------

    def _manage_args(self, *args):
        return [sys.executable, "manage.py", *args]

    def _run(self, args, env):
        result = subprocess.run(
            args, cwd=REPO, env=env, capture_output=True, text=True, timeout=900
        )
        with open(self.logs["setup"], "a") as log:
            log.write(f"$ {' '.join(args[1:])}\n{result.stdout}{result.stderr}\n")
        if result.returncode != 0:
            raise RehearsalError(
                f"{' '.join(args[1:])} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
            )
        return result

    def _wait_for_varnish_backend(self, index, *, healthy):
        self.wait_for_backend(f"web_{SERVER_NAMES[index]}", healthy=healthy)

    def wait_for_backend(self, backend, *, healthy):
        """Until the probes of Varnish's configuration in use agree (backend.list), so that a
        test that kills or starts a server knows what the next reader's request meets."""
        wanted = "healthy" if healthy else "sick"

        def agrees():
            # A name without "vcl." is the backend of the configuration in use.
            lines = self.varnishadm("backend.list", backend).splitlines()[1:]
            return any(wanted in line.split() for line in lines)

        wait_until(agrees, f"Varnish does not see {backend} {wanted}")


def render_template(template, **values):
    """${NAME} replaced for the names given, as the nginx image's envsubst does for the
    variables it knows: nginx's own $variables stay."""
    return re.sub(
        r"\$\{(\w+)\}",
        lambda match: str(values.get(match.group(1), match.group(0))),
        template,
    )


def _answers(url, status=None):
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            code = response.status
    except urllib.error.HTTPError as error:
        code = error.code
    except OSError:
        return False
    return status is None or code == status


def _redis_answers(url):
    parts = urllib.parse.urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=3) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith((b"+PONG", b"-NOAUTH"))
    except OSError:
        return False


def wait_until(condition, message, process=None):
    """Polls for a state (a process up, a probe's verdict), failing early if the process
    being waited for has exited."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        if process is not None and process.poll() is not None:
            raise RehearsalError(f"{message}: it exited with {process.returncode}")
        time.sleep(0.2)
    raise RehearsalError(message)


def _end(process, sig):
    """Signal the process's whole group (gunicorn's workers, nginx's), then reap it."""
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        pass
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


# --- make rehearsal ------------------------------------------------------------------------


def fresh_database(database_url):
    """Drop and create the database named in the URL (on the same server's "postgres")."""
    import psycopg2

    parts = urllib.parse.urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    try:
        connection = psycopg2.connect(admin, connect_timeout=3)
    except psycopg2.OperationalError as error:
        raise RehearsalError(f"PostgreSQL does not answer at {admin}: {error}".strip()) from error
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m deploy.rehearsal",
        description="The production topology on loopback (Varnish, two gunicorn servers, "
        "the scheduler, nginx for media) with a fresh database and the demo content.",
    )
    parser.add_argument("--workdir", default=str(REPO / "var" / "rehearsal"))
    parser.add_argument(
        "--database-url",
        default=DEFAULT_DATABASE_URL,
        help="dropped and created again (default: %(default)s)",
    )
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORTS["varnish"], help="Varnish, the readers' way in"
    )
    parser.add_argument("--server-ports", type=int, nargs=2, default=DEFAULT_PORTS["servers"])
    parser.add_argument("--media-port", type=int, default=DEFAULT_PORTS["media"])
    options = parser.parse_args(argv)

    workdir = Path(options.workdir)
    # A fresh start: media of an earlier run would not match the new database.
    for stale in ("media", "logs", "varnish", "nginx"):
        shutil.rmtree(workdir / stale, ignore_errors=True)
    stack = Rehearsal(
        workdir,
        database_url=options.database_url,
        redis_url=options.redis_url,
        ports={
            "varnish": options.port,
            "servers": options.server_ports,
            "media": options.media_port,
        },
    )
    # Ctrl-C stops everything, even when the shell started us with interrupts ignored (in the
    # background); so does `kill`.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    print("Starting the production topology on loopback (migrations, demo content, servers)...")
    try:
        fresh_database(options.database_url)
        with stack:
            _announce(stack)
            while True:
                for name, process in stack._processes.items():
                    if process.poll() is not None:
                        print(f"{name} exited ({process.returncode}); see {stack.logs[name]}")
                        return 1
                time.sleep(1)
    except RehearsalError as error:
        print(f"make rehearsal: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopped.")
        return 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _announce(stack):
    demo_users = [line for line in stack.demo_output.splitlines() if "development password" in line]
    a, b = stack.servers
    print(
        f"""
Readers (through Varnish):  {stack.varnish_url}/kk/   {stack.varnish_url}/ru/
Admin (through Varnish):    {stack.varnish_url}/admin/
Server A, server B:         {a}/   {b}/
Media (nginx):              {stack.media_url}/media/
{demo_users[0] if demo_users else ""}
Production settings: every account with admin access sets up a second factor (an
authenticator app) at its first sign-in.
Logs: {stack.logs["setup"].parent}/   Ctrl-C stops everything.""",
        flush=True,
    )


if __name__ == "__main__":
    sys.exit(main())
