"""The services a request handler may use (built by `app.main.build_services`). A module of
its own so that handlers can name the type without importing `app.main`, which imports them."""

from __future__ import annotations

from dataclasses import dataclass

from app.api.deps import KeyRing
from app.config import Settings
from app.grading.service import GradingService
from app.interview.service import InterviewService
from app.knowledge.bank import KnowledgeBank
from app.knowledge.matching import Matcher
from app.knowledge.retrieval import Retriever
from app.store.db import Database
from app.webhooks.service import WebhookService


@dataclass
class Services:
    """Everything a request handler may use; built once per process."""

    settings: Settings
    db: Database
    bank: KnowledgeBank
    retriever: Retriever
    matcher: Matcher
    interviews: InterviewService
    grading: GradingService
    keys: KeyRing
    webhooks: WebhookService
