"""The problem bank, public part only: statements, never facts or rubric."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from app.api.schemas import ProblemOut, ProblemSummary
from app.auth.dependencies import caller
from app.errors import NotFound
from app.knowledge.schema import STAGES
from app.services import ServicesDep

router = APIRouter(prefix="/v1/problems", tags=["problems"], dependencies=[Depends(caller)])


@router.get("", response_model=list[ProblemSummary], summary="List problems")
async def list_problems(svc: ServicesDep) -> list[ProblemSummary]:
    return [
        ProblemSummary(id=p.id, title=p.title, difficulty=p.difficulty, tags=p.tags)
        for p in svc.bank.problems.values()
    ]


@router.get(
    "/{problem_id}",
    response_model=ProblemOut,
    summary="One problem's public statement",
    responses={404: {"description": "No such problem"}},
)
async def get_problem(problem_id: str, svc: ServicesDep) -> ProblemOut:
    p = svc.bank.problems.get(problem_id)
    if p is None:
        raise NotFound(f"no problem '{problem_id}'")
    return ProblemOut(
        id=p.id,
        title=p.title,
        difficulty=p.difficulty,
        tags=p.tags,
        statement=p.statement.strip(),
        stages=list(STAGES),
    )
