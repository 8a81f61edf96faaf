# syntax=docker/dockerfile:1
# The same steps as tests/test_wheel_install.py: build the wheel, install it (nothing else of
# the sources reaches the image), `mlsd db upgrade` and `mlsd kb index` at build time, then
# `mlsd serve`. Slim image with a prebuilt retrieval index; runs as a non-root user.
# Every install is hash-locked (requirements/*.lock); the image gets the runtime lock only.
# The base is pinned by digest (python:3.11-slim, as published in public Dockerfiles that pin
# it; no image registry is reachable from where this was written, so refresh it with
# `docker buildx imagetools inspect python:3.11-slim` when you update it).
ARG BASE=python:3.11-slim@sha256:9c900dea9e8fb7e16277c179b555cc72d29a352dbc33cff48ad5a0412fd5bfc7
FROM ${BASE} AS wheel

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
# The build runs without isolation, as in the test, with the locked pip and setuptools.
COPY requirements/bootstrap.lock ./requirements/
RUN pip install --require-hashes -r requirements/bootstrap.lock
COPY pyproject.toml setup.py MANIFEST.in README.md ./
COPY app ./app
COPY knowledge ./knowledge
COPY prompts ./prompts
COPY migrations ./migrations
RUN pip wheel . --no-deps --no-build-isolation -w /dist

FROM ${BASE} AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    ANONYMIZED_TELEMETRY=False \
    MLSD_DATA_DIR=/data \
    MLSD_HOST=0.0.0.0 \
    MLSD_PORT=8000 \
    MLSD_AUTH_MODE=keys

RUN useradd --create-home --uid 10001 mlsd && mkdir -p /data && chown mlsd /data
COPY requirements/bootstrap.lock requirements/runtime.lock /tmp/req/
RUN pip install --require-hashes -r /tmp/req/bootstrap.lock \
    && pip install --require-hashes -r /tmp/req/runtime.lock && rm -rf /tmp/req /root/.cache
COPY --from=wheel /dist /dist
RUN pip install --no-deps --no-compile /dist/mlsd_interviewer-*.whl && rm -rf /dist /root/.cache

USER mlsd
# An empty working directory: the app reads its files from the installed package and
# writes only to MLSD_DATA_DIR.
WORKDIR /home/mlsd
# Migrate and build the index at image build time, so a container starts without either.
RUN mlsd db upgrade && mlsd kb validate && mlsd kb index

EXPOSE 8000
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"

# Binding 0.0.0.0 requires API keys (mlsd keys create) unless --allow-open is given.
CMD ["mlsd", "serve", "--host", "0.0.0.0"]
