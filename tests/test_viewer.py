"""The viewer's page, driven in real headless Chromium: the video plays with captions on,
chapters seek, the transcript follows the voice, the quiz scores and keeps the best score,
every control works from the keyboard, text meets WCAG AA contrast, and a phone fits.

The page is written for the tiny fixture module (two scenes, 8.4 s) with the fixture quiz
``tests/fixtures/project/narration/tiny/quiz.toml`` (answers A, B, C, D, A).
"""

from __future__ import annotations

import json
import re
import shutil
import threading
from pathlib import Path

import pytest

from explainer.viewer import QuizError, cue_sentences, load_quiz, make_server, read_quiz, write_page

from .conftest import FIXTURE_ROOT

ROOT = Path(__file__).resolve().parents[1]
TINY_QUIZ = FIXTURE_ROOT / "narration" / "tiny" / "quiz.toml"
TINY_ANSWERS = "ABCDA"
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 667}
# Scene ids for the quiz-file error tests (those of scenes/math_for_ai/module.toml).
MATH_SCENES = ["intro", "vectors", "matrix_transforms", "matrix_examples", "matrix_layer",
               "matrix_shapes", "hill_slope", "descent_loop", "learning_rate", "loss_surface",
               "distributions", "bayes_crowd", "bayes_odds", "expected_value", "training_loop",
               "takeaways"]


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def site(tiny_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the tiny build with its page, so the shared build folder is left alone."""
    folder = tmp_path_factory.mktemp("site")
    for name in ("tiny.mp4", "tiny.vtt", "tiny.srt", "manifest.json"):
        shutil.copy2(tiny_build / name, folder / name)
    manifest = json.loads((folder / "manifest.json").read_text())
    page = write_page(manifest, folder, TINY_QUIZ)
    assert page == folder / "index.html"
    return folder


@pytest.fixture(scope="module")
def url(site: Path):
    server = make_server(site, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/index.html"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"no {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context
    context.close()


def open_page(context, address: str):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.js_errors = errors
    page.goto(address)
    loaded(page)
    return page


def loaded(page) -> None:
    """Wait for the video's metadata; record every time the video seeks to, in ``seeks``."""
    page.wait_for_function("document.getElementById('video').readyState >= 1")
    page.evaluate("""() => { const v = document.getElementById('video'); window.seeks = [];
                             v.addEventListener('seeking', () => seeks.push(v.currentTime)); }""")


def seeked_to(page, seconds: float) -> None:
    """Wait for the video to seek to ``seconds`` (it may play on from there)."""
    page.wait_for_function(f"seeks.some(t => Math.abs(t - {seconds}) < 0.002)", timeout=5000)
    page.wait_for_function(f"document.getElementById('video').currentTime >= {seconds - 0.002}")


@pytest.fixture
def page(desktop, url):
    page = open_page(desktop, url)
    yield page
    assert page.js_errors == []
    page.close()


def current_time(page) -> float:
    return page.evaluate("document.getElementById('video').currentTime")


def current_sentence(page) -> str:
    return page.locator(".sentence[aria-current=true] .sentence-text").inner_text()


def current_chapter(page) -> str:
    return page.locator(".chapter[aria-current=true] .chapter-title").inner_text()


def answer_quiz(page, letters: str, clicks: bool = True) -> None:
    """Pick the answers (by clicking their labels, or quickly by script) and check them."""
    for n, letter in enumerate(letters):
        choice = f"q{n}-{'ABCD'.index(letter)}"
        if clicks:
            page.locator(f"label[for={choice}]").click()
        else:
            page.evaluate(f"document.getElementById('{choice}').checked = true")
    page.click("#quiz-check")
    page.wait_for_selector("#quiz-result:not([hidden])")


# ---------------------------------------------------------------- the page file


def test_page_is_one_offline_file(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and '<html lang="en">' in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing fetched
    assert '<source src="tiny.mp4" type="video/mp4">' in html
    assert re.search(r'<track [^>]*kind="captions"[^>]*src="tiny.vtt"[^>]*default>', html)
    assert "{{" not in html
    data = json.loads(html.split('id="viewer-data">')[1].split("</script>")[0])
    assert [c["scene"] for c in data["chapters"]] == ["flash_one", "flash_two"]
    assert data["vtt"] == (site / "tiny.vtt").read_text(encoding="utf-8")
    assert [q["answer"] for q in data["quiz"]["questions"]] == [0, 1, 2, 3, 0]


def test_sentences_start_with_their_captions() -> None:
    text = "First sentence here. A second, longer sentence follows it! Third?"
    sentences = cue_sentences(text, 10.0, 16.0)
    assert [s["text"] for s in sentences] == ["First sentence here.",
                                              "A second, longer sentence follows it!", "Third?"]
    assert sentences[0]["start"] == 10.0 and abs(sentences[-1]["end"] - 16.0) < 0.002
    assert all(a["end"] == pytest.approx(b["start"], abs=0.002)
               for a, b in zip(sentences, sentences[1:], strict=False))


def test_page_without_a_quiz(site: Path, tmp_path: Path) -> None:
    manifest = json.loads((site / "manifest.json").read_text())
    html = write_page(manifest, tmp_path, tmp_path / "no-quiz.toml").read_text()
    assert '"quiz":null' in html
    assert "index.html" in [p.name for p in tmp_path.iterdir()]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".index-")]


