"""``sigap notify``: deliver the messages waiting in the outbox to reporters."""

from __future__ import annotations

import signal
import threading

import click

from api.commands import engine_of, number_option, settings_of


@click.command("notify")
@click.option(
    "--daemon", is_flag=True, help="Keep running, delivering messages as they come."
)
@number_option(
    "--interval",
    default=2.0,
    low=0.05,
    help="Seconds between looks at the outbox when it is empty.",
)
@number_option(
    "--retry-base",
    default=30.0,
    low=0.01,
    help="Seconds before the first retry; doubled after each failure.",
)
@number_option(
    "--max-attempts",
    default=10,
    low=1,
    help="Failures after which a message is given up.",
)
@click.pass_context
def notify(
    ctx: click.Context,
    daemon: bool,
    interval: float,
    retry_base: float,
    max_attempts: int,
) -> None:
    """Send reporters their messages (email by SIGAP_SMTP_URL, signed webhook by
    SIGAP_WEBHOOK_URL); without --daemon, send what is due and stop."""
    from gis.timeutil import running_clock
    from layers.outbox import Channels, Policy, run

    settings = settings_of(ctx)
    try:
        channels = Channels.from_settings(settings)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    if not channels.names:
        click.echo(
            "no channel configured (SIGAP_SMTP_URL, SIGAP_WEBHOOK_URL):"
            " messages wait in the outbox",
            err=True,
        )
    stop = threading.Event()
    if daemon:
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        click.echo(f"notify: delivering by {', '.join(channels.names) or 'nothing'}")
    sent = run(
        engine_of(ctx),
        channels,
        running_clock(settings.clock),
        policy=Policy(retry_base_s=retry_base, max_attempts=max_attempts),
        interval_s=interval,
        once=not daemon,
        stop=stop,
    )
    click.echo(f"sent {sent}")
