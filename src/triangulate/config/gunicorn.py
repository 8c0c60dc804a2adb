"""Gunicorn settings for serving Triangulate: the demo (scripts/demo.sh) and a council's server alike.

    gunicorn -c src/triangulate/config/gunicorn.py triangulate.config.wsgi

Every value can be set by an environment variable, so a council's service unit changes nothing here.
Processes rather than threads carry the load: chart rendering (vl-convert) and DuckDB queries hold a
process while they run, so several worker processes serve several users at once.
"""

import multiprocessing
import os

bind = os.environ.get("TRIANGULATE_BIND", f"127.0.0.1:{os.environ.get('TRIANGULATE_PORT', '8000')}")
workers = int(os.environ.get("TRIANGULATE_WEB_WORKERS", min(4, multiprocessing.cpu_count() + 1)))
threads = int(os.environ.get("TRIANGULATE_WEB_THREADS", 2))
# A KPI page on a large council's extract can take seconds the first time; nothing legitimate takes minutes.
timeout = int(os.environ.get("TRIANGULATE_WEB_TIMEOUT", 120))
graceful_timeout = 30
# A fresh process now and then returns memory a large extract's query took.
max_requests = 2000
max_requests_jitter = 200
# Bounded requests: a long URL or many headers is refused before Django sees it.
limit_request_line = 8190
limit_request_fields = 100
# The reverse proxy in front terminates TLS and says so in X-Forwarded-Proto (production settings trust it
# only from these addresses).
forwarded_allow_ips = os.environ.get("TRIANGULATE_TRUSTED_PROXIES", "127.0.0.1")
# No access log by default: a council's proxy keeps one, and ours would only repeat it.
accesslog = os.environ.get("TRIANGULATE_ACCESS_LOG") or None
errorlog = "-"
# No control socket (gunicorn 25.1+ makes one in $HOME/.gunicorn by default, and the service's home is the data
# folder): systemd starts, reloads and stops it; the socket would only be a second way in and a file in backups.
control_socket_disable = True
umask = 0o077  # files this process writes (uploads, logs) are private: child-level data
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