# ---------------------------------------------------------------- quiz files


def test_math_for_ai_quiz_matches_the_module_and_its_models() -> None:
    from explainer.module import load_module
    from scenes.math_for_ai.models import bayes, descent, matrices

    scenes = [s.id for s in load_module("math_for_ai", ROOT).scenes]
    quiz = read_quiz(ROOT / "narration" / "math_for_ai" / "quiz.toml", scenes)
    assert quiz["pass_percent"] == 70 and len(quiz["questions"]) == 5  # as the seed says
    assert len({q["chapter"] for q in quiz["questions"]}) == 5  # five different chapters
    shown = [s for q in quiz["questions"] for s in (q["text"], q["explanation"], *q["choices"])]
    assert not [s for s in shown if re.search(r"[{}]", s)]  # no placeholder left
    by_chapter = {q["chapter"]: q for q in quiz["questions"]}
    vector = by_chapter["matrix_transforms"]
    assert f"{matrices.V_X} times i-hat plus {matrices.V_Y} times j-hat" in vector["text"]
    crowd = by_chapter["bayes_crowd"]
    assert f"{bayes.POSTERIOR:.0%}" in crowd["choices"][crowd["answer"]]
    rate = by_chapter["learning_rate"]
    assert f"{descent.W_DIVERGE_FINAL:.0f}" in rate["explanation"]
    # every number a reader sees comes from a placeholder
    raw = (ROOT / "narration" / "math_for_ai" / "quiz.toml").read_text(encoding="utf-8")
    prose = re.sub(r"\{[a-z_]+\.[A-Za-z_0-9]+(:[^}]*)?\}", "", raw)
    prose = "\n".join(line for line in prose.splitlines()
                      if not line.startswith(("#", "pass_percent")))
    assert not re.findall(r"\d", prose)


def _quiz_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "narration" / "math_for_ai" / "quiz.toml"
    path.parent.mkdir(parents=True)
    path.write_text(body, encoding="utf-8")
    return path


QUESTION = """
[[questions]]
chapter = "{chapter}"
text = "{text}"
choices = ["One.", "Two.", "Three.", "Four."]
answer = "B"
explanation = "Because."
"""


