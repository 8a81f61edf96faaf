# syntax=docker/dockerfile:1
# Slim image: the app, its knowledge and a prebuilt retrieval index; runs as a non-root user.
FROM python:3.11-slim AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    ANONYMIZED_TELEMETRY=False \
    MLSD_DATA_DIR=/data \
    MLSD_HOST=0.0.0.0 \
    MLSD_PORT=8000 \
    MLSD_AUTH_MODE=keys

WORKDIR /app
RUN useradd --create-home --uid 10001 mlsd && mkdir -p /data && chown mlsd /data

COPY pyproject.toml README.md ./
COPY app ./app
COPY prompts ./prompts
COPY knowledge ./knowledge
COPY migrations ./migrations
RUN pip install --no-compile . && rm -rf /root/.cache

USER mlsd
# Build the index at image build time, so a container starts without indexing.
RUN mlsd kb validate && mlsd kb index

EXPOSE 8000
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"

# Binding 0.0.0.0 requires API keys (mlsd keys create) unless --allow-open is given.
CMD ["mlsd", "serve", "--host", "0.0.0.0"]
