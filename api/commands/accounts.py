"""Who may use SIGAP: ``sigap user add``, ``sigap apikey``."""

from __future__ import annotations

import click

from api.commands import command_group, engine_of, in_database

user = command_group("user", "Staff accounts (operators, OPD staff, admins).")


@user.command("add")
@click.argument("username")
@click.option("--name", required=True, help="Full name.")
@click.option(
    "--role", required=True, type=click.Choice(["operator", "opd_staff", "admin"])
)
@click.option("--opd", "opd_code", help="OPD code (required for opd_staff).")
@click.password_option(help="At least 10 characters (asked when not given).")
@click.pass_context
def user_add(
    ctx: click.Context,
    username: str,
    name: str,
    role: str,
    opd_code: str | None,
    password: str,
) -> None:
    """Add a staff account; the password is stored as a scrypt hash."""
    from gis.errors import InvalidParameter
    from gis.i18n import bilingual
    from layers.accounts import create_user

    if role == "opd_staff" and not opd_code:
        raise InvalidParameter(bilingual("Assignment needs the OPD"))
    with engine_of(ctx).begin() as conn:
        user_id = create_user(conn, username, name, password, role, opd_code)
    click.echo(f"user {username} ({role}) created, id {user_id}")


@user.command("demo")
@click.option(
    "--url",
    default="http://127.0.0.1:8000",
    show_default=True,
    help="Where the server answers (for the console's address).",
)
@click.pass_context
def user_demo(ctx: click.Context, url: str) -> None:
    """Make the demo's staff accounts (one per role, one clerk per OPD) and print
    them with the console's address. Safe to run again: the passwords are kept
    in var/demo_accounts.json (readable by this user only)."""
    import json
    import os

    from api.commands import settings_of
    from layers.admin import DEMO_ACCOUNTS, ensure_demo_accounts

    path = settings_of(ctx).var_dir / "demo_accounts.json"
    known = json.loads(path.read_text()) if path.exists() else {}
    passwords = in_database(
        ctx, lambda conn, at: ensure_demo_accounts(conn, known, at), write=True
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump(passwords, handle, indent=1)
    base = url.rstrip("/")
    click.echo(f"Demo staff accounts (sign in at {base}/login):")
    for username, role, opd_code, _name in DEMO_ACCOUNTS:
        where = f"{role} {opd_code}" if opd_code else role
        click.echo(f"  {username:<16} {passwords[username]:<14} {where}")
    click.echo(f"Admin console: {base}/staf/admin   Operator inbox: {base}/staf")


@click.command("apikey")
@click.argument("name")
@click.pass_context
def apikey(ctx: click.Context, name: str) -> None:
    """Create an Open311 API key for client NAME (shown once, stored hashed)."""
    from layers.accounts import create_api_key

    with engine_of(ctx).begin() as conn:
        key = create_api_key(conn, name)
    click.echo(key)