def test_missing_chapter_names_quiz_file_and_question(tmp_path: Path) -> None:
    path = _quiz_file(tmp_path, QUESTION.format(chapter="vectors", text="Fine?")
                      + QUESTION.format(chapter="eigen_stuff", text="Which way is up?"))
    with pytest.raises(QuizError) as caught:
        read_quiz(path, MATH_SCENES, root=ROOT)
    message = str(caught.value)
    assert message.startswith(str(path)) and "quiz.toml" in message
    assert "question 2" in message and "Which way is up?" in message
    assert "'eigen_stuff'" in message and "matrix_transforms" in message
    # the same check when writing a page: the chapter must be in the video
    manifest = {"module": "math_for_ai", "chapters": [
        {"scene": "vectors", "title": "Vectors", "start": 0.0, "end": 5.0}]}
    with pytest.raises(QuizError, match=r"quiz\.toml: question 2 .*'eigen_stuff'"):
        load_quiz(path, manifest, root=ROOT)


def test_bad_placeholders_and_answers_are_clear(tmp_path: Path) -> None:
    path = _quiz_file(tmp_path, QUESTION.format(chapter="vectors",
                                                text="Is it {matrices.NO_SUCH_VALUE}?"))
    with pytest.raises(QuizError, match=r"quiz\.toml: question 1 .*matrices has no "
                                        r"NO_SUCH_VALUE"):
        read_quiz(path, MATH_SCENES, root=ROOT)
    path.write_text(QUESTION.format(chapter="vectors", text="Odd {brace") + "\n")
    with pytest.raises(QuizError, match="not a placeholder"):
        read_quiz(path, MATH_SCENES, root=ROOT)
    path.write_text(QUESTION.format(chapter="vectors", text="Fine?").replace('"B"', '"E"'))
    with pytest.raises(QuizError, match="answer must be one of A, B, C, D"):
        read_quiz(path, MATH_SCENES, root=ROOT)


# ---------------------------------------------------------------- in the browser


def test_video_plays_with_captions_on(page) -> None:
    page.wait_for_function("(document.getElementById('video').textTracks[0].cues || []).length")
    page.evaluate("() => { const v = document.getElementById('video'); v.muted = true; v.play(); }")
    page.wait_for_function("document.getElementById('video').currentTime > 0.3")
    state = page.evaluate("""() => {
        const v = document.getElementById('video');
        v.pause();
        const track = v.textTracks[0];
        return {t: v.currentTime, paused: v.paused, w: v.videoWidth, h: v.videoHeight,
                mode: track.mode, kind: track.kind, lang: track.language,
                cues: track.cues ? track.cues.length : 0,
                active: track.activeCues && track.activeCues.length
                        ? track.activeCues[0].text : null};
    }""")
    assert 0.3 < state["t"] < 1.1, state  # played, and still in the first cue
    assert (state["w"], state["h"]) == (192, 108)
    assert (state["mode"], state["kind"], state["lang"]) == ("showing", "captions", "en")
    assert state["cues"] == 4
    assert state["active"] == "The first cue is red."


def test_chapters_and_sentences_seek(page) -> None:
    assert current_chapter(page) == "First flash"
    page.locator(".chapter").nth(1).click()
    seeked_to(page, 4.4)
    assert current_chapter(page) == "Second flash"
    assert page.locator(".chapter[aria-current=true]").count() == 1
    assert current_sentence(page) == "The second scene opens in blue."
    page.locator(".chapter").nth(0).click()
    seeked_to(page, 0.0)
    assert current_chapter(page) == "First flash"
    # a sentence in the transcript seeks too
    page.locator(".sentence", has_text="And it ends in white.").click()
    seeked_to(page, 6.5)
    assert current_sentence(page) == "And it ends in white."
    headings = page.locator(".transcript-chapter h3").all_inner_texts()
    assert headings == ["1. First flash", "2. Second flash"]


def test_transcript_follows_playback(page) -> None:
    page.evaluate("""() => { const v = document.getElementById('video');
                             v.muted = true; v.currentTime = 3.6; }""")
    page.wait_for_function("document.querySelector('.sentence[aria-current=true]')")
    assert current_sentence(page) == "Then green, a little longer."
    assert current_chapter(page) == "First flash"
    page.evaluate("document.getElementById('video').play()")
    # playing on (not seeking) crosses into the second chapter
    page.wait_for_function("""document.querySelector('.sentence[aria-current=true] .sentence-text')
                                .textContent === 'The second scene opens in blue.'""",
                           timeout=5000)
    assert current_time(page) >= 4.4
    assert current_chapter(page) == "Second flash"
    assert page.locator(".sentence[aria-current=true]").count() == 1
    assert page.evaluate("document.getElementById('video').paused") is False


