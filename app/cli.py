"""`mlsd` command line: serve, interview in the terminal, database, knowledge, keys, grading."""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markdown import Markdown
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from app.config import Settings, get_settings

app = typer.Typer(help="ML system design mock-interview service.", no_args_is_help=True)
db_app = typer.Typer(help="Database migrations.", no_args_is_help=True)
kb_app = typer.Typer(help="Knowledge base: validate, index, search.", no_args_is_help=True)
sessions_app = typer.Typer(help="Stored interview sessions.", no_args_is_help=True)
keys_app = typer.Typer(help="API keys for tenants.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(kb_app, name="kb")
app.add_typer(sessions_app, name="sessions")
app.add_typer(keys_app, name="keys")

console = Console()
err = Console(stderr=True)


def _settings() -> Settings:
    # Whatever a command creates (database, index, logs) is readable by its owner only.
    os.umask(0o077)
    return get_settings()


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# --- serve -------------------------------------------------------------------------------


@app.command()
def serve(
    host: str = typer.Option(None, help="Bind address (default MLSD_HOST, 127.0.0.1)."),
    port: int = typer.Option(None, help="Port (default MLSD_PORT, 8000)."),
    workers: int = typer.Option(1, help="Uvicorn worker processes."),
    allow_open: bool = typer.Option(
        False, "--allow-open", help="Allow a non-loopback bind in local mode (no keys)."
    ),
) -> None:
    """Serve the API and web app (migrates and indexes on start)."""
    import uvicorn

    from app.store import db as store_db
    from app.store import repo

    settings = _settings()
    host = host or settings.host
    port = port or settings.port
    store_db.upgrade(settings)
    database = store_db.Database(settings)
    with database.read() as s:
        keys = repo.count_api_keys(s)
    database.dispose()
    if settings.auth_mode == "keys":
        if keys == 0:
            err.print(
                "[yellow]Keys mode with no API key:[/yellow] every request is refused (401) "
                "until you create one with `mlsd keys create --tenant NAME`."
            )
    else:
        if keys:
            err.print(
                f"[red]MLSD_AUTH_MODE=local but the database holds {keys} API key(s).[/red] "
                "Set MLSD_AUTH_MODE=keys to require them."
            )
            raise typer.Exit(2)
        if not _is_loopback(host) and not allow_open:
            err.print(
                f"[red]Refusing to bind {host} in local mode (no authentication).[/red] Set "
                "MLSD_AUTH_MODE=keys and create a key with `mlsd keys create --tenant NAME`, "
                "or pass --allow-open."
            )
            raise typer.Exit(2)
        err.print(
            "[yellow]Local mode:[/yellow] no authentication, single local tenant, Host "
            "header limited to MLSD_ALLOWED_HOSTS (loopback names by default)."
        )
    # Build the index once before workers fork (they would race on a fresh data dir); only
    # once the bind and the keys are accepted, so that a refusal comes at once.
    from app.knowledge.bank import load_bank
    from app.knowledge.retrieval import ensure_index
    from app.startup_lock import startup_lock

    with startup_lock(settings.data_dir, "index"):
        ensure_index(load_bank(settings.knowledge_dir, [settings.data_dir / "problems"]), settings)

    from app.observability import configure_logging

    if settings.log_json:
        configure_logging()
    else:
        from app.security import install_log_redaction

        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
        install_log_redaction(*logging.getLogger().handlers)
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        access_log=False,  # our RequestContext middleware logs requests as JSON
        log_config=None if settings.log_json else uvicorn.config.LOGGING_CONFIG,
    )


# --- interview in the terminal ----------------------------------------------------------


