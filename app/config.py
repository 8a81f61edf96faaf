"""Settings: every knob is an environment variable (prefix `MLSD_`) with a safe offline default.

A few well-known names are read without the prefix because users already have them set:
`DATABASE_URL`, `OPENAI_API_KEY`, `OPENAI_BASE_URL`, `CHROMA_HOST`, `CHROMA_PORT`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from app import resources


class Settings(BaseSettings):
    """Runtime configuration; see the README's configuration table."""

    model_config = SettingsConfigDict(
        env_prefix="MLSD_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    host: str = "127.0.0.1"
    port: int = 8000
    data_dir: Path = Path("./data")
    # Read-only files shipped with the app (app/resources.py finds them, wheel or checkout).
    knowledge_dir: Path = Field(default_factory=resources.knowledge_dir)
    prompts_dir: Path = Field(default_factory=resources.prompts_dir)

    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "MLSD_DATABASE_URL")
    )
    migrate_on_start: bool = True
    db_pool_size: int = 10
    db_max_overflow: int = 20
    # Retention: sessions untouched and /v1/grade reports older than this many days are erased
    # (`mlsd sessions purge`, and once at every start); 0 keeps everything.
    retention_days: int = 0
    # Share links of reviews expire after this many days unless the sharer picks otherwise
    # (1, 7, 30 days or never on the review page); 0 makes "never" the default.
    share_link_days: int = Field(default=30, ge=0, le=3650)
    # Bounded waits on the database: a refused, black-holed or overloaded server gives a 503
    # within seconds instead of a hang (PostgreSQL: connect, statement, socket and pool).
    db_connect_timeout_s: int = 5
    db_statement_timeout_ms: int = 15_000
    db_pool_timeout_s: float = 5.0

    # Interviewer / judge
    llm: Literal["auto", "offline", "openai"] = "auto"
    openai_api_key: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "MLSD_OPENAI_API_KEY")
    )
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "MLSD_OPENAI_BASE_URL")
    )
    llm_model: str = "gpt-4o-mini"
    llm_temperature: float = 0.4
    llm_timeout_s: float = 30.0
    llm_max_retries: int = 2
    # With a model configured, the LLM reader reads each message too (same schema, quotes
    # verified, offline reading on any failure); it shares the turn's deadline with the voice.
    llm_reader: bool = True
    # The voice drafts the reply on the offline reading while the model reads, kept when the
    # model's reading leads to the same move. Off for a server that runs one request at a
    # time (a draft would only queue behind the reading, and a redraft costs a third call).
    llm_speculative_draft: bool = True
    llm_turn_deadline_s: float = 20.0  # one deadline per turn (or per grading stage)
    # Structured output: json_schema, or JSON mode with a schema (llama.cpp); auto downgrades.
    llm_structured: Literal["auto", "json_schema", "json_object"] = "auto"
    llm_max_connections: int = 512
    embeddings: Literal["wordllama", "openai"] = "wordllama"
    openai_embedding_model: str = "text-embedding-3-small"

    # Interview shape
    interview_minutes: int = 45
    seed: int = 7

    # Chroma: embedded under data_dir unless a server is named.
    chroma_host: str | None = Field(
        default=None, validation_alias=AliasChoices("CHROMA_HOST", "MLSD_CHROMA_HOST")
    )
    chroma_port: int = Field(
        default=8001, validation_alias=AliasChoices("CHROMA_PORT", "MLSD_CHROMA_PORT")
    )

    # Limits
    max_message_chars: int = 8000
    max_messages_per_session: int = 400
    max_body_bytes: int = 256_000
    rate_limit_per_minute: int = 600  # per API key (or the local tenant); 0 disables
    # A turn's hold on its session, renewed every third of it while the turn runs: a process
    # that dies mid-turn frees its session within this many seconds.
    turn_lease_s: float = 10.0
    idempotency_ttl_hours: float = 24.0  # Idempotency-Key records expire, then are purged
    # Redis shares the rate limit across workers and replicas (memory, per process, if unset).
    redis_url: str | None = None
    redis_prefix: str = "mlsd"  # namespace of this deployment's keys in Redis
    # Webhook targets on loopback, private or link-local addresses (on-prem only: SSRF).
    webhooks_allow_private: bool = False
    # At most this many webhooks per tenant: one event is one delivery per webhook.
    webhooks_per_tenant: int = Field(default=10, ge=1, le=1000)
    cors_origins: list[str] = Field(default_factory=list)  # CORS stays off unless set
    log_json: bool = True

    # Security. `local`: no keys, one local tenant, loopback Host names only. `keys`: every
    # request needs a bearer key; with no key created every request is refused. Chosen here,
    # at start, never by what the keys table holds.
    auth_mode: Literal["local", "keys"] = "local"
    # Host header allowlist: always enforced in local mode (DNS rebinding); in keys mode only
    # when set. JSON list; "*" allows any host.
    allowed_hosts: list[str] | None = None
    auth_fail_limit: int = 10  # failed authentications per client address per window; 0 off
    auth_fail_window_s: float = 60.0
    # Launch links into the web UI: how long a link may wait to be opened (it opens once), and
    # how long the browser session it starts lasts (a signed cookie for one session and role).
    launch_link_ttl_s: int = Field(default=300, ge=10, le=86_400)
    launch_cookie_hours: float = Field(default=4.0, gt=0, le=168)
    # Key of the signed cookies. Unset: a random one generated once in the data dir (0600);
    # replicas that do not share a data dir must share this value.
    secret_key: SecretStr | None = Field(default=None, min_length=32)

    @property
    def host_allowlist(self) -> list[str] | None:
        """Allowed Host names, or None for any."""
        if self.allowed_hosts is not None:
            return self.allowed_hosts
        if self.auth_mode == "local":
            from app.security import LOOPBACK_HOSTS

            return list(LOOPBACK_HOSTS)
        return None

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "mlsd.sqlite3"

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def db_url(self) -> str:
        """The SQLAlchemy URL: `DATABASE_URL` if set, else a SQLite file in the data dir."""
        if self.database_url:
            url = self.database_url
            # Users paste libpq-style URLs; we ship psycopg 3, not psycopg2.
            if url.startswith("postgres://"):
                url = "postgresql://" + url[len("postgres://") :]
            if url.startswith("postgresql://"):
                url = "postgresql+psycopg://" + url[len("postgresql://") :]
            return url
        return f"sqlite:///{self.sqlite_path}"

    @property
    def llm_enabled(self) -> bool:
        """True when an OpenAI-compatible model phrases replies and judges answers."""
        if self.llm == "offline":
            return False
        if self.llm == "openai":
            return True
        return bool(self.openai_api_key)


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (cached; tests build their own `Settings`)."""
    return Settings()
