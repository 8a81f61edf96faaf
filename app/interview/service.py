"""The turn loop: store the candidate's words first, decide, speak, store the reply.

Serialisation of turns on one session: an in-process asyncio lock (cheap, common case) plus a
lease on the session row (`turn_token`, taken under the row lock) so that several workers or
replicas sharing one database never interleave turns. The lease expires, so a process killed
mid-turn leaves a session that simply continues on the next message.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import time
import uuid
import weakref
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from anyio import to_thread

from app.config import Settings
from app.errors import Conflict, LimitExceeded, UnknownProblem
from app.interview.llm_voice import LLMVoice
from app.interview.policy import Move, Policy, observe
from app.interview.state import InterviewState
from app.interview.voice import TemplateVoice, Utterance, Voice, VoiceContext
from app.knowledge.bank import KnowledgeBank
from app.knowledge.matching import Matcher
from app.knowledge.retrieval import Retriever
from app.llm.client import ChatClient, turn_deadline
from app.observability import record_draft, record_turn
from app.store import repo
from app.store.db import Database
from app.store.models import InterviewSession, Message
from app.understanding.llm_reader import LLMReader
from app.understanding.offline import OfflineReader
from app.understanding.schema import Reading

log = logging.getLogger(__name__)

RECENT_TURNS = 6
# Kept back from a turn's deadline for the work after the model (template fallback, storing
# the reply: ~25 ms at p95, far more on a machine the local model keeps busy); at most a
# tenth of a short deadline.
TURN_FINISH_RESERVE_S = 1.0

# What a turn's first step returns once it holds the lease (see `_retry`).
_Started = TypeVar("_Started")


@dataclass
class TurnResult:
    message: Message
    reply: Message
    session: InterviewSession


@dataclass
class _Begun:
    """A turn's stored candidate message with the session and the recent messages, all
    loaded in the transaction that stored it (the lease makes them ours until the reply)."""

    message: Message
    session: InterviewSession
    recent: list[tuple[str, str]]  # (role, content) of the last RECENT_TURNS messages


@dataclass
class _Read:
    """A session loaded with the offline reading of the new message."""

    session: InterviewSession
    state: InterviewState
    reading: Reading
    recent: list[tuple[str, str]]


@dataclass
class _Prepared:
    session: InterviewSession
    message: Message
    state: InterviewState
    move: Move
    analysis: Reading
    recent: list[tuple[str, str]] = field(default_factory=list)


def move_meta(move: Move) -> dict[str, Any]:
    meta: dict[str, Any] = {"move": move.kind, "key": move.key}
    if move.facts:
        meta["facts"] = [f.id for f in move.facts]
    if move.criterion_id:
        meta["criterion"] = move.criterion_id
    if move.concept:
        meta["concept"] = move.concept
    if move.hint_tier:
        meta["hint_tier"] = move.hint_tier
    if move.snippet:
        meta["section"] = move.snippet.id
    return meta


def said_stage(read_stages: Sequence[str], was: str, now: str) -> str:
    """The stage a candidate message is about, for the transcript and the grader: `was` is the
    interview's stage when it arrived, `now` the stage after the reply, `read_stages` the
    stages the reading shows, first the one it is most about.

    A message that took the interview to a stage by being about it belongs there ("Framing:
    one probability per harm class" said while clarifying). So does one about another design
    stage than the interview's: in a chat the candidate often finishes a stage after the
    interviewer has moved on ("Baseline: logistic regression on n-grams" once serving was
    asked about), or says two at once. The interview's stage is kept when the reading shows it
    too, shows nothing, or shows only clarify (a question, asked in any stage)."""
    if was != now and list(read_stages[:1]) == [now]:
        return now
    if read_stages and read_stages[0] != "clarify" and was not in read_stages:
        return read_stages[0]
    return was


class Breaker:
    """Skip a model that keeps failing: after `threshold` failures in a row, the next `skip`
    calls go straight to the fallback (a weak model's reading costs seconds and is discarded
    anyway); then it is tried again."""

    def __init__(self, threshold: int = 3, skip: int = 20):
        self.threshold, self.skip = threshold, skip
        self.failures = 0
        self.skipping = 0

    def allows(self) -> bool:
        if self.skipping > 0:
            self.skipping -= 1
            return False
        return True

    def record(self, ok: bool) -> None:
        self.failures = 0 if ok else self.failures + 1
        if self.failures >= self.threshold:
            log.warning(
                "LLM reader failed %d times in a row; offline reading for %d turns",
                self.failures,
                self.skip,
            )
            self.failures, self.skipping = 0, self.skip


class InterviewService:
    """Session lifecycle and turns, over one knowledge bank, database and voice."""

    def __init__(
        self,
        settings: Settings,
        db: Database,
        bank: KnowledgeBank,
        retriever: Retriever,
        matcher: Matcher,
        chat: ChatClient | None = None,
        reader: OfflineReader | None = None,
    ):
        self.settings = settings
        self.db = db
        self.bank = bank
        self.retriever = retriever
        self.matcher = matcher
        self.reader = reader or OfflineReader(bank, matcher, retriever)
        self.template = TemplateVoice(settings.prompts_dir)
        self.voice: Voice = self.template
        self.llm_reader: LLMReader | None = None
        self._reader_breaker = Breaker()
        if chat is not None:
            self.voice = LLMVoice(chat, self.template, bank, settings.prompts_dir)
            if settings.llm_reader:
                self.llm_reader = LLMReader(chat, bank, settings.prompts_dir)
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()
        self._policies: dict[tuple[str, str], Policy] = {}

    # -- helpers ----------------------------------------------------------------------------

    def policy(self, problem_id: str, level: str) -> Policy:
        """The policy of one problem and level. Built once: it only indexes the bank (which
        does not change while the service runs), and building it took about a seventh of an
        offline turn."""
        key = (problem_id, level)
        policy = self._policies.get(key)
        if policy is None:
            policy = self._policies[key] = Policy(self.bank, self.retriever, problem_id, level)
        return policy

    def _lock(self, session_id: str) -> asyncio.Lock:
        lock = self._locks.get(session_id)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[session_id] = lock
        return lock

    def _context(self, prep: _Prepared, candidate_text: str = "") -> VoiceContext:
        return VoiceContext(
            problem=self.bank.problem(prep.session.problem_id),
            move=prep.move,
            session_id=prep.session.id,
            seed=prep.state.seed,
            minutes=prep.state.minutes,
            candidate_text=candidate_text,
            recent=prep.recent,
            notes=prep.state.notes[-8:],
            revealed=list(prep.state.facts_revealed),
        )

    # -- sessions ---------------------------------------------------------------------------

    def start(
        self, tenant_id: str, problem_id: str, level: str, candidate_ref: str | None = None
    ) -> tuple[InterviewSession, Message]:
        """Create a session and store the interviewer's opening message (one transaction)."""
        if problem_id not in self.bank.problems:
            raise UnknownProblem(f"unknown problem_id '{problem_id}'")
        now = time.time()
        state = InterviewState(minutes=self.settings.interview_minutes, seed=self.settings.seed)
        policy = self.policy(problem_id, level)
        move = policy.opening(state, now)
        state.asked.append(move.key)
        with self.db.write() as db:
            repo.ensure_tenant(db, tenant_id)
            row = repo.create_session(
                db,
                tenant_id=tenant_id,
                problem_id=problem_id,
                level=level,
                candidate_ref=candidate_ref,
                stage=state.stage,
                state={},
            )
            ctx = VoiceContext(
                problem=self.bank.problem(problem_id),
                move=move,
                session_id=row.id,
                seed=state.seed,
                minutes=state.minutes,
            )
            # The opening carries the problem statement verbatim: always the template.
            text = self.template.render(ctx)
            msg = repo.add_message(
                db,
                row,
                role="interviewer",
                content=text,
                stage=state.stage,
                move=move.kind,
                meta={**move_meta(move), "voice": self.template.name},
            )
            row.state = state.model_dump()
            repo.add_event(db, row, "session.started", {"problem_id": problem_id, "level": level})
        return row, msg

    # -- turns ------------------------------------------------------------------------------

    def _begin(self, tenant_id: str, session_id: str, content: str, token: str) -> _Begun | None:
        """Store the candidate message and take the lease; None when another turn holds it.
        The turn's recent messages are loaded in the same transaction (no second one to read
        what this one just wrote)."""
        with self.db.write() as db:
            row = repo.session_or_404(db, tenant_id, session_id, for_update=True)
            if row.status != "active":
                raise Conflict(f"session is {row.status}; it accepts no more messages")
            if row.message_count >= self.settings.max_messages_per_session:
                raise LimitExceeded(
                    f"session reached {self.settings.max_messages_per_session} messages"
                )
            if not repo.lease_is_free(row, repo.utcnow()):
                return None
            repo.take_lease(db, row, token, self.settings.turn_lease_s)
            message = repo.add_message(db, row, role="candidate", content=content, stage=row.stage)
            recent = repo.recent_turns(db, tenant_id, session_id, RECENT_TURNS)
        return _Begun(message, row, recent)

    def _read(self, begun: _Begun) -> _Read:
        """Read the message offline (CPU work, off the event loop)."""
        row = begun.session
        state = InterviewState.model_validate(row.state)
        reading = self.reader.read(
            begun.message.content,
            problem_id=row.problem_id,
            level=row.level,
            recent_inputs=state.last_inputs,
            open_question=state.open_question,
        )
        return _Read(row, state, reading, begun.recent)

    def _decide(self, read: _Read, reading: Reading, message: Message, *, draft: bool = False):
        """Pick the move for `reading`. A draft decides on a copy of the state, so the
        decision can be taken again on a better reading."""
        state = read.state.model_copy(deep=True) if draft else read.state
        observe(state, reading, message.seq)
        move = self.policy(read.session.problem_id, read.session.level).decide(
            state, reading, time.time()
        )
        return _Prepared(read.session, message, state, move, reading, list(read.recent))

    def _read_and_decide(self, begun: _Begun) -> _Prepared:
        """The offline reading and the move it implies, in one trip to a worker thread."""
        read = self._read(begun)
        return self._decide(read, read.reading, begun.message)

    def _offline_turn(
        self, tenant_id: str, session_id: str, content: str, token: str
    ) -> TurnResult | None:
        """A whole turn with the offline reader and the template voice, in one worker
        thread: the candidate message is committed first (its own transaction, as on every
        path), then the reply. None when another turn holds the lease."""
        begun = self._begin(tenant_id, session_id, content, token)
        if begun is None:
            return None
        try:
            prep = self._read_and_decide(begun)
            # What the template's token stream joins to (see _voice_events and _utterance).
            text = self.template.render(self._context(prep, content)).strip()
            return self._complete(prep, token, Utterance(text, {"voice": self.template.name}))
        except BaseException:
            self._release(tenant_id, session_id, token)
            raise

    def _reads_with_model(self) -> bool:
        return self.llm_reader is not None and self._reader_breaker.allows()

    async def _model_reading(self, read: _Read, message: Message) -> Reading:
        """The LLM reader's reading (same schema, verified; the offline one when it fails)."""
        assert self.llm_reader is not None
        reading = await self.llm_reader.read(
            message.content,
            problem_id=read.session.problem_id,
            level=read.session.level,
            stage=read.state.stage,
            open_question=read.state.open_question,
            base=read.reading,
        )
        self._reader_breaker.record(ok=reading.fallback is None)
        return reading

    async def _speak(self, begun: _Begun):
        """Decide and phrase one turn; returns the final preparation and the voice's events.

        With a model reader, the reply is drafted speculatively: the voice starts on the move
        the offline reading implies while the model reads the message. When the model's
        reading leads to the same voice context (the common case, and always when the reader
        falls back), the draft is the reply, so a turn costs one model latency instead of two;
        otherwise the draft is cancelled (its request closed upstream) and the voice speaks
        again on the model's move."""
        message, content = begun.message, begun.message.content
        if not self._reads_with_model():
            prep = await to_thread.run_sync(self._read_and_decide, begun)
            return prep, _voice_events(self.voice, self._context(prep, content), {})
        read = await to_thread.run_sync(self._read, begun)
        if not self.settings.llm_speculative_draft:
            reading = await self._model_reading(read, message)
            prep = await to_thread.run_sync(self._decide, read, reading, message)
            return prep, _voice_events(self.voice, self._context(prep, content), {})
        draft = await to_thread.run_sync(
            functools.partial(self._decide, read, read.reading, message, draft=True)
        )
        speculative = _Buffered(_voice_events(self.voice, self._context(draft, content), {}))
        try:
            reading = await self._model_reading(read, message)
            prep = await to_thread.run_sync(self._decide, read, reading, message)
        except BaseException:
            await speculative.cancel()
            raise
        if self._context(prep, content) == self._context(draft, content):
            record_draft("kept")
            return prep, speculative.events()
        record_draft("redrafted")
        await speculative.cancel()
        return prep, _voice_events(self.voice, self._context(prep, content), {})

    def _complete(self, prep: _Prepared, token: str, utterance: Utterance) -> TurnResult:
        with self.db.write() as db:
            row = repo.get_session(db, prep.session.tenant_id, prep.session.id, for_update=True)
            assert row is not None
            if row.turn_token != token:
                # Our lease expired and another turn ran: don't overwrite its state.
                raise Conflict("turn lease lost; please resend")
            state, move = prep.state, prep.move
            previous_stage = row.stage
            about = said_stage(prep.analysis.stages, previous_stage, state.stage)
            if about != prep.message.stage:
                # the transcript, the per-stage judge and the specificity read a message in
                # the stage it is about (see `said_stage`)
                said = db.get(Message, prep.message.id)
                if said is not None:
                    said.stage = prep.message.stage = about
            state.notes = [*state.notes, _note(prep)][-12:]
            reply = repo.add_message(
                db,
                row,
                role="interviewer",
                content=utterance.text,
                stage=state.stage,
                move=move.kind,
                meta={**move_meta(move), **utterance.meta},
            )
            row.state = state.model_dump()
            row.stage = state.stage
            row.version += 1
            if state.ended:
                row.status = "ended"
            repo.release_lease(db, row)
            events: list[tuple[str, dict[str, Any]]] = [
                ("move", {"seq": reply.seq, **move_meta(move)})
            ]
            if previous_stage != state.stage:
                events.append(("stage.changed", {"from": previous_stage, "to": state.stage}))
            if move.kind == "hint":
                events.append(("hint", state.hints[-1].model_dump()))
            if utterance.meta.get("fallback"):
                events.append(("llm.fallback", {"error": utterance.meta.get("error")}))
            if state.ended:
                events.append(("interview.ended", {"reason": state.end_reason}))
            repo.add_events(db, row, events)
            result = TurnResult(prep.message, reply, row)
        record_turn(utterance.meta, move.kind)
        return result

    def _renew(self, tenant_id: str, session_id: str, token: str) -> bool:
        """Extend our lease; False when it is no longer ours."""
        with self.db.write() as db:
            row = repo.get_session(db, tenant_id, session_id, for_update=True)
            if row is None or row.turn_token != token:
                return False
            repo.take_lease(db, row, token, self.settings.turn_lease_s)
            return True

    @asynccontextmanager
    async def _heartbeat(self, tenant_id: str, session_id: str, token: str):
        """Renew the turn's lease while the block runs, so only a dead holder loses it."""

        async def beat() -> None:
            while True:
                await asyncio.sleep(self.settings.turn_lease_s / 3)
                try:
                    if not await to_thread.run_sync(self._renew, tenant_id, session_id, token):
                        return
                except Exception:
                    log.warning("lease renewal failed for %s", session_id, exc_info=True)

        task = asyncio.create_task(beat())
        try:
            yield
        finally:
            task.cancel()

    def _release(self, tenant_id: str, session_id: str, token: str) -> None:
        with self.db.write() as db:
            row = repo.get_session(db, tenant_id, session_id, for_update=True)
            if row is not None and row.turn_token == token:
                repo.release_lease(db, row)

    async def _acquire(self, tenant_id: str, session_id: str, content: str, token: str) -> _Begun:
        return await self._retry(self._begin, tenant_id, session_id, content, token)

    async def _retry(
        self,
        begin: Callable[[str, str, str, str], _Started | None],
        tenant_id: str,
        session_id: str,
        content: str,
        token: str,
        *,
        renew: bool = False,
    ) -> _Started:
        """Run `begin` in a worker thread until it gets the lease (it returns None while
        another turn holds it); with `renew`, the lease it takes is renewed while it runs."""
        deadline = time.monotonic() + self.settings.turn_lease_s + 30
        delay = 0.02
        while True:
            if renew:
                async with self._heartbeat(tenant_id, session_id, token):
                    got = await to_thread.run_sync(begin, tenant_id, session_id, content, token)
            else:
                got = await to_thread.run_sync(begin, tenant_id, session_id, content, token)
            if got is not None:
                return got
            if time.monotonic() > deadline:
                raise Conflict("another turn is still running on this session")
            await asyncio.sleep(delay)
            delay = min(delay * 2, 0.5)

    def _llm_budget(self, started: float) -> float:
        """Seconds left for the turn's LLM calls (reader and voice share them). The turn's
        deadline runs from when it arrived, and a reserve is kept for what follows the model:
        the template fallback and storing the reply, so the whole turn ends in time."""
        total = self.settings.llm_turn_deadline_s
        reserve = min(TURN_FINISH_RESERVE_S, 0.1 * total)
        return max(0.0, total - reserve - (time.monotonic() - started))

    async def turn(self, tenant_id: str, session_id: str, content: str) -> TurnResult:
        """One full turn: returns the stored candidate message and the stored reply."""
        started = time.monotonic()
        async with self._lock(session_id):
            token = uuid.uuid4().hex
            if self.voice is self.template and self.llm_reader is None:
                # Offline: no model to wait for, so the whole turn takes one worker thread
                # trip (each trip costs a thread wake-up on a busy machine).
                return await self._retry(
                    self._offline_turn, tenant_id, session_id, content, token, renew=True
                )
            begun = await self._acquire(tenant_id, session_id, content, token)
            try:
                with turn_deadline(self._llm_budget(started)):
                    async with self._heartbeat(tenant_id, session_id, token):
                        prep, events = await self._speak(begun)
                        utterance = await _utterance(events)
                        return await to_thread.run_sync(self._complete, prep, token, utterance)
            except BaseException:
                await asyncio.shield(
                    to_thread.run_sync(self._release, tenant_id, session_id, token)
                )
                raise

    async def stream_turn(
        self, tenant_id: str, session_id: str, content: str
    ) -> tuple[Message, AsyncIterator[dict[str, Any]]]:
        """Like `turn`, but yields the reply as it is produced.

        The candidate message is stored before this returns. The reply is produced and stored
        by a background task, so a client that disconnects mid-stream loses nothing."""
        started = time.monotonic()
        lock = self._lock(session_id)
        await lock.acquire()
        token = uuid.uuid4().hex
        try:
            begun = await self._acquire(tenant_id, session_id, content, token)
        except BaseException:
            lock.release()
            raise
        queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()

        async def produce() -> None:
            try:
                # the lease is renewed while we work
                with turn_deadline(self._llm_budget(started)):
                    async with self._heartbeat(tenant_id, session_id, token):
                        prep, events = await self._speak(begun)
                        utterance = await _utterance(events, queue.put)
                        result = await to_thread.run_sync(self._complete, prep, token, utterance)
                await queue.put({"event": "done", "result": result})
            except BaseException as exc:
                log.exception("stream turn failed")
                await to_thread.run_sync(self._release, tenant_id, session_id, token)
                await queue.put({"event": "error", "error": str(exc)})
            finally:
                lock.release()
                await queue.put(None)

        task = asyncio.create_task(produce())

        async def events() -> AsyncIterator[dict[str, Any]]:
            _ = task  # keep a reference: the task must outlive a disconnecting client
            while True:
                item = await queue.get()
                if item is None:
                    return
                yield item

        return begun.message, events()


async def _voice_events(
    voice: Voice, ctx: VoiceContext, meta: dict[str, Any]
) -> AsyncGenerator[dict[str, Any], None]:
    """Token events from a voice; a voice signals a restart (fallback) with a reset event.
    The last event is `meta`: what the voice reports about the reply."""
    async for piece in voice.stream(ctx):
        if isinstance(piece, dict):  # control event from the LLM voice
            if piece.get("event") == "reset":
                yield {"event": "reset", "data": ""}
            meta.update(piece.get("meta", {}))
            continue
        yield {"event": "token", "data": piece}
    meta.setdefault("voice", voice.name)
    yield {"event": "meta", "meta": meta}


async def _utterance(
    events: AsyncIterator[dict[str, Any]],
    forward: Callable[[dict[str, Any]], Awaitable[None]] | None = None,
) -> Utterance:
    """Collect a voice's events into the reply, forwarding token and reset events."""
    parts: list[str] = []
    meta: dict[str, Any] = {}
    async for event in events:
        if event["event"] == "meta":
            meta = event["meta"]
            continue
        if event["event"] == "reset":
            parts.clear()
        else:
            parts.append(event["data"])
        if forward is not None:
            await forward(event)
    return Utterance("".join(parts).strip(), meta)


class _Buffered:
    """Runs a voice's event stream in the background, keeping its events until they are
    wanted (a speculative draft) or the draft is dropped."""

    def __init__(self, events: AsyncGenerator[dict[str, Any], None]):
        self._queue: asyncio.Queue[dict[str, Any] | BaseException | None] = asyncio.Queue()
        self._task = asyncio.create_task(self._pump(events))

    async def _pump(self, events: AsyncGenerator[dict[str, Any], None]) -> None:
        try:
            async with contextlib.aclosing(events) as stream:
                async for event in stream:
                    await self._queue.put(event)
        except Exception as exc:  # handed to the reader of the events
            await self._queue.put(exc)
            return
        await self._queue.put(None)

    async def events(self) -> AsyncIterator[dict[str, Any]]:
        try:
            while True:
                item = await self._queue.get()
                if item is None:
                    return
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            if not self._task.done():
                await self.cancel()

    async def cancel(self) -> None:
        """Drop the draft: its model request is closed upstream."""
        self._task.cancel()
        await asyncio.gather(self._task, return_exceptions=True)


def _note(prep: _Prepared) -> str:
    """One line of rolling summary per turn, for the LLM voice's short memory."""
    a = prep.analysis
    bits = [f"[{prep.move.stage}]"]
    if a.mentions:
        bits.append("named " + ", ".join(h.alias for h in a.mentions[:4]))
    if a.evidence:
        bits.append(f"showed {len(a.evidence)} rubric points")
    if a.questions:
        bits.append(f"asked {len(a.questions)} question(s)")
    bits.append(f"-> {prep.move.kind}")
    return " ".join(bits)
