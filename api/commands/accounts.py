"""Who may use SIGAP: ``sigap user add``, ``sigap apikey``."""

from __future__ import annotations

import click

from api.commands import SigapGroup, engine_of


@click.group(cls=SigapGroup)
def user() -> None:
    """Staff accounts (operators, OPD staff, admins)."""


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


@click.command("apikey")
@click.argument("name")
@click.pass_context
def apikey(ctx: click.Context, name: str) -> None:
    """Create an Open311 API key for client NAME (shown once, stored hashed)."""
    from layers.accounts import create_api_key

    with engine_of(ctx).begin() as conn:
        key = create_api_key(conn, name)
    click.echo(key)
