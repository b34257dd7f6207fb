"""The viewer's page: one self-contained ``index.html`` next to a module's video.

The page plays ``<module>.mp4`` with the WebVTT captions on, lists the chapters, shows a
transcript that follows the voice and runs the module's quiz. It works from ``file://`` and
from any static server, so nothing is fetched: the data (chapters, timed transcript sentences,
the captions text and the quiz) is embedded as JSON and the CSS and JS are inlined.

``narration/<module>/quiz.toml``::

    pass_percent = 70
    [[questions]]
    chapter = "matrix_transforms"          # scene id of the chapter to re-watch
    text = "A vector is {matrices.V_X} times i-hat ..."
    choices = ["...", "...", "...", "..."]  # shown as A to D
    answer = "D"
    explanation = "One sentence on why."

Numbers in a question come from code: ``{model.name}`` / ``{model.name:format}`` placeholders
are resolved as in narration scripts (see ``explainer.placeholders``). ``chapter`` must be one
of the module's scene ids; anything else is a ``QuizError`` naming the file and the question.
``read_quiz`` checks a quiz before a build; ``write_page`` writes the page after one.
"""

from __future__ import annotations

import functools
import html
import importlib
import json
import os
import re
import shutil
import sys
import threading
import tomllib
import webbrowser
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .captions import split_text
from .errors import PipelineError
from .paths import ASSETS_DIR
from .placeholders import PLACEHOLDER

VIEWER_ASSETS = ASSETS_DIR / "viewer"
LETTERS = "ABCD"
DEFAULT_PASS_PERCENT = 70
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_MARKER = re.compile(r"\{\{([a-z_]+)\}\}")


