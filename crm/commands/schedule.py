"""`crm schedule-solve`: the fair scheduler offline, from a JSON instance to a JSON schedule."""
import json
import sys

import click

from crm.services.scheduling import InstanceError, load_instance, solve


@click.command("schedule-solve")
@click.argument("instance_file", metavar="INSTANCE.json")
@click.option("--time-limit", type=float, default=60.0, show_default=True, metavar="SECONDS",
              help="Stop after this many seconds with the best schedule found and its bound.")
@click.pass_context
def schedule_solve(ctx: click.Context, instance_file: str, time_limit: float) -> None:
    """Schedule a fair's accepted requests into slots and tables (`-` reads standard input).

    INSTANCE.json: {"slots": 12, "tables": 25, "participants": [{"id": "J01", "side": "A",
    "available": [0, 1, 2], "max_meetings": 6}], "requests": [{"a": "J01", "b": "D17",
    "priority": 3}], "locked": [{"a": "J01", "b": "D17", "slot": 3, "table": 12}]}.
    Prints {"meetings": [...], "unscheduled": [...], "objective": N, "bound": N,
    "status": "optimal" | "feasible", ...}; slots count from 0, tables from 1."""
    if not time_limit > 0:
        _fail(ctx, f"--time-limit must be more than 0 seconds, not {time_limit:g}")
    try:
        if instance_file == "-":
            text = sys.stdin.buffer.read()
        else:
            with open(instance_file, "rb") as f:
                text = f.read()
    except OSError as exc:
        _fail(ctx, f"cannot read {instance_file}: {exc.strerror or exc}")
    try:
        instance = load_instance(text)
    except InstanceError as exc:
        _fail(ctx, f"{instance_file}: {exc}")
    schedule = solve(instance, time_limit=time_limit)
    click.echo(_dumps(schedule.to_dict()))


def _dumps(data: dict) -> str:
    """JSON with one line per meeting, unscheduled request and shortfall."""
    lines = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = ",\n".join(f"    {json.dumps(item, ensure_ascii=False)}" for item in value)
            lines.append(f"  {json.dumps(key)}: [\n{items}\n  ]")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(lines) + "\n}"


def _fail(ctx: click.Context, message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    ctx.exit(2)