def test_quiz_scores_and_keeps_the_best(page) -> None:
    page.evaluate("localStorage.clear()")
    page.reload()
    loaded(page)
    assert page.locator("#quiz-best").inner_text() == "No score saved yet."
    assert page.locator("fieldset.question").count() == 5
    # checking with an answer missing says which, and moves there
    page.locator("label[for=q0-0]").click()
    page.click("#quiz-check")
    assert "question 2 has no answer" in page.locator("#quiz-error").inner_text()
    assert page.evaluate("document.activeElement.name") == "q1"
    assert page.locator("#quiz-result").is_hidden()
    # answers to questions 2 and 4 wrong: 3 of 5, 60%, below the pass mark of 70%
    answer_quiz(page, "AACCA")
    assert page.locator("#quiz-result h3").inner_text() == "You scored 60% (3 of 5)"
    assert "You need 70%" in page.locator("#quiz-result").inner_text()
    wrong = page.locator(".feedback.is-wrong")
    assert wrong.count() == 2
    assert page.locator("#q1-feedback .rewatch").get_attribute("data-scene") == "flash_one"
    assert "Re-watch chapter 1: First flash" in page.locator("#q1-feedback").inner_text()
    assert "Re-watch chapter 2: Second flash" in page.locator("#q3-feedback").inner_text()
    assert page.locator(".feedback.is-right .rewatch").count() == 0
    assert page.locator("#quiz-error").inner_text() == ""
    assert_contrast(page)  # right and wrong feedback, a failed result, a current sentence
    stored = page.evaluate("JSON.parse(localStorage.getItem('explainer.quiz.best.tiny'))")
    assert (stored["percent"], stored["correct"], stored["total"], stored["passed"]) \
        == (60, 3, 5, False)
    # the re-watch button plays the chapter named
    page.locator("#q3-feedback .link-button").click()
    seeked_to(page, 4.4)
    assert current_chapter(page) == "Second flash"

    page.click("#quiz-retake")
    assert page.locator("input[type=radio]:checked").count() == 0
    answer_quiz(page, TINY_ANSWERS, clicks=False)
    assert page.locator("#quiz-result h3").inner_text() == "You scored 100% (5 of 5)"
    assert page.locator(".feedback.is-right").count() == 5
    assert "Module complete" in page.locator("#quiz-best").inner_text()

    page.click("#quiz-retake")
    answer_quiz(page, "BBCDA", clicks=False)  # 80%: passes, but the best stays 100%
    assert page.locator("#quiz-result h3").inner_text() == "You scored 80% (4 of 5)"
    assert "this module is complete" in page.locator("#quiz-result").inner_text()
    stored = page.evaluate("JSON.parse(localStorage.getItem('explainer.quiz.best.tiny'))")
    assert (stored["percent"], stored["correct"], stored["passed"]) == (100, 5, True)
    page.reload()
    loaded(page)
    assert page.locator("#quiz-best").inner_text() == \
        "Your best score: 100% (5 of 5). Module complete."


def _tab_to(page, selector: str, limit: int = 60) -> list[str]:
    """Press Tab until the focus is on ``selector``; the elements passed on the way."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("""() => { const e = document.activeElement;
            return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                   (e.className ? '.' + e.className.split(' ')[0] : ''); }"""))
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return seen
    raise AssertionError(f"Tab never reached {selector}: {seen}")


def focus_outline(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement;
        const target = e.matches('.choice input') ? e.nextElementSibling : e;
        const s = getComputedStyle(target);
        return {style: s.outlineStyle, width: parseFloat(s.outlineWidth),
                visible: e.matches(':focus-visible')}; }""")