class QuizError(PipelineError):
    """A quiz file that cannot be read, or a question that is incomplete, has a placeholder
    that does not resolve, or names a chapter the module does not have."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


def cue_sentences(text: str, start: float, end: float) -> list[dict[str, Any]]:
    """A cue's sentences, each timed within the cue in proportion to its characters.

    The weights are those of ``explainer.captions.cue_captions``, so a sentence starts
    exactly when its first caption does.
    """
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s]
    weights = [sum(len(line) for block in split_text(s) for line in block) for s in sentences]
    total = sum(weights) or 1
    out, t = [], start
    for sentence, weight in zip(sentences, weights, strict=True):
        length = (end - start) * weight / total
        out.append({"start": round(t, 3), "end": round(t + length, 3), "text": sentence})
        t += length
    return out


def transcript(manifest: dict) -> list[dict[str, Any]]:
    """The transcript by chapter: ``[{scene, title, start, cues: [[sentence, ...], ...]}]``."""
    chapters = [{"scene": c["scene"], "title": c["title"], "start": c["start"], "cues": []}
                for c in manifest["chapters"]]
    by_scene = {c["scene"]: c for c in chapters}
    for cue in manifest["cues"]:
        chapter = by_scene.get(cue["scene"])
        if chapter is not None:
            chapter["cues"].append(cue_sentences(cue["text"], cue["start"], cue["end"]))
    return chapters


def _resolver(path: Path, root: Path, module_id: str):
    """``resolve(text, where)``: the placeholders of ``explainer.placeholders``, with errors
    that name the quiz file and the question instead of a narration script and line."""

    def resolve(text: str, where: str) -> str:
        def value(match: re.Match) -> str:
            model, name, spec = match["model"], match["name"], match["spec"] or ""
            if str(root) not in sys.path:
                sys.path.insert(0, str(root))
            dotted = f"scenes.{module_id}.models.{model}"
            try:
                module = importlib.import_module(dotted)
            except ModuleNotFoundError:
                raise QuizError(path, f"{where}: {match[0]}: no model file "
                                      f"scenes/{module_id}/models/{model}.py") from None
            if not hasattr(module, name):
                raise QuizError(path, f"{where}: {match[0]}: {dotted} has no {name}")
            found = getattr(module, name)
            found = found() if callable(found) else found
            try:
                return format(found, spec)
            except (ValueError, TypeError) as err:
                raise QuizError(path, f"{where}: {match[0]}: {err}") from None

        resolved = PLACEHOLDER.sub(value, text)
        if re.search(r"[{}]", resolved):
            raise QuizError(path, f"{where}: a '{{' or '}}' that is not a placeholder "
                                  "{model.name} or {model.name:format}")
        return resolved

    return resolve


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def read_quiz(quiz_path: Path, scene_ids: list[str] | tuple[str, ...],
              root: Path | None = None) -> dict[str, Any]:
    """Read and check ``narration/<module>/quiz.toml`` against the module's scene ids.

    Returns ``{"pass_percent", "module", "questions": [{text, choices, answer (0-3),
    explanation, chapter (scene id)}]}`` with every placeholder resolved. Needs no build, so
    it can run before rendering. Raises ``QuizError`` (its message starts with the quiz
    file's path and names the question) for anything wrong, including a ``chapter`` that is
    not one of ``scene_ids``. ``root`` is the project (default: three folders up).
    """
    quiz_path = Path(quiz_path)
    try:
        data = tomllib.loads(quiz_path.read_text(encoding="utf-8"))
    except OSError as err:
        raise QuizError(quiz_path, f"cannot read: {err.strerror}") from None
    except tomllib.TOMLDecodeError as err:
        raise QuizError(quiz_path, str(err)) from None
    module_id = quiz_path.resolve().parent.name  # <root>/narration/<module>/quiz.toml
    root = Path(root) if root is not None else quiz_path.resolve().parents[2]
    resolve = _resolver(quiz_path, root, module_id)
    pass_percent = data.get("pass_percent", DEFAULT_PASS_PERCENT)
    if isinstance(pass_percent, bool) or not isinstance(pass_percent, int) \
            or not 0 < pass_percent <= 100:
        raise QuizError(quiz_path, "pass_percent must be a whole number from 1 to 100")
    raw_questions = data.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise QuizError(quiz_path, "no [[questions]]")
    known = list(scene_ids)
    questions = []
    for n, raw in enumerate(raw_questions, start=1):
        where = f"question {n}"
        if not isinstance(raw, dict):
            raise QuizError(quiz_path, f"{where} is not a [[questions]] table")
        missing = [k for k in ("text", "choices", "answer", "explanation", "chapter")
                   if not raw.get(k)]
        if missing:
            raise QuizError(quiz_path, f"{where} has no {', '.join(missing)}")
        where = f"question {n} (\u201c{_short(raw['text'])}\u201d)"
        choices = raw["choices"]
        if not isinstance(choices, list) or len(choices) != len(LETTERS):
            raise QuizError(quiz_path, f"{where} needs exactly {len(LETTERS)} choices")
        answer = str(raw["answer"]).strip().upper()
        if answer not in LETTERS:
            raise QuizError(quiz_path, f"{where}: answer must be one of A, B, C, D")
        scene = raw["chapter"]
        if scene not in known:
            raise QuizError(quiz_path, f"{where}: chapter = {scene!r} is not a chapter of "
                            f"module {module_id!r}; its chapters (scene ids) are "
                            f"{', '.join(known) or 'none'}")
        resolved = [resolve(str(c), f"{where}, choice {LETTERS[i]}")
                    for i, c in enumerate(choices)]
        if len(set(resolved)) != len(resolved):
            raise QuizError(quiz_path, f"{where}: two choices are the same")
        questions.append({
            "text": resolve(raw["text"], where),
            "choices": resolved,
            "answer": LETTERS.index(answer),
            "explanation": resolve(raw["explanation"], f"{where}, explanation"),
            "chapter": scene,
        })
    return {"pass_percent": pass_percent, "module": module_id, "questions": questions}


def load_quiz(quiz_path: Path, manifest: dict, root: Path | None = None) -> dict[str, Any]:
    """The quiz as the page needs it: ``read_quiz`` against the video's chapters, each
    question's re-watch chapter given its number, title and start time."""
    chapters = {c["scene"]: (i, c) for i, c in enumerate(manifest["chapters"], start=1)}
    quiz = read_quiz(quiz_path, list(chapters), root)
    for question in quiz["questions"]:
        number, chapter = chapters[question["chapter"]]
        question["rewatch"] = {"scene": chapter["scene"], "title": chapter["title"],
                               "number": number, "start": chapter["start"]}
    return {"pass_percent": quiz["pass_percent"], "questions": quiz["questions"],
            "storage_key": f"explainer.quiz.best.{quiz['module']}"}


def page_data(manifest: dict, folder: Path, quiz_path: Path | None = None) -> dict[str, Any]:
    """Everything the page's script needs, embedded in the HTML (``file://`` cannot fetch)."""
    vtt_name = manifest["captions"]["vtt"]
    vtt_file = Path(folder) / vtt_name
    quiz = load_quiz(quiz_path, manifest) if quiz_path and Path(quiz_path).exists() else None
    return {
        "module": manifest["module"], "number": manifest["number"], "title": manifest["title"],
        "duration": manifest["duration"], "video": manifest["video"], "vtt_name": vtt_name,
        "vtt": vtt_file.read_text(encoding="utf-8") if vtt_file.exists() else "",
        "chapters": [{"scene": c["scene"], "title": c["title"], "start": c["start"],
                      "end": c["end"]} for c in manifest["chapters"]],
        "transcript": transcript(manifest),
        "quiz": quiz,
    }


def _asset(name: str, closing: str) -> str:
    text = (VIEWER_ASSETS / name).read_text(encoding="utf-8")
    if closing in text.lower():
        raise PipelineError(f"{VIEWER_ASSETS / name} contains {closing}, which would end the page")
    return text


def render_page(manifest: dict, data: dict[str, Any]) -> str:
    """The page's HTML: the template with the CSS, JS and data inlined."""
    title = f"Module {manifest['number']}: {manifest['title']}"
    # JSON inside <script>: escape '<' so no "</script>" or "<!--" can end the block early.
    embedded = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    values = {
        "title": html.escape(title), "module_title": html.escape(manifest["title"]),
        "number": html.escape(str(manifest["number"])),
        "video": html.escape(quote(manifest["video"])),
        "vtt": html.escape(quote(manifest["captions"]["vtt"])),
        "width": str(int(manifest["width"])), "height": str(int(manifest["height"])),
        "css": _asset("viewer.css", "</style"), "js": _asset("viewer.js", "</script"),
        "data": embedded,
    }
    template = (VIEWER_ASSETS / "index.html").read_text(encoding="utf-8")

    def fill(match: re.Match) -> str:
        if match[1] not in values:
            raise PipelineError(f"{VIEWER_ASSETS / 'index.html'}: unknown marker {match[0]}")
        return values[match[1]]

    return _MARKER.sub(fill, template)


def write_page(manifest: dict, folder: Path, quiz_path: Path | None = None) -> Path:
    """Write ``folder/index.html`` for the module built in ``folder``; return its path.

    ``manifest`` is the dict ``stitch.assemble`` returns (also ``folder/manifest.json``).
    ``quiz_path`` is ``narration/<module>/quiz.toml``; None or a file that does not exist
    gives a page without a quiz. Raises ``QuizError`` for a quiz file that is wrong.
    """
    folder = Path(folder)
    page = folder / "index.html"
    partial = folder / f".index-{os.getpid()}.html"
    partial.write_text(render_page(manifest, page_data(manifest, folder, quiz_path)),
                       encoding="utf-8")
    os.replace(partial, page)
    return page


class RangeRequestHandler(SimpleHTTPRequestHandler):
    """``http.server``'s static files plus single byte ranges: a browser needs them to seek
    in a video (without them Chromium can only play from the start)."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".vtt": "text/vtt", ".mp4": "video/mp4", ".srt": "text/plain"}
    quiet = False
    _range: tuple[int, int] | None = None

    def end_headers(self) -> None:
        self.send_header("Accept-Ranges", "bytes")
        super().end_headers()

    def send_head(self):
        self._range = None
        header = self.headers.get("Range", "")
        match = re.fullmatch(r"\s*bytes=(\d*)-(\d*)\s*", header)
        path = Path(self.translate_path(self.path))
        if not match or not path.is_file() or match[1] == match[2] == "":
            return super().send_head()
        size = path.stat().st_size
        if match[1]:
            start = int(match[1])
            end = min(int(match[2]), size - 1) if match[2] else size - 1
        else:  # the last N bytes
            start, end = max(size - int(match[2]), 0), size - 1
        if start >= size or start > end:
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        handle = open(path, "rb")  # closed by do_GET / do_HEAD
        handle.seek(start)
        self._range = (start, end - start + 1)
        self.send_response(HTTPStatus.PARTIAL_CONTENT)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        return handle

    def copyfile(self, source, outputfile) -> None:
        try:
            if self._range is None:
                shutil.copyfileobj(source, outputfile)
                return
            left = self._range[1]
            while left > 0:
                chunk = source.read(min(left, 64 * 1024))
                if not chunk:
                    break
                outputfile.write(chunk)
                left -= len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser dropped a request it no longer needs (normal for video)

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)


def make_server(folder: Path, port: int = 0, host: str = "127.0.0.1",
                quiet: bool = False) -> ThreadingHTTPServer:
    """A static server for ``folder`` (port 0: a free one; see ``server.server_port``)."""
    handler = type("Handler", (RangeRequestHandler,), {"quiet": quiet})
    return ThreadingHTTPServer((host, port),
                               functools.partial(handler, directory=str(Path(folder))))


def serve(folder: Path, port: int = 8000, open_browser: bool = False) -> None:
    """Serve a build folder on http://127.0.0.1:port/ until Ctrl-C (port 0: any free one)."""
    folder = Path(folder)
    if not (folder / "index.html").exists():
        raise PipelineError(f"no page in {folder}: build the module first")
    server = make_server(folder, port, quiet=True)
    url = f"http://127.0.0.1:{server.server_port}/"
    print(f"serving {folder} at {url}  (Ctrl-C stops)", flush=True)
    if open_browser:
        threading.Timer(0.5, webbrowser.open, [url]).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
