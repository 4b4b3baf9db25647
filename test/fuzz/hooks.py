"""Schemathesis hooks: the input rules of Rapport's API that JSON Schema cannot state.

Each hook changes a generated value only when the value already satisfies the document, so the
negative phase (values that break the document) still reaches the server unchanged.
"""

import base64
import json
import re
import uuid
from datetime import datetime, timezone

import schemathesis

# The document's patterns (read-query.request.ts, period.request.ts, openapi.ts).
CURSOR = re.compile(r"^[A-Za-z0-9_-]{1,512}$")
BUSINESS_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# The highest `position` a command has answered so far in this run.
answered = {"position": 0}


def instant(value):
    """The instant an ISO 8601 text with a zone names (migrations' from/to, knownAt), else None."""
    if not isinstance(value, str) or DAY.match(value):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("z", "Z").replace("t", "T").replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def later(first, second):
    return first is not None and second is not None and first > second


def issued_cursor(text):
    """A cursor is opaque: only the `next` of a previous page is valid. Text matching the pattern is
    turned into a cursor of the server's own shape (a sort value, here none, and a document id) carrying the text."""
    return base64.urlsafe_b64encode(json.dumps([None, text]).encode()).decode().rstrip("=")


def as_answered_position(value):
    """minPosition must be a position a command answered with (one the store has not reached is 400):
    a schema-valid value becomes the highest position answered so far, as a client reading its own
    writes sends it (so a resource created a moment ago is found on every read model)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value >= 0:
        return answered["position"]
    if isinstance(value, str) and value.isdigit():
        return str(answered["position"])
    return value


@schemathesis.hook
def before_call(context, case, **kwargs):
    query = case.query or {}
    cursor = query.get("cursor")
    if isinstance(cursor, str) and CURSOR.match(cursor):
        query["cursor"] = issued_cursor(cursor)
    if "minPosition" in query:
        query["minPosition"] = as_answered_position(query["minPosition"])
    # A period's `to` must not be before its `from`.
    start, end = query.get("from"), query.get("to")
    if isinstance(start, str) and isinstance(end, str) and DAY.match(start) and DAY.match(end) and end < start:
        query["from"], query["to"] = end, start
    if isinstance(start, str) and isinstance(end, str) and later(instant(start), instant(end)):
        query["from"], query["to"] = end, start
    body = case.body if isinstance(case.body, dict) else {}
    start, end = body.get("from"), body.get("to")
    if isinstance(start, str) and isinstance(end, str) and DAY.match(start) and DAY.match(end) and end < start:
        body["from"], body["to"] = end, start
    # A clustering run's k range: kMax not below kMin.
    k_min, k_max = body.get("kMin"), body.get("kMax")
    if isinstance(k_min, int) and isinstance(k_max, int) and k_max < k_min:
        body["kMin"], body["kMax"] = k_max, k_min
    # knownAt counts the events recorded by then: an instant still to come is refused.
    for fields in (query, body):
        if later(instant(fields.get("knownAt")), datetime.now(timezone.utc)):
            fields["knownAt"] = "2026-01-01T00:00:00Z"
    # KPIs broken down by a key (`by=`) are answered in JSON as known now (README): not with format=csv or knownAt.
    if "by" in query and (query.get("format") == "csv" or "knownAt" in query):
        del query["by"]
    # A business time must lie in a window only the server knows: not before the customer's acquisition
    # (its history) and not beyond RAPPORT_MAX_CLOCK_SKEW_MS ahead of its clock. A schema-valid
    # occurredAt becomes the current instant, which is in that window for every customer acquired earlier.
    if instant(body.get("occurredAt")) is not None:
        body["occurredAt"] = datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    headers = case.headers or {}
    key = headers.get("Idempotency-Key")
    # A key names one request: reusing it for another request is refused (422) by design.
    if isinstance(key, str) and BUSINESS_ID.match(key):
        headers["Idempotency-Key"] = str(uuid.uuid4())


@schemathesis.hook
def after_call(context, case, response):
    """Remembers the highest position a command answered (its X-Event-Position header, any spelling)."""
    for name, value in response.headers.items():
        if name.lower() != "x-event-position":
            continue
        value = value[0] if isinstance(value, list) and value else value
        if isinstance(value, str) and value.isdigit():
            answered["position"] = max(answered["position"], int(value))
