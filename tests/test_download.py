"""The paper downloader against a local HTTP server: success, 404, HTML instead of PDF, a truncated
body, a server that never answers, a transient error. Each failure gives a clear message, leaves
no partial file, and does not stop the other papers."""
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import download

PDF = b"%PDF-1.4\n" + b"0" * 5000 + b"\n%%EOF\n"


class Handler(BaseHTTPRequestHandler):
    hits: dict = {}

    def log_message(self, *args):  # keep the test output quiet
        pass

    def send(self, code, body, ctype="application/pdf", length=None):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up first (the timeout test)
            pass

    def do_GET(self):
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        if self.path == "/good.pdf":
            self.send(200, PDF)
        elif self.path == "/missing.pdf":
            self.send(404, b"not here", "text/plain")
        elif self.path == "/page.pdf":
            self.send(200, b"<!doctype html><html><body>Sign in to read</body></html>", "text/html")
        elif self.path == "/truncated.pdf":
            self.send(200, PDF[:1000], length=len(PDF))  # promises more than it sends, then closes
            self.close_connection = True
        elif self.path == "/no-eof.pdf":
            self.send(200, PDF[:1000])  # a complete response of an incomplete file
        elif self.path == "/slow.pdf":
            time.sleep(2)
            self.send(200, PDF)
        elif self.path == "/flaky.pdf":
            if Handler.hits[self.path] == 1:
                self.send(503, b"busy", "text/plain")
            else:
                self.send(200, PDF)


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(var, raising=False)


def paper(server, path, name=None):
    name = name or path.strip("/").split(".")[0]
    return {"name": name, "title": name, "authors": ["A. Author"], "year": 2000, "url": server + path,
            "topic": "01-section/01-topic", "file": f"01-{name}.pdf", "constraint": "data"}


def leftovers(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_success_then_skip(server, tmp_path):
    p = paper(server, "/good.pdf")
    assert download.fetch(p, tmp_path).status == "fetched"
    assert download.is_valid_pdf(download.destination(p, tmp_path))
    assert download.fetch(p, tmp_path).status == "skipped"


@pytest.mark.parametrize("path, reason", [
    ("/missing.pdf", "HTTP 404"),
    ("/page.pdf", "not a PDF"),
    ("/truncated.pdf", "broke off|truncated"),
    ("/no-eof.pdf", "truncated or corrupt"),
    ("/slow.pdf", "timed out"),
])
def test_failures_are_clear_and_leave_no_file(server, tmp_path, path, reason):
    r = download.fetch(paper(server, path), tmp_path, timeout=0.5, retries=2)
    assert r.status == "failed"
    assert any(word in r.message for word in reason.split("|")), r.message
    assert leftovers(tmp_path) == []


def test_transient_error_is_retried(server, tmp_path):
    assert download.fetch(paper(server, "/flaky.pdf"), tmp_path, retries=2).status == "fetched"


def test_a_corrupt_file_already_there_is_replaced(server, tmp_path):
    p = paper(server, "/good.pdf")
    dest = download.destination(p, tmp_path)
    dest.parent.mkdir(parents=True)
    dest.write_bytes(b"%PDF-1.4 cut off")
    assert download.fetch(p, tmp_path).status == "fetched" and dest.read_bytes() == PDF


def test_dead_server(tmp_path):
    r = download.fetch(paper("http://127.0.0.1:9", "/x.pdf"), tmp_path, timeout=1, retries=1)
    assert r.status == "failed" and "could not connect" in r.message and leftovers(tmp_path) == []


def test_cli_fetches_the_others_and_exits_nonzero(server, tmp_path, capsys):
    catalog = {"papers": [paper(server, "/good.pdf"), paper(server, "/missing.pdf"),
                          paper(server, "/page.pdf", name="page")]}
    (tmp_path / "catalog.json").write_text(json.dumps(catalog))
    root = tmp_path / "repo"
    code = download.main(["fetch", "--catalog", str(tmp_path / "catalog.json"), "--root", str(root),
                          "--timeout", "1", "--retries", "1"])
    out = capsys.readouterr().out
    assert code == 1
    assert "1 fetched, 0 already here, 2 failed (of 3)" in out
    assert "failed: missing" in out and "HTTP 404" in out and "not a PDF" in out
    assert leftovers(root) == ["01-section/01-topic/01-good.pdf"]
    assert download.main(["fetch", "--catalog", str(tmp_path / "catalog.json"), "--root", str(root),
                          "--topic", "01-topic", "--retries", "1", "--timeout", "1"]) == 1
    assert "0 fetched, 1 already here, 2 failed" in capsys.readouterr().out


def test_list_and_topic_selection(capsys):
    assert download.main(["list", "--topic", "02-relu"]) == 0
    out = capsys.readouterr().out
    assert "02-optimization-and-regularization/02-relu/01-relu.pdf" in out and out.count("\n") == 1
    with pytest.raises(SystemExit, match="matches no topic"):
        download.main(["list", "--topic", "no-such-topic"])
