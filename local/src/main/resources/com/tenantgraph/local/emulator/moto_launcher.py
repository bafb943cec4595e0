"""moto's DynamoDB for the local stack, with the two transaction guarantees that moto_server lacks.

Started by MotoServer.java as `python3 moto_launcher.py --port PORT`; listens on 127.0.0.1 only.

1. Isolation. moto_server serves requests on threads and its TransactWriteItems deep-copies the table, writes, and
   restores the copy when the transaction is cancelled, so two concurrent transactions can erase each other's writes
   (and concurrent creates fail with transient 500s). Here every request runs through moto one at a time: sockets
   are still served on threads (a slow or silent client holds no one up, connections are kept alive), but the body is
   read first and moto's work is done under one lock. moto is bound by Python's GIL anyway, so nothing is lost.
2. ClientRequestToken. moto ignores it; DynamoDB makes a TransactWriteItems that committed with a token idempotent for
   10 minutes: a retry with the same token and the same parameters succeeds without writing again, the same token with
   other parameters is IdempotentParameterMismatchException. A request that did not commit is not remembered (its
   retry runs again).
3. A transaction's cost that does not grow with the table's stream. moto's deep copy of the table before each
   transaction also deep-copies every stream record ever written, so with a stream enabled each transaction got
   slower with every write the table had seen. Stream records are never changed once written: the copy shares them
   and copies only their list, so a cancelled transaction still restores the stream without its own records.
4. One backup of a table per transaction. moto backs up the table once per action of the transaction (a createTask
   of three actions copied the whole table three times) before it applies any of them, so every copy is of the same
   state: the first is kept and reused for the others. Under load the copies were most of a write's time.
"""

import argparse
import hashlib
import io
import json
import os
import signal
import sys
import threading
import time
from collections import OrderedDict

try:
    from moto.server import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import run_simple
except ImportError as missing:
    sys.stderr.write(
        f"moto_launcher: moto is not importable by {sys.executable} ({missing}); install it with "
        f"`{sys.executable} -m pip install 'moto[server]==5.2.1'` or point TG_PYTHON at a Python that has it\n")
    sys.exit(2)

TRANSACT_WRITE_ITEMS = "DynamoDB_20120810.TransactWriteItems"
DYNAMODB_ERROR_PREFIX = "com.amazonaws.dynamodb.v20120810#"


def read_body(environ):
    """The whole request body; chunked bodies (wsgi.input_terminated) are read to their end."""
    stream = environ["wsgi.input"]
    if environ.get("wsgi.input_terminated"):
        return stream.read()
    length = environ.get("CONTENT_LENGTH") or "0"
    return stream.read(int(length)) if length.isdigit() else b""