def test_accessible_structure_and_keyboard(page) -> None:
    outline = page.evaluate("""() => [...document.querySelectorAll('h1,h2,h3')]
        .filter(h => h.offsetParent !== null).map(h => h.tagName + ' ' + h.textContent)""")
    assert outline[:2] == ["H1 Tiny test module", "H2 Chapters"]
    assert outline[2:5] == ["H2 Transcript", "H3 1. First flash", "H3 2. Second flash"]
    assert outline[5] == "H2 Test your understanding"
    assert page.locator("main").count() == 1
    assert page.locator("video").get_attribute("aria-label") == "Video: Tiny test module"
    assert page.evaluate("[...document.images].every(i => i.alt)")  # any picture has alt text
    names = page.evaluate("""() => [...document.querySelectorAll('button, input, a, video')]
        .filter(e => e.offsetParent !== null)
        .map(e => e.getAttribute('aria-label') || e.labels?.[0]?.textContent
                  || e.textContent).map(t => (t || '').trim())""")
    assert all(names), names
    labels = page.locator(".chapter").evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('aria-label'))")
    assert labels == ["Chapter 1: First flash, starts at 0 seconds",
                      "Chapter 2: Second flash, starts at 4 seconds"]
    # every control from the keyboard, with a visible focus
    order = _tab_to(page, "a.skip")
    assert len(order) == 1  # the first stop
    assert focus_outline(page)["style"] != "none"
    order = _tab_to(page, ".chapter")
    assert "video#video" in order
    # a chapter by keyboard: Enter seeks
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.start") == "4.4"
    outline = focus_outline(page)
    assert outline["visible"] and outline["style"] == "solid" and outline["width"] >= 2
    page.keyboard.press("Enter")
    seeked_to(page, 4.4)
    page.evaluate("() => { const v = document.getElementById('video'); v.pause(); "
                  "v.currentTime = 4.5; }")  # it may have played on: back into 4.4's sentence
    seeked_to(page, 4.5)
    # the follow checkbox, then one stop for the whole transcript, arrows inside it
    _tab_to(page, "#follow")
    page.keyboard.press("Space")
    assert page.evaluate("document.getElementById('follow').checked") is False
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('sentence')")
    start = page.evaluate("document.activeElement.dataset.start")
    assert start == "4.4"  # the roving stop follows the sentence being spoken
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.dataset.start") == "6.5"
    assert focus_outline(page)["style"] == "solid"
    page.keyboard.press("Enter")
    seeked_to(page, 6.5)
    page.evaluate("document.getElementById('video').pause()")
    # out of the transcript in one Tab, into the quiz: arrows pick, Space/Enter check
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q0-0"
    assert focus_outline(page)["style"] == "solid"
    for n, letter in enumerate(TINY_ANSWERS):
        if n:
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.name") == f"q{n}"
        for _ in range("ABCD".index(letter)):
            page.keyboard.press("ArrowDown")
        if letter == "A":
            page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quiz-check"
    page.keyboard.press("Enter")
    assert page.locator("#quiz-result h3").inner_text() == "You scored 100% (5 of 5)"
    assert page.evaluate("document.activeElement.id") == "quiz-result"  # result is read out
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quiz-retake"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "q0-0"


CONTRAST = """() => {
    function rgb(c) { const m = c.match(/[\\d.]+/g).map(Number);
                      return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; }
    function lum(c) { return [c.r, c.g, c.b].map(v => { v /= 255;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
        .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0); }
    function background(e) {
        for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
                                         if (c.a > 0.99) return c; }
        return {r: 255, g: 255, b: 255, a: 1}; }
    const out = [];
    for (const e of document.querySelectorAll('body *')) {
        if (e.closest('video, script, style, noscript') || !e.getClientRects().length) continue;
        const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!own) continue;
        const s = getComputedStyle(e);
        if (s.visibility === 'hidden' || parseFloat(s.opacity) === 0) continue;
        const a = lum(rgb(s.color)), b = lum(background(e));
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight) >= 700;
        const large = size >= 24 || (bold && size >= 18.66);
        out.push({text: e.textContent.trim().slice(0, 40), ratio: Math.round(ratio * 100) / 100,
                  need: large ? 3 : 4.5});
    }
    return out;
}"""


