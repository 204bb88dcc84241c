#!/usr/bin/env python3
"""Checks recorded HTTP exchanges against the OpenAPI document.

Usage: validate_responses.py OPENAPI_YAML EXCHANGES_JSON

EXCHANGES_JSON is what ContractConformanceTests writes:

    {"registered": ["GET /v1/tasks", ...],
     "exchanges": [{"case": "...", "method": "GET", "path": "/v1/tasks/{id}",
                    "uri": "/v1/tasks/CMP-1", "request_content_type": "application/x-ndjson",
                    "request_body": "...", "status": 200,
                    "headers": {"content-type": "application/x-ndjson", ...},
                    "body": "...", "complete": true}]}

For every exchange it checks, against the document:
  - the operation (method and path template) exists;
  - the status is documented for it (exactly, as `4XX`, or `default`);
  - the content type is one the response declares (parameters such as charset aside), and
    a response without content has no body;
  - the body: for `application/x-ndjson` every line, `\\n`-terminated, is one JSON value valid
    against the media type's schema (which describes one line); for `application/json` the
    whole body; for `text/*` the text as a string;
  - documented response headers that are present have valid values; required ones are present;
  - for a 2xx answer, the request the server accepted: its query parameters are documented and
    its body is valid against the request body's schema (line by line for NDJSON, but for the
    lines the answer refuses by number).
Then it checks that the routes the server registers and the operations the document lists are
the same set, and that an exchange shows each route succeeding (2xx).

Exit status: 0 all agree, 1 mismatches (each printed on its own line), 2 cannot run.
"""

import json
import sys
from urllib.parse import parse_qsl, urlsplit

try:
    import yaml
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match
except ImportError as missing:  # pragma: no cover - depends on the machine
    print(
        f"the contract check needs Python 3 with jsonschema and PyYAML ({missing}): run "
        "`bash deploy/setup.sh` as root, or `apt-get install python3-jsonschema python3-yaml`, "
        "or `python3 -m pip install jsonschema pyyaml`",
        file=sys.stderr,
    )
    sys.exit(2)

METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
DIALECT = "https://json-schema.org/draft/2020-12/schema"
NDJSON = "application/x-ndjson"
MESSAGE_LIMIT = 400


class Document:
    """The OpenAPI document: operations by (METHOD, path template), `$ref`s resolved on demand."""

    def __init__(self, data):
        self.data = data
        self.components = data.get("components", {})
        self.operations = {}
        for path, item in (data.get("paths") or {}).items():
            shared = item.get("parameters", [])
            for method in METHODS:
                if method in item:
                    operation = item[method]
                    parameters = [self.resolve(p) for p in shared + operation.get("parameters", [])]
                    self.operations[(method.upper(), path)] = (operation, parameters)
        self._validators = {}

    def resolve(self, value):
        """Follows `$ref` (a local JSON pointer) until the value is not a reference object."""
        seen = set()
        while isinstance(value, dict) and "$ref" in value and len(value) == 1:
            reference = value["$ref"]
            if reference in seen or not reference.startswith("#/"):
                raise ValueError(f"cannot resolve {reference}")
            seen.add(reference)
            value = self.data
            for key in reference[2:].split("/"):
                value = value[key.replace("~1", "/").replace("~0", "~")]
        return value

    def validator(self, schema):
        """A JSON Schema 2020-12 validator for `schema`, whose `#/components/…` refs resolve here."""
        key = id(schema)
        if key not in self._validators:
            root = dict(schema)
            root["$schema"] = DIALECT
            root["components"] = self.components
            self._validators[key] = (schema, Draft202012Validator(root))
        return self._validators[key][1]


def describe(error, depth=0):
    """One error, with the JSON path it concerns and, for oneOf/anyOf, why each branch failed."""
    where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    if error.validator in ("oneOf", "anyOf") and error.context and depth < 2:
        branches = {}
        for sub in error.context:
            branches.setdefault(sub.schema_path[0], []).append(sub)
        reasons = "; ".join(
            f"#{index}: {describe(best_match(subs), depth + 1)}" for index, subs in sorted(branches.items())
        )
        message = f"matches none of the {error.validator} alternatives ({reasons})"
    else:
        message = error.message
        if len(message) > MESSAGE_LIMIT:
            message = message[:MESSAGE_LIMIT] + "…"
    return f"at {where}: {message}"