def call_buffered(app, environ):
    """Runs a WSGI app to completion: (status, headers, body), so nothing of it runs after the caller's lock."""
    answer = {}
    chunks = []

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, headers
        return chunks.append

    result = app(environ, start_response)
    try:
        chunks.extend(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return answer["status"], answer["headers"], b"".join(chunks)


class OneAtATime:
    """WSGI middleware: reads the request body outside the lock, then runs the wrapped app under it."""

    def __init__(self, app):
        self._app = app
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        environ["wsgi.input"] = io.BytesIO(read_body(environ))
        environ.pop("wsgi.input_terminated", None)
        with self._lock:
            status, headers, body = call_buffered(self._app, environ)
        start_response(status, headers)
        return [body]


class ClientRequestTokens:
    """WSGI middleware: DynamoDB's idempotency of TransactWriteItems by ClientRequestToken, for `window` seconds
    after the call that committed. Must run inside OneAtATime, which makes check, call and record one step."""

    def __init__(self, app, window_seconds, clock=time.monotonic):
        self._app = app
        self._window = window_seconds
        self._clock = clock
        self._committed = OrderedDict()  # token -> (fingerprint, expires_at, status, headers, body), oldest first

    def __call__(self, environ, start_response):
        token, fingerprint = self._token_and_fingerprint(environ)
        if token is None:
            return self._app(environ, start_response)
        self._forget_expired()
        remembered = self._committed.get(token)
        if remembered is not None:
            if remembered[0] != fingerprint:
                return self._mismatch(start_response)
            start_response(remembered[2], remembered[3])
            return [remembered[4]]
        status, headers, body = call_buffered(self._app, environ)
        if status.startswith("200"):
            self._committed[token] = (fingerprint, self._clock() + self._window, status, headers, body)
        start_response(status, headers)
        return [body]

    @staticmethod
    def _token_and_fingerprint(environ):
        """(token, hash of every other parameter) of a TransactWriteItems call with a token, else (None, None)."""
        if environ.get("HTTP_X_AMZ_TARGET") != TRANSACT_WRITE_ITEMS:
            return None, None
        body = environ["wsgi.input"].read()
        environ["wsgi.input"] = io.BytesIO(body)
        try:
            request = json.loads(body)
        except ValueError:
            return None, None  # moto answers the malformed request itself
        token = request.pop("ClientRequestToken", None) if isinstance(request, dict) else None
        if not isinstance(token, str):
            return None, None
        canonical = json.dumps(request, sort_keys=True, separators=(",", ":")).encode("utf-8")
        return token, hashlib.sha256(canonical).hexdigest()

    def _forget_expired(self):
        now = self._clock()
        while self._committed:
            token, remembered = next(iter(self._committed.items()))
            if remembered[1] > now:
                return
            del self._committed[token]

    @staticmethod
    def _mismatch(start_response):
        body = json.dumps({
            "__type": DYNAMODB_ERROR_PREFIX + "IdempotentParameterMismatchException",
            "message": "ClientRequestToken was used within the last 10 minutes by a TransactWriteItems call with "
                       "other parameters",
        }).encode("utf-8")
        start_response("400 Bad Request", [("Content-Type", "application/x-amz-json-1.0"),
                                           ("Content-Length", str(len(body)))])
        return [body]


def share_stream_records():
    """Point 3 of the module comment: a table's deep copy copies its stream's list of records, not the records."""
    import copy
    from moto.dynamodb.models.table import StreamShard

    def deepcopy_sharing_records(self, memo):
        duplicate = StreamShard.__new__(StreamShard)
        memo[id(self)] = duplicate
        for name, value in self.__dict__.items():
            setattr(duplicate, name, list(value) if name == "items" else copy.deepcopy(value, memo))
        return duplicate

    StreamShard.__deepcopy__ = deepcopy_sharing_records


def one_backup_per_table():
    """Point 4 of the module comment: within one TransactWriteItems, a table is deep-copied once.

    moto's transact_write_items copies `self.tables[name]` for every action, all before the first write, through its
    module's `copy.deepcopy`; for the length of the call that name resolves to a copier that returns the first copy of
    a table again. Requests run one at a time (OneAtATime), so no other call sees the substitute."""
    import copy
    import types
    import moto.dynamodb.models as models

    original = models.DynamoDBBackend.transact_write_items

    def transact_write_items(self, transact_items):
        tables = {id(table) for table in self.tables.values()}
        backups = {}

        def deepcopy(value, memo=None):
            if memo is None and id(value) in tables:
                if id(value) not in backups:
                    backups[id(value)] = copy.deepcopy(value)
                return backups[id(value)]
            return copy.deepcopy(value, memo)

        models.copy = types.SimpleNamespace(deepcopy=deepcopy)
        try:
            return original(self, transact_items)
        finally:
            models.copy = copy

    models.DynamoDBBackend.transact_write_items = transact_write_items


def main(argv=None):
    parser = argparse.ArgumentParser(description="moto's DynamoDB on 127.0.0.1, one request at a time")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--idempotency-window-seconds", type=float, default=600.0,
                        help="how long a committed ClientRequestToken is remembered (DynamoDB: 10 minutes)")
    args = parser.parse_args(argv)

    os.environ.setdefault("MOTO_PORT", str(args.port))  # as moto_server does: moto builds some URLs from it
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, lambda *_: sys.exit(0))

    share_stream_records()
    one_backup_per_table()
    moto = DomainDispatcherApplication(create_backend_app)
    app = OneAtATime(ClientRequestTokens(moto, args.idempotency_window_seconds))
    run_simple("127.0.0.1", args.port, app, threaded=True)


if __name__ == "__main__":
    main()
