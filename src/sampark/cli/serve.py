"""``sampark serve``: the web UI and JSON API over a knowledge base."""
from __future__ import annotations

import ipaddress

import click

from sampark.cli.query import check_exists, handle_errors
from sampark.store.db import default_url
from sampark.web.app import DEFAULT_MAX_BODY


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve")
@click.option("--db", "db_url", envvar="SAMPARK_DB", default=None, metavar="URL",
              help="SQLite file or postgresql:// URL of the knowledge base [default: $SAMPARK_DB or ./sampark.db].")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--allow-ingest", is_flag=True,
              help="Accept documents at POST /api/documents (needs --token).")
@click.option("--token", envvar="SAMPARK_TOKEN", default=None,
              help="Bearer token that ingest requires ($SAMPARK_TOKEN).")
@click.option("--max-body", default=DEFAULT_MAX_BODY, show_default=True, type=click.IntRange(1024, None),
              help="Largest request body accepted, in bytes.")
@click.option("--header-timeout", default=10.0, show_default=True, type=click.FloatRange(0.5, 600),
              help="Seconds a client has to send a request's headers; slower connections are closed.")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
@handle_errors
def serve(db_url: str | None, host: str, port: int, allow_ingest: bool, token: str | None, max_body: int,
          header_timeout: float, log_level: str) -> None:
    """Serve the knowledge base as web pages and JSON (read-only by default).

    Open http://HOST:PORT/ in a browser; add .json to any page's path for
    its data, and see /docs for the API.
    """
    import uvicorn

    from sampark.web import create_app
    from sampark.web.server import http_protocol

    db_url = db_url or default_url()
    check_exists(db_url)  # serving never creates a database
    if allow_ingest and not token:
        raise click.UsageError("--allow-ingest needs a token: --token TOKEN or $SAMPARK_TOKEN")
    if token and not allow_ingest:
        click.echo("note: a token is set but ingest is off; pass --allow-ingest to accept documents", err=True)
    if allow_ingest and not _is_loopback(host):
        # the token travels in clear text unless a TLS proxy sits in front
        click.echo(f"warning: ingest is open on {host}; put it behind HTTPS", err=True)
    app = create_app(db_url, allow_ingest=allow_ingest, token=token, max_body=max_body)
    click.echo(f"sampark: serving {app.state.access.url} on http://{host}:{port}/"
               f"{' (ingest on)' if allow_ingest else ''}", err=True)
    # uvicorn closes idle keep-alive connections after timeout_keep_alive and
    # caps an incomplete request at h11_max_incomplete_event_size bytes; the
    # protocol class adds the missing deadline for a request's headers.
    uvicorn.run(app, host=host, port=port, log_level=log_level, proxy_headers=False, server_header=False,
                timeout_keep_alive=5, h11_max_incomplete_event_size=64 * 1024, limit_concurrency=200,
                http=http_protocol(header_timeout))


def register(group: click.Group) -> None:
    """Add ``serve`` to the ``sampark`` command group."""
    group.add_command(serve)