def schema_errors(document, schema, instance):
    """Every independent problem of `instance`, best first (at most 5)."""
    errors = sorted(document.validator(schema).iter_errors(instance), key=lambda e: list(e.absolute_path))
    return [describe(error) for error in errors[:5]]


def media_type_of(value):
    return (value or "").split(";")[0].strip().lower()


def documented_media(content, media_type):
    """The documented media type key matching `media_type` (exact, `type/*`, `*/*`), or None."""
    if media_type in content:
        return media_type
    wildcard = media_type.split("/")[0] + "/*"
    if wildcard in content:
        return wildcard
    return "*/*" if "*/*" in content else None


def check_body(document, schema, media_type, body, problem, skip_lines=frozenset(), terminated=True):
    """Checks a body against the schema of its media type; reports through `problem(text)`.

    For NDJSON, each line is checked on its own, but for the line numbers in `skip_lines`;
    `terminated` requires the body to end with a newline (responses always do; the server also
    takes a request whose last line has none)."""
    if schema is None:
        return
    if media_type == NDJSON or media_type.endswith("+ndjson") or media_type in ("application/jsonl",):
        if terminated and body and not body.endswith("\n"):
            problem("the NDJSON body does not end with a newline")
        lines = body.split("\n") if body else []
        if lines and lines[-1] == "":
            lines.pop()
        for number, text in enumerate(lines, start=1):
            if number in skip_lines or (not terminated and not text.strip()):
                continue
            check_json(document, schema, text, f"line {number}", problem)
    elif media_type == "application/json" or media_type.endswith("+json"):
        check_json(document, schema, body, "the body", problem)
    elif media_type.startswith("text/") or media_type.endswith("yaml"):
        for message in schema_errors(document, schema, body):
            problem(f"the body {message}")


def check_json(document, schema, text, where, problem):
    """Checks that `text` is one JSON value valid against `schema`; `where` names it (`line 3`)."""
    try:
        value = json.loads(text)
    except ValueError as error:
        problem(f"{where} is not JSON ({error}): {text[:200]!r}")
        return
    for message in schema_errors(document, schema, value):
        problem(f"{where} {message}")


def header_value(schema, text):
    """A header's text as the JSON value its schema describes (integers for integer schemas)."""
    if isinstance(schema, dict) and schema.get("type") in ("integer", "number"):
        try:
            return int(text) if schema["type"] == "integer" else float(text)
        except ValueError:
            return text
    return text


def check_exchange(document, exchange, problem):
    key = (exchange["method"], exchange["path"])
    if key not in document.operations:
        problem("the document has no such operation")
        return
    operation, parameters = document.operations[key]
    status = exchange["status"]
    responses = operation.get("responses", {})
    response = responses.get(str(status)) or responses.get(f"{status // 100}XX") or responses.get("default")
    if response is None:
        problem(f"status {status} is not documented (documented: {', '.join(sorted(map(str, responses)))})")
        return
    response = document.resolve(response)
    headers = {name.lower(): value for name, value in exchange["headers"].items()}
    body = exchange["body"]

    content = response.get("content") or {}
    media_type = media_type_of(headers.get("content-type"))
    if not content:
        if body:
            problem(f"the document declares no content for {status}, but the body is {body[:200]!r}")
    else:
        documented = documented_media(content, media_type)
        if documented is None:
            problem(
                f"content type {headers.get('content-type')!r} is not documented for {status} "
                f"(documented: {', '.join(content)})"
            )
        else:
            schema = content[documented].get("schema")
            check_body(document, schema, media_type, body, problem)

    for name, header in (response.get("headers") or {}).items():
        header = document.resolve(header)
        value = headers.get(name.lower())
        if value is None:
            if header.get("required"):
                problem(f"the required header {name} is missing")
            continue
        schema = header.get("schema")
        if schema is not None:
            for message in schema_errors(document, schema, header_value(schema, value)):
                problem(f"header {name} {message}")

    if 200 <= status < 300:
        check_accepted_request(document, operation, parameters, exchange, problem)