@app.command()
def interview(
    problem: str = typer.Option(None, help="Problem id (omit to choose from a list)."),
    level: str = typer.Option("senior", help="mid, senior or staff."),
    resume: str = typer.Option(None, "--resume", help="Continue a session by its id."),
) -> None:
    """Take a mock interview in the terminal; the transcript is saved like any session.

    Answers may span several lines (paste a paragraph): an empty line sends them. Ctrl-C or
    Ctrl-D pauses (nothing is lost; resume with --resume ID); /finish ends and grades."""
    from app.main import build_services
    from app.store import repo

    svc = build_services(_settings())
    if resume:
        with svc.db.read() as db:
            row = repo.get_session(db, "local", resume)
            msgs = repo.list_messages(db, "local", resume) if row else []
        if row is None:
            err.print(f"[red]no session {resume}[/red]")
            raise typer.Exit(2)
        last = next((m for m in reversed(msgs) if m.role == "interviewer"), None)
        if last is not None:
            console.print(
                Panel(last.content, title=f"Interviewer · {row.stage}", border_style="cyan")
            )
    else:
        if problem is None:
            table = Table("#", "id", "title", "difficulty")
            ids = list(svc.bank.problems)
            for i, pid in enumerate(ids, 1):
                p = svc.bank.problems[pid]
                table.add_row(str(i), p.id, p.title, p.difficulty)
            console.print(table)
            choice = typer.prompt("Pick a problem number", default="1")
            problem = ids[int(choice) - 1] if choice.isdigit() else choice
        if problem not in svc.bank.problems:
            err.print(f"[red]unknown problem {problem}[/red]")
            raise typer.Exit(2)
        row, opening = svc.interviews.start("local", problem, level)
        console.print(Panel(opening.content, title="Interviewer", border_style="cyan"))
    console.print(
        "[dim]Type your answer; an empty line sends it (paste paragraphs freely). /hint, /next, "
        "/finish (ends and grades); Ctrl-C or Ctrl-D pauses.[/dim]"
    )

    def read_turn() -> tuple[str | None, bool]:
        """One turn: lines until an empty one, and whether the candidate paused (Ctrl-C or
        Ctrl-D). Lines typed but not yet sent when they pause go in first: nothing written is
        lost (a file piped in often ends without a blank line)."""
        lines: list[str] = []
        while True:
            try:
                line = console.input("[bold green]you> [/bold green]" if not lines else "...  ")
            except (EOFError, KeyboardInterrupt):
                return (_join_lines(lines) if lines else None), True
            if not line.strip():
                if lines:
                    return _join_lines(lines), False
                continue
            if not lines and line.strip().startswith("/"):
                return line.strip(), False
            lines.append(line)

    async def loop() -> str:
        status = row.status
        while status == "active":
            text, paused = read_turn()
            if text is None:
                return "paused"
            if text == "/finish":
                return "finish"
            text = {"/hint": "Can I get a hint?", "/next": "Let's move on."}.get(text, text)
            result = await svc.interviews.turn("local", row.id, text)
            status = result.session.status
            console.print(
                Panel(
                    result.reply.content,
                    title=f"Interviewer · {result.session.stage}",
                    border_style="cyan",
                )
            )
            if paused and status == "active":
                return "paused"
        return "ended"

    outcome = asyncio.run(loop())
    if outcome == "paused":
        console.print(
            f"\nPaused; everything you wrote is saved. Resume with "
            f"[bold]mlsd interview --resume {row.id}[/bold].",
            soft_wrap=True,
        )
        return
    graded = asyncio.run(svc.grading.finish("local", row.id))
    report = graded.report.to_json()
    summary = report["overall"]
    console.print(
        Panel(
            f"Overall {summary['score'] * 100:.0f}% · level readout {summary['level_readout']} · "
            f"hire signal {summary['hire_signal']}",
            title="Your report",
            border_style="magenta",
        )
    )
    table = Table("stage", "score")
    for st in report["stages"]:
        table.add_row(st["stage"], "—" if st["score"] is None else f"{st['score'] * 100:.0f}%")
    console.print(table)
    for item in report["improvements"][:4]:
        topics = ", ".join(item.get("topics") or [item.get("text", "")])
        console.print(f"• [bold]{item['stage']}[/bold]: {topics}")
    console.print(f"Session [bold]{row.id}[/bold]; full report: `mlsd sessions show {row.id}`.")


def _join_lines(lines: list[str]) -> str:
    """Pasted lines as one message: a line that ends mid-sentence continues on the next (a
    terminal wraps pastes), a line that ends a sentence keeps its line break."""
    out = lines[0].rstrip()
    for line in lines[1:]:
        out += ("\n" if out.endswith((".", "!", "?", ":", ";")) else " ") + line.strip()
    return out


# --- database ---------------------------------------------------------------------------


@db_app.command("upgrade")
def db_upgrade(revision: str = typer.Argument("head")) -> None:
    """Apply migrations up to REVISION (default head)."""
    from app.store import db as store_db

    store_db.upgrade(_settings(), revision)
    console.print(f"database at {revision}")


@db_app.command("downgrade")
def db_downgrade(revision: str = typer.Argument(..., help="Target, e.g. -1 or base.")) -> None:
    """Revert migrations down to REVISION."""
    from app.store import db as store_db

    store_db.downgrade(_settings(), revision)
    console.print(f"database at {revision}")


