# syntax=docker/dockerfile:1
# Production image: slim Python, pinned dependencies, static files collected at build time,
# gunicorn as a non-root user, health checked through /healthz.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=federation_site.settings.production \
    PORT=8000

# Pillow and psycopg2-binary wheels carry their own libraries: no apt packages needed.
RUN useradd --create-home --uid 1000 --user-group --shell /usr/sbin/nologin federation

WORKDIR /app

# Dependencies first, from the pinned project metadata, so code changes reuse this layer.
COPY pyproject.toml ./
RUN pip install . && rm -rf build

COPY --chown=1000:1000 . .

# collectstatic needs settings but no database, Redis or real secret (a throwaway one; no page
# cache, so no REDIS_URL).
RUN SECRET_KEY="collectstatic-$(python -c 'import secrets; print(secrets.token_urlsafe(48))')" \
    ALLOWED_HOSTS=build DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    PAGE_CACHE_ENABLED=false FRAGMENT_CACHE_ENABLED=false \
    python manage.py collectstatic --no-input -v0 \
    && mkdir -p /app/media && chown 1000:1000 /app/media

USER 1000:1000

EXPOSE 8000

# Web containers: /healthz answers 200. The scheduler container (CONTAINER_ROLE=scheduler,
# command `python manage.py run_scheduler`) is healthy while its heartbeat is fresh.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-m", "federation_site.healthcheck"]

# Migrations and `setup_site` run as a release step (README, "Deploying").
CMD ["gunicorn", "federation_site.wsgi:application", "--config", "gunicorn.conf.py"]
