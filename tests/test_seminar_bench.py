"""The seminar bench survives a loaded hub: a refused connection is retried with backoff, a bounded number
of times, and reported; a student whose run still fails is reported, never fatal to the others.

No hub is started: a small HTTP server on the loopback interface answers as a loaded hub did in a
25-student run (the kernel websocket handshake returned 404).
"""

import http.server
import json
import sys
import threading

import pytest
import websocket
from _paths import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import seminar  # noqa: E402


def _bad_status(code):
    return websocket.WebSocketBadStatusException(f"Handshake status {code} Not Found", code)


def test_a_404_handshake_is_retried_with_backoff_and_recorded():
    calls, waits, retries = [], [], []

    def connect():
        calls.append(1)
        if len(calls) < 3:
            raise _bad_status(404)
        return "connected"

    assert seminar.with_retries("kernel websocket", connect, retries, sleep=waits.append) == "connected"
    assert len(calls) == 3
    assert waits == [1.0, 2.0], "waits double after each failure"
    assert len(retries) == 2 and all(r.startswith("kernel websocket: ") and "404" in r for r in retries)


def test_retries_are_bounded_and_the_last_failure_is_raised():
    calls, waits, retries = [], [], []

    def connect():
        calls.append(1)
        raise _bad_status(404)

    with pytest.raises(websocket.WebSocketBadStatusException, match="404"):
        seminar.with_retries("kernel websocket", connect, retries, attempts=4, sleep=waits.append)
    assert len(calls) == 4 and waits == [1.0, 2.0, 4.0] and len(retries) == 3


@pytest.mark.parametrize("error", [_bad_status(403), ValueError("not a connection problem"), KeyError("id")], ids=str)
def test_a_failure_that_is_not_transient_is_raised_at_once(error):
    calls, waits, retries = [], [], []

    def action():
        calls.append(1)
        raise error

    with pytest.raises(type(error)):
        seminar.with_retries("kernel start", action, retries, sleep=waits.append)
    assert len(calls) == 1 and waits == [] and retries == []


def test_transient_failures_are_the_loaded_hubs_answers():
    assert all(seminar.retryable(_bad_status(code)) for code in (404, 502, 503, 504))
    assert not seminar.retryable(_bad_status(401)) and not seminar.retryable(_bad_status(500))
    assert seminar.retryable(ConnectionRefusedError()) and seminar.retryable(TimeoutError())
    assert seminar.retryable(websocket.WebSocketConnectionClosedException("dropped"))
    with pytest.raises(ValueError, match="attempts must be 1 or more"):
        seminar.with_retries("x", lambda: None, [], attempts=0)


class _LoadedHub(http.server.BaseHTTPRequestHandler):
    """Starts a kernel at the second request (the first gets 503), and answers every websocket handshake 404."""

    requests: list[str] = []

    def log_message(self, *args):
        pass

    def _answer(self, code, body=b""):
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        _LoadedHub.requests.append(f"POST {self.path}")
        first = sum(r.startswith("POST") for r in _LoadedHub.requests) == 1
        self._answer(503) if first else self._answer(201, json.dumps({"id": "k1"}).encode())

    def do_GET(self):
        _LoadedHub.requests.append(f"GET {self.path.split('?')[0]} upgrade={self.headers.get('Upgrade')}")
        self._answer(404)


@pytest.fixture
def loaded_hub():
    _LoadedHub.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _LoadedHub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_student_whose_handshake_keeps_failing_gets_a_bounded_number_of_tries(loaded_hub):
    waits = []
    with pytest.raises(websocket.WebSocketBadStatusException) as failure:
        seminar.run_in_kernel(loaded_hub, "student03", "token", "print(1)", sleep=waits.append)
    assert failure.value.status_code == 404
    posts = [r for r in _LoadedHub.requests if r.startswith("POST")]
    handshakes = [r for r in _LoadedHub.requests if r.startswith("GET")]
    assert posts == ["POST /user/student03/api/kernels"] * 2, "the kernel start answered 503 once, then started"
    assert handshakes == ["GET /user/student03/api/kernels/k1/channels upgrade=websocket"] * 4
    assert waits == [1.0, 1.0, 2.0, 4.0], "one wait after the 503, then three growing waits after the 404s"


def test_retries_and_failed_students_are_reported_not_fatal():
    results = {
        "student01": {"run_s": 50.0, "latency_ms": [400.0], "retries": []},
        "student02": {"run_s": 52.0, "latency_ms": [420.0], "retries": ["kernel websocket: Handshake status 404"]},
    }
    retried, failed = seminar.connection_report(results, ["student03: Handshake status 404 Not Found"])
    assert retried == "1 (student02: 1× kernel websocket: Handshake status 404)"
    assert failed == "1 (student03: Handshake status 404 Not Found)"
    assert seminar.connection_report({"student01": results["student01"]}, []) == ("none", "none")