def check_accepted_request(document, operation, parameters, exchange, problem):
    """What the server accepted must be something the document allows."""
    query = [name for name, _ in parse_qsl(urlsplit(exchange["uri"]).query, keep_blank_values=True)]
    known = {p["name"] for p in parameters if p.get("in") == "query"}
    # A parameter family such as `field.<name>` is documented once, with `x-opsline-prefix`.
    prefixes = [p["x-opsline-prefix"] for p in parameters if p.get("in") == "query" and "x-opsline-prefix" in p]
    for name in query:
        if name not in known and not any(name.startswith(prefix) for prefix in prefixes):
            problem(f"the server accepted the query parameter {name!r}, which the document does not list")
    body = exchange.get("request_body")
    if not body:
        return
    request_body = document.resolve(operation.get("requestBody")) if operation.get("requestBody") else None
    if request_body is None:
        problem("the server accepted a request body, but the operation documents none")
        return
    content = request_body.get("content") or {}
    media_type = media_type_of(exchange.get("request_content_type"))
    documented = documented_media(content, media_type)
    if documented is None:
        problem(
            f"the server accepted a {media_type!r} request body, not documented (documented: {', '.join(content)})"
        )
        return
    schema = content[documented].get("schema")
    refused = refused_lines(exchange["body"])
    check_body(
        document, schema, media_type, body, lambda text: problem(f"request {text}"), refused, terminated=False
    )


def refused_lines(answer):
    """The request lines an answer refuses: those named by an error line (`{"error":{"line":N}}`)
    or a result line with an error status (`{"line":N,"status":4xx}`)."""
    refused = set()
    for text in answer.split("\n"):
        try:
            line = json.loads(text)
        except ValueError:
            continue
        if not isinstance(line, dict):
            continue
        error = line.get("error")
        if isinstance(error, dict) and isinstance(error.get("line"), int):
            refused.add(error["line"])
        if isinstance(line.get("line"), int) and isinstance(line.get("status"), int) and line["status"] >= 400:
            refused.add(line["line"])
    return frozenset(refused)


def check_routes(document, registered, exchanges, problem):
    documented = {f"{method} {path}" for method, path in document.operations}
    registered = set(registered)
    exercised = {f"{e['method']} {e['path']}" for e in exchanges}
    succeeded = {f"{e['method']} {e['path']}" for e in exchanges if 200 <= e["status"] < 300}
    if not registered:
        problem("the server registered no route")
    for route in sorted(registered - documented):
        problem(f"{route}: the server registers it, but the document does not list it")
    for route in sorted(documented - registered):
        problem(f"{route}: the document lists it, but the server does not register it")
    for route in sorted(registered - succeeded):
        problem(f"{route}: no exchange shows it succeeding; add one to the conformance test")
    for route in sorted(exercised - registered):
        problem(f"{route}: an exchange names it, but the server does not register it")


def main(arguments):
    if len(arguments) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(arguments[1], encoding="utf-8") as file:
        document = Document(yaml.safe_load(file))
    with open(arguments[2], encoding="utf-8") as file:
        recorded = json.load(file)
    exchanges = recorded["exchanges"]
    problems = []

    check_routes(document, recorded["registered"], exchanges, problems.append)
    for exchange in exchanges:
        label = f"{exchange['method']} {exchange['path']} → {exchange['status']} ({exchange['case']}; {exchange['uri']})"
        check_exchange(document, exchange, lambda text, label=label: problems.append(f"{label}: {text}"))

    statuses = {(e["method"], e["path"], e["status"]) for e in exchanges}
    summary = (
        f"{len(exchanges)} exchanges, {len(statuses)} route/status pairs over "
        f"{len({(e['method'], e['path']) for e in exchanges})} routes"
    )
    if problems:
        print(f"{len(problems)} mismatch(es) between the server and {arguments[1]} ({summary}):")
        for text in problems:
            print(f"- {text}")
        return 1
    print(f"the server agrees with {arguments[1]}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