def _ratio(colours: dict[str, str], a: str, b: str) -> float:
    def lum(h: str) -> float:
        c = [int(h[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    x, y = sorted((lum(colours[a]), lum(colours[b])), reverse=True)
    return (x + 0.05) / (y + 0.05)


def assert_contrast(page) -> None:
    """Every visible piece of text on the page as it is now: WCAG AA (4.5:1, 3:1 if large)."""
    checked = page.evaluate(CONTRAST)
    assert len(checked) > 40
    assert [c for c in checked if c["ratio"] < c["need"]] == []


def test_focus_rings_and_borders_meet_wcag_aa() -> None:
    """Non-text contrast (WCAG 1.4.11): focus rings and control borders 3:1 where they show."""
    css = (ROOT / "assets" / "viewer" / "viewer.css").read_text()
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", css))
    for line, ground in [("focus", "bg"), ("focus", "surface"), ("focus", "ok-bg"),
                         ("focus", "bad-bg"), ("focus", "highlight"), ("focus", "accent-soft"),
                         ("control-border", "surface"), ("accent", "accent-soft"),
                         ("accent", "surface")]:
        assert _ratio(colours, line, ground) >= 3, (line, ground)
    rules = css[css.index("}", css.index(":root {")):]  # every colour is a variable
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b|rgba?\(", rules)


def test_phone_viewport_fits(browser, url) -> None:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = open_page(context, url)
    try:
        sizes = page.evaluate("""() => ({
            page: document.documentElement.scrollWidth,
            video: document.getElementById('video').getBoundingClientRect().width,
            small: [...document.querySelectorAll('.chapter, .sentence, .choice label, '
                                                 + '#quiz-check, .follow')]
                   .filter(e => e.getBoundingClientRect().height < 24).length,
            chapter: document.querySelector('.chapter').getBoundingClientRect().height})""")
        assert sizes["page"] <= PHONE["width"], sizes  # no sideways scrolling
        assert 300 <= sizes["video"] <= PHONE["width"]
        assert sizes["chapter"] >= 44 and sizes["small"] == 0
        page.locator(".chapter").nth(1).tap()
        seeked_to(page, 4.4)
        assert current_chapter(page) == "Second flash"
        page.locator(".sentence", has_text="And it ends in white.").tap()
        seeked_to(page, 6.5)
        page.evaluate("document.getElementById('video').pause()")
        answer_quiz(page, "BBCDA", clicks=False)
        assert page.locator("#quiz-result h3").inner_text() == "You scored 80% (4 of 5)"
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert_contrast(page)
        assert page.js_errors == []
    finally:
        context.close()


def test_works_from_file_url(desktop, site: Path) -> None:
    """Opened straight from the build folder: the video plays and the captions load."""
    page = open_page(desktop, (site / "index.html").as_uri())
    try:
        state = page.evaluate("""async () => {
            const v = document.getElementById('video');
            v.muted = true;
            await v.play();
            await new Promise(r => setTimeout(r, 400));
            v.pause();
            const track = v.textTracks[0];
            for (let i = 0; i < 50 && !(track.cues && track.cues.length); i++)
                await new Promise(r => setTimeout(r, 50));
            return {t: v.currentTime, mode: track.mode,
                    cues: track.cues ? track.cues.length : 0,
                    first: track.cues && track.cues.length ? track.cues[0].text : null};
        }""")
        assert state["t"] > 0.1 and state["mode"] == "showing"
        assert state["cues"] == 4 and state["first"] == "The first cue is red."
        page.locator(".chapter").nth(1).click()
        seeked_to(page, 4.4)
        assert current_chapter(page) == "Second flash"
        assert page.js_errors == []
    finally:
        page.close()