@db_app.command("current")
def db_current() -> None:
    """Print the database's current revision."""
    from app.store import db as store_db

    database = store_db.Database(_settings())
    console.print(store_db.current_revision(database.engine) or "(empty database)")


# --- knowledge --------------------------------------------------------------------------


@kb_app.command("validate")
def kb_validate() -> None:
    """Validate every knowledge file; errors name the file and line."""
    from app.knowledge.authoring import todo_lines
    from app.knowledge.bank import KnowledgeError, load_bank, problem_dirs

    settings = _settings()
    extra = [settings.data_dir / "problems"]
    try:
        bank = load_bank(settings.knowledge_dir, extra)
    except KnowledgeError as exc:
        for issue in exc.issues:
            err.print(f"error {issue}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    # A scaffold (`mlsd kb new`) is valid on purpose; what is left of it is a warning.
    for directory in problem_dirs(settings.knowledge_dir, extra):
        for path in sorted(directory.glob("*.y*ml")) if directory.is_dir() else []:
            if lines := todo_lines(path):
                err.print(
                    f"warning {path}:{lines[0]}: {len(lines)} TODO placeholder line(s) left",
                    markup=False,
                    highlight=False,
                    soft_wrap=True,
                )
    crit = len(bank.generic.criteria) + sum(len(p.criteria) for p in bank.problems.values())
    console.print(
        f"[green]ok[/green] {len(bank.problems)} problems, {len(bank.sections)} framework "
        f"sections, {crit} criteria, {len(bank.concepts.concepts)} concepts "
        f"(content hash {bank.content_hash})",
        soft_wrap=True,
    )


@kb_app.command("schema")
def kb_schema() -> None:
    """Print the JSON Schema of a problem file for editors (into knowledge/problem.schema.json)."""
    from app.knowledge.authoring import render_problem_schema

    sys.stdout.write(render_problem_schema())


@kb_app.command("new")
def kb_new(
    problem_id: str = typer.Argument(..., help="kebab-case id, e.g. fraud-detection."),
    out: Path = typer.Option(
        None,
        "--out",
        help="File (named <id>.yaml) or directory to write to; default: the knowledge "
        "dir in use (MLSD_KNOWLEDGE_DIR), problems/<id>.yaml.",
    ),
) -> None:
    """Scaffold a valid new problem, every placeholder marked TODO; it passes `kb validate`."""
    import tempfile

    from app import resources
    from app.knowledge.authoring import (
        SCHEMA_FILE,
        ProblemIdError,
        check_problem_id,
        scaffold_problem,
    )
    from app.knowledge.bank import KnowledgeError, load_bank, problem_dirs

    def refuse(message: str) -> typer.Exit:
        err.print(f"error {message}", markup=False, highlight=False, soft_wrap=True)
        return typer.Exit(2)

    settings = _settings()
    try:
        check_problem_id(problem_id)
    except ProblemIdError as exc:
        raise refuse(str(exc)) from None
    extra = [settings.data_dir / "problems"]
    for directory in problem_dirs(settings.knowledge_dir, extra):
        for suffix in (".yaml", ".yml"):
            if (directory / f"{problem_id}{suffix}").exists():
                raise refuse(
                    f"problem '{problem_id}' already exists: {directory / problem_id}{suffix}"
                )
    if out is None:
        target = settings.knowledge_dir / "problems" / f"{problem_id}.yaml"
    elif out.is_dir() or out.suffix not in (".yaml", ".yml"):  # a directory, maybe new
        target = out / f"{problem_id}.yaml"
    else:
        target = out
    if target.stem != problem_id:
        raise refuse(f"{target}: a problem file must be named {problem_id}.yaml (id = file name)")
    if target.exists():
        raise refuse(f"{target} already exists; nothing written")

    schema = settings.knowledge_dir / SCHEMA_FILE
    if not schema.is_file():
        schema = resources.knowledge_dir() / SCHEMA_FILE
    ref = os.path.relpath(schema.resolve(), target.parent.resolve())
    text = scaffold_problem(problem_id, schema_ref=ref)
    # Validate with the bank as it is before writing: a scaffold that clashes with it
    # (e.g. a criterion id) is never written.
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / f"{problem_id}.yaml").write_text(text, encoding="utf-8")
        try:
            load_bank(settings.knowledge_dir, [*extra, Path(tmp)])
        except KnowledgeError as exc:
            for issue in exc.issues:
                err.print(f"error {issue}", markup=False, highlight=False, soft_wrap=True)
            raise refuse(
                "the bank does not validate with the new problem; nothing written"
            ) from None
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as fh:  # "x": never overwrite a file made meanwhile
        fh.write(text)
    console.print(
        f"wrote {target}: replace every TODO, then `mlsd kb validate` and `mlsd kb index`",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


@kb_app.command("index")
def kb_index(force: bool = typer.Option(False, help="Rebuild even if nothing changed.")) -> None:
    """Build the retrieval index (only when the knowledge changed, unless --force)."""
    from app.knowledge.bank import load_bank
    from app.knowledge.retrieval import ensure_index

    settings = _settings()
    bank = load_bank(settings.knowledge_dir, [settings.data_dir / "problems"])
    t0 = time.perf_counter()
    with Progress(
        TextColumn("indexing"), BarColumn(), MofNCompleteColumn(), console=console
    ) as bar:
        task = bar.add_task("index", total=None)
        _, rebuilt = ensure_index(
            bank,
            settings,
            force=force,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    took = time.perf_counter() - t0
    state = "rebuilt" if rebuilt else "up to date"
    console.print(f"index {state} ({bank.content_hash}) in {took:.2f}s")


@kb_app.command("search")
def kb_search(
    query: str,
    stage: str = typer.Option(None, help="Filter by stage id."),
    problem: str = typer.Option(None, help="Include this problem's hidden facts."),
    kind: str = typer.Option(None, help="section or fact."),
    k: int = typer.Option(5, "--k", "-k", help="How many hits."),
) -> None:
    """Hybrid (dense + BM25) search over the knowledge base."""
    from app.knowledge.bank import load_bank
    from app.knowledge.retrieval import Retriever

    settings = _settings()
    retriever = Retriever(load_bank(settings.knowledge_dir), settings)
    hits = retriever.search(query, k=k, stage=stage, problem_id=problem, kind=kind)
    table = Table("#", "score", "dense", "bm25", "kind", "title", "text")
    for i, h in enumerate(hits, 1):
        table.add_row(
            str(i),
            f"{h.score:.4f}",
            f"{h.dense:.3f}" if h.dense is not None else "-",
            f"{h.lexical:.2f}" if h.lexical is not None else "-",
            h.kind,
            h.meta.get("title", ""),
            h.text[:90] + "…",
        )
    console.print(table)


# --- sessions ---------------------------------------------------------------------------


@sessions_app.command("purge")
def sessions_purge(
    older_than_days: int = typer.Option(
        None, "--older-than-days", help="Default: MLSD_RETENTION_DAYS."
    ),
) -> None:
    """Erase sessions untouched, and /v1/grade reports made, more than N days ago."""
    from app.main import purge_expired
    from app.store import db as store_db

    settings = _settings()
    days = older_than_days if older_than_days is not None else settings.retention_days
    if days <= 0:
        err.print("[red]give --older-than-days N (N > 0), or set MLSD_RETENTION_DAYS[/red]")
        raise typer.Exit(2)
    store_db.upgrade(settings)
    database = store_db.Database(settings)
    purged = purge_expired(database, days)
    database.dispose()
    console.print(f"erased {purged['sessions']} sessions and {purged['reports']} graded reports")


@sessions_app.command("list")
def sessions_list(
    limit: int = 20, candidate: str = typer.Option(None), tenant: str = "local"
) -> None:
    """List recent sessions."""
    from app.store import repo
    from app.store.db import Database

    database = Database(_settings())
    with database.read() as s:
        rows, total = repo.list_sessions(s, tenant, candidate_ref=candidate, limit=limit)
    table = Table("id", "problem", "level", "status", "stage", "messages", "created")
    for r in rows:
        table.add_row(
            r.id,
            r.problem_id,
            r.level,
            r.status,
            r.stage,
            str(r.message_count),
            r.created_at.strftime("%Y-%m-%d %H:%M"),
        )
    console.print(table)
    console.print(f"{len(rows)} of {total}")


@sessions_app.command("show")
def sessions_show(session_id: str, tenant: str = "local") -> None:
    """Print a session's transcript."""
    from app.exports.render import render_transcript
    from app.store import repo
    from app.store.db import Database

    settings = _settings()
    database = Database(settings)
    with database.read() as s:
        row = repo.get_session(s, tenant, session_id)
        if row is None:
            err.print(f"[red]no session {session_id}[/red]")
            raise typer.Exit(1)
        messages = repo.list_messages(s, tenant, session_id)
    console.print(Markdown(render_transcript("markdown", row, messages, None)))


# --- grading ----------------------------------------------------------------------------


@app.command()
def grade(
    file: Path = typer.Argument(..., exists=True, readable=True, help="JSON transcript file."),
    output: str = typer.Option("markdown", "--format", help="markdown or json."),
    tenant: str = typer.Option("local", help="Tenant that owns the stored report."),
) -> None:
    """Grade a transcript file: {"problem_id", "level", "transcript": [{"role", "content"}]}
    (the body of POST /v1/grade). The report is stored and printed."""
    from pydantic import ValidationError

    from app.api.reports import GradeRequest
    from app.exports.render import render_report
    from app.main import build_services

    try:
        body = GradeRequest.model_validate_json(file.read_text(encoding="utf-8"))
    except ValidationError as exc:
        err.print(f"[red]invalid transcript file[/red]: {exc}")
        raise typer.Exit(2) from None
    svc = build_services(_settings())
    if body.problem_id not in svc.bank.problems:
        err.print(f"[red]unknown problem_id {body.problem_id}[/red]")
        raise typer.Exit(2)
    report = asyncio.run(
        svc.grading.grade_transcript(
            tenant, body.problem_id, body.level, [t.model_dump() for t in body.transcript]
        )
    )
    if output == "json":
        _print_json(report.to_json())
    else:
        sys.stdout.write(render_report("markdown", report) + "\n")


# --- keys -------------------------------------------------------------------------------


@keys_app.command("create")
def keys_create(
    tenant: str = typer.Option(..., help="Tenant name (created if new)."),
    admin: bool = typer.Option(
        False, "--admin", help="Also allow managing this tenant's keys over the API."
    ),
) -> None:
    """Create an API key; it is printed once and only its hash is stored."""
    from app.auth.keys import hash_key, new_key
    from app.store import db as store_db
    from app.store import repo

    settings = _settings()
    store_db.upgrade(settings)
    database = store_db.Database(settings)
    key = new_key()
    with database.write() as s:
        t = repo.ensure_tenant(s, tenant, tenant)
        repo.add_api_key(s, t.id, key[:12], hash_key(key), admin=admin)
    console.print(f"tenant [bold]{tenant}[/bold]; key (shown once):")
    sys.stdout.write(key + "\n")
    if settings.auth_mode != "keys":
        err.print("[yellow]Keys are only checked with MLSD_AUTH_MODE=keys; set it.[/yellow]")


def _keys_db():
    from app.store import db as store_db

    settings = _settings()
    store_db.upgrade(settings)
    return store_db.Database(settings)


@keys_app.command("list")
def keys_list(
    tenant: str = typer.Option(None, help="Only this tenant's keys."),
    as_json: bool = typer.Option(False, "--json", help="JSON instead of a table."),
) -> None:
    """List API keys (never the keys themselves: id, prefix, scope, dates)."""
    from app.store import repo

    database = _keys_db()
    with database.read() as s:
        rows: list[dict[str, Any]] = [
            {
                "id": k.id,
                "tenant": k.tenant_id,
                "prefix": k.prefix,
                "admin": bool(k.admin),
                "created_at": k.created_at.isoformat(timespec="seconds"),
                "revoked_at": k.revoked_at.isoformat(timespec="seconds") if k.revoked_at else None,
            }
            for k in repo.list_api_keys(s, tenant)
        ]
    database.dispose()
    if as_json:
        _print_json(rows)
        return
    table = Table("tenant", "prefix", "scope", "created", "revoked")
    table.add_column("id", no_wrap=True)
    for r in rows:
        table.add_row(
            r["tenant"],
            r["prefix"] + "…",
            "admin" if r["admin"] else "api",
            r["created_at"][:10],
            (r["revoked_at"] or "")[:10],
            r["id"],
        )
    console.print(table)


@keys_app.command("revoke")
def keys_revoke(
    key_id: str = typer.Argument(..., help="The key's id (see `mlsd keys list`)."),
) -> None:
    """Revoke an API key: requests with it are refused (401) from now on, in every worker."""
    from app.store import repo

    database = _keys_db()
    with database.write() as s:
        key = repo.revoke_api_key(s, key_id)
        found = key is not None
        tenant = key.tenant_id if key else None
    database.dispose()
    if not found:
        err.print(f"[red]No key '{key_id}'.[/red]")
        raise typer.Exit(1)
    console.print(f"revoked {key_id} (tenant {tenant})")


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, indent=2, default=str) + "\n")


if __name__ == "__main__":
    app()
