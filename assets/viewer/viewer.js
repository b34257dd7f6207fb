/* The viewer's page: chapters, a transcript that follows the voice, and the module quiz.
   Everything comes from the JSON embedded in the page (file:// pages cannot fetch). */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("viewer-data").textContent);
  var video = document.getElementById("video");
  var EPS = 0.001;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "className") node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function clock(seconds) {
    var s = Math.max(0, Math.floor(seconds + EPS));
    var m = Math.floor(s / 60);
    var h = Math.floor(m / 60);
    var ss = String(s % 60).padStart(2, "0");
    return h ? h + ":" + String(m % 60).padStart(2, "0") + ":" + ss : m + ":" + ss;
  }

  function spoken(seconds) {
    var s = Math.round(seconds);
    var m = Math.floor(s / 60);
    var parts = [];
    if (m) parts.push(m + (m === 1 ? " minute" : " minutes"));
    if (s % 60 || !m) parts.push((s % 60) + ((s % 60) === 1 ? " second" : " seconds"));
    return parts.join(" ");
  }

  /* The last item whose start is at or before t (items sorted by start). */
  function indexAt(items, t) {
    var lo = 0, hi = items.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (items[mid].start <= t + EPS) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  function reducedMotion() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  function showVideo() {
    var box = video.getBoundingClientRect();
    if (box.top < 0 || box.bottom > window.innerHeight) {
      video.scrollIntoView({ block: "start", behavior: reducedMotion() ? "auto" : "smooth" });
    }
  }

  function seek(t, play) {
    video.currentTime = Math.min(Math.max(t, 0), data.duration);
    update();
    if (play) {
      var started = video.play();
      if (started && started.catch) started.catch(function () { /* the user can press play */ });
    }
  }

  /* ---- captions: on by default; a file:// page cannot load the .vtt, so use the copy ---- */
  function setUpCaptions() {
    var track = document.getElementById("captions");
    if (location.protocol === "file:" && data.vtt && window.Blob && window.URL) {
      var copy = el("track", { id: "captions", kind: "captions", srclang: "en",
                               label: "English", default: "" });
      copy.src = URL.createObjectURL(new Blob([data.vtt], { type: "text/vtt" }));
      track.parentNode.replaceChild(copy, track);
    }
    if (video.textTracks.length) video.textTracks[0].mode = "showing";
  }

  /* ---- header ---- */
  document.getElementById("meta").textContent = data.chapters.length +
    (data.chapters.length === 1 ? " chapter" : " chapters") + " · " + clock(data.duration) +
    (data.quiz ? " · " + data.quiz.questions.length + "-question quiz" : "");

  /* ---- chapters ---- */
  var chapterButtons = data.chapters.map(function (chapter, i) {
    var button = el("button", { type: "button", className: "chapter",
                                "data-start": String(chapter.start),
                                "aria-label": "Chapter " + (i + 1) + ": " + chapter.title +
                                  ", starts at " + spoken(chapter.start) }, [
      el("span", { className: "chapter-num", "aria-hidden": "true", text: String(i + 1) }),
      el("span", { className: "chapter-title", "aria-hidden": "true", text: chapter.title }),
      el("span", { className: "chapter-time", "aria-hidden": "true", text: clock(chapter.start) })
    ]);
    button.addEventListener("click", function () { seek(chapter.start, true); showVideo(); });
    document.getElementById("chapter-list").appendChild(el("li", {}, [button]));
    return button;
  });

  /* ---- transcript ---- */
  var sentences = [];
  var transcriptBox = document.getElementById("transcript");
  data.transcript.forEach(function (chapter, c) {
    var section = el("section", { className: "transcript-chapter",
                                  "aria-labelledby": "tc-" + c });
    section.appendChild(el("h3", { id: "tc-" + c, text: (c + 1) + ". " + chapter.title }));
    chapter.cues.forEach(function (cue) {
      var para = el("p", { className: "cue" });
      cue.forEach(function (sentence) {
        var button = el("button", { type: "button", className: "sentence", tabindex: "-1",
                                    "data-start": String(sentence.start),
                                    "data-end": String(sentence.end) }, [
          el("span", { className: "sentence-time", "aria-hidden": "true",
                       text: clock(sentence.start) }),
          el("span", { className: "sentence-text", text: sentence.text })
        ]);
        var index = sentences.length;
        button.addEventListener("click", function () { seek(sentence.start, true); });
        button.addEventListener("keydown", function (event) { moveInTranscript(event, index); });
        para.appendChild(button);
        sentences.push({ start: sentence.start, end: sentence.end, button: button });
      });
      section.appendChild(para);
    });
    transcriptBox.appendChild(section);
  });
  if (sentences.length) sentences[0].button.tabIndex = 0;
  else transcriptBox.appendChild(el("p", { text: "This video has no narration." }));

  /* One tab stop for the whole transcript (a roving tabindex); arrows move within it. */
  var roving = 0;
  function focusSentence(i) {
    i = Math.max(0, Math.min(sentences.length - 1, i));
    sentences[roving].button.tabIndex = -1;
    roving = i;
    sentences[i].button.tabIndex = 0;
    sentences[i].button.focus();
  }
  function moveInTranscript(event, i) {
    var to = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: sentences.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    focusSentence(to);
  }
  function followRoving(i) {
    if (document.activeElement && document.activeElement.classList.contains("sentence")) return;
    sentences[roving].button.tabIndex = -1;
    roving = i;
    sentences[i].button.tabIndex = 0;
  }

  /* ---- following playback ---- */
  var follow = document.getElementById("follow");
  var currentChapter = -2, currentSentence = -2;

  function scrollTranscriptTo(button) {
    var box = transcriptBox;
    if (box.scrollHeight <= box.clientHeight + 1) return; // not a scrolling box (phones)
    var top = button.offsetTop - box.offsetTop;
    if (top < box.scrollTop + 40 || top + button.offsetHeight > box.scrollTop + box.clientHeight - 40) {
      box.scrollTo({ top: Math.max(0, top - box.clientHeight / 3),
                     behavior: reducedMotion() ? "auto" : "smooth" });
    }
  }

  function update() {
    var t = video.currentTime;
    var c = indexAt(data.chapters, t);
    if (c !== currentChapter) {
      chapterButtons.forEach(function (b, i) {
        if (i === c) b.setAttribute("aria-current", "true"); else b.removeAttribute("aria-current");
      });
      currentChapter = c;
    }
    var s = indexAt(sentences, t);
    if (s !== currentSentence) {
      if (currentSentence >= 0) sentences[currentSentence].button.removeAttribute("aria-current");
      if (s >= 0) {
        sentences[s].button.setAttribute("aria-current", "true");
        followRoving(s);
        if (follow.checked) scrollTranscriptTo(sentences[s].button);
      }
      currentSentence = s;
    }
  }

  var ticking = false;
  function tick() {
    update();
    if (!video.paused && !video.ended) window.requestAnimationFrame(tick);
    else ticking = false;
  }
  video.addEventListener("play", function () {
    if (!ticking) { ticking = true; window.requestAnimationFrame(tick); }
  });
  ["timeupdate", "seeked", "seeking", "loadedmetadata"].forEach(function (name) {
    video.addEventListener(name, update);
  });
  follow.addEventListener("change", function () {
    if (follow.checked && currentSentence >= 0) scrollTranscriptTo(sentences[currentSentence].button);
  });

  var status = document.getElementById("video-status");
  video.addEventListener("error", function () {
    status.hidden = false;
    status.textContent = "The video could not be loaded. Keep this page next to " +
      data.video + " and " + data.vtt_name + ".";
  }, true);

  /* ---- quiz ---- */
  function readBest() {
    try { return JSON.parse(window.localStorage.getItem(data.quiz.storage_key) || "null"); }
    catch (e) { return null; }
  }

  function keepBest(result) {
    var best = readBest();
    if (best && best.percent >= result.percent) return best;
    try { window.localStorage.setItem(data.quiz.storage_key, JSON.stringify(result)); }
    catch (e) { /* storage off: the score still shows */ }
    return result;
  }

  function bestText(best) {
    if (!best) return "No score saved yet.";
    return "Your best score: " + best.percent + "% (" + best.correct + " of " + best.total +
      ")" + (best.percent >= data.quiz.pass_percent ? ". Module complete." : ".");
  }

  function buildQuiz(root) {
    var quiz = data.quiz;
    var total = quiz.questions.length;
    root.textContent = "";
    root.appendChild(el("p", { className: "quiz-intro", text: total + " questions · Score " +
      quiz.pass_percent + "% or higher to complete this module. Retake it as often as you " +
      "like; your best score is saved in this browser." }));
    var best = el("p", { className: "best", id: "quiz-best", text: bestText(readBest()) });
    root.appendChild(best);

    var form = el("form", { id: "quiz-form", novalidate: "" });
    var fieldsets = quiz.questions.map(function (q, n) {
      var legend = el("legend", {}, [
        el("span", { className: "q-num", text: "Question " + (n + 1) + " of " + total }),
        el("span", { className: "q-text", text: q.text })
      ]);
      var set = el("fieldset", { className: "question", id: "q" + n,
                                 "aria-describedby": "q" + n + "-feedback" }, [legend]);
      q.choices.forEach(function (choice, i) {
        var id = "q" + n + "-" + i;
        var letter = "ABCD".charAt(i);
        set.appendChild(el("div", { className: "choice" }, [
          el("input", { type: "radio", name: "q" + n, id: id, value: String(i) }),
          el("label", { for: id }, [
            el("span", { className: "letter", "aria-hidden": "true", text: letter }),
            el("span", { text: choice })
          ])
        ]));
      });
      set.appendChild(el("div", { className: "feedback", id: "q" + n + "-feedback", hidden: "" }));
      form.appendChild(set);
      return set;
    });

    var error = el("p", { className: "form-error", id: "quiz-error", role: "alert" });
    var check = el("button", { type: "submit", className: "primary", id: "quiz-check",
                               text: "Check my answers" });
    var retake = el("button", { type: "button", className: "secondary", id: "quiz-retake",
                                text: "Retake the quiz", hidden: "" });
    /* the result comes before the buttons, so Tab from it reaches "Retake the quiz" */
    var result = el("div", { className: "result", id: "quiz-result", tabindex: "-1",
                             hidden: "" });
    form.appendChild(error);
    form.appendChild(result);
    form.appendChild(el("div", { className: "quiz-actions" }, [check, retake]));
    root.appendChild(form);

    function chosen(n) {
      var picked = form.querySelector("input[name=q" + n + "]:checked");
      return picked ? Number(picked.value) : -1;
    }

    function rewatchBlock(q) {
      var where = q.rewatch;
      var box = el("p", { className: "rewatch", "data-scene": where.scene });
      var label = "Re-watch chapter " + where.number + ": " + where.title;
      box.appendChild(document.createTextNode(label + " "));
      var go = el("button", { type: "button", className: "link-button",
                              "aria-label": "Play chapter " + where.number + ", " + where.title +
                                ", from " + spoken(where.start),
                              text: "Play from " + clock(where.start) });
      go.addEventListener("click", function () { seek(where.start, true); showVideo(); video.focus(); });
      box.appendChild(go);
      return box;
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var answers = quiz.questions.map(function (q, n) { return chosen(n); });
      var missing = answers.indexOf(-1);
      if (missing >= 0) {
        error.textContent = "Answer every question first: question " + (missing + 1) +
          " has no answer yet.";
        form.querySelector("input[name=q" + missing + "]").focus();
        return;
      }
      error.textContent = "";
      var correct = 0;
      quiz.questions.forEach(function (q, n) {
        var right = answers[n] === q.answer;
        if (right) correct += 1;
        var feedback = document.getElementById("q" + n + "-feedback");
        feedback.textContent = "";
        feedback.className = "feedback " + (right ? "is-right" : "is-wrong");
        var answerText = q.choices[q.answer].replace(/\s+$/, "");
        if (!/[.!?]$/.test(answerText)) answerText += ".";
        feedback.appendChild(el("p", {}, [
          el("strong", { text: right ? "✓ Correct." : "✗ Not quite." }),
          document.createTextNode(right ? " " + q.explanation
            : " The answer is " + "ABCD".charAt(q.answer) + ": " + answerText + " " +
              q.explanation)
        ]));
        if (!right) feedback.appendChild(rewatchBlock(q));
        feedback.hidden = false;
        fieldsets[n].querySelectorAll("input").forEach(function (input) { input.disabled = true; });
      });
      var percent = Math.round(100 * correct / quiz.questions.length);
      var passed = percent >= quiz.pass_percent;
      var kept = keepBest({ percent: percent, correct: correct, total: quiz.questions.length,
                            passed: passed, date: new Date().toISOString() });
      best.textContent = bestText(kept);
      result.textContent = "";
      result.className = "result " + (passed ? "is-right" : "is-wrong");
      result.appendChild(el("h3", { text: "You scored " + percent + "% (" + correct + " of " +
        quiz.questions.length + ")" }));
      result.appendChild(el("p", { text: passed
        ? "That passes: this module is complete."
        : "You need " + quiz.pass_percent + "% to complete the module. Re-watch the chapters " +
          "named under the questions you missed, then retake the quiz." }));
      result.hidden = false;
      check.hidden = true;
      retake.hidden = false;
      result.focus();
    });

    retake.addEventListener("click", function () {
      form.reset();
      form.querySelectorAll("input").forEach(function (input) { input.disabled = false; });
      form.querySelectorAll(".feedback").forEach(function (f) { f.hidden = true; f.textContent = ""; });
      result.hidden = true;
      retake.hidden = true;
      check.hidden = false;
      form.querySelector("input").focus();
    });
  }

  var quizRoot = document.getElementById("quiz-root");
  if (data.quiz) buildQuiz(quizRoot);
  else document.getElementById("quiz-section").hidden = true;
  if (!data.quiz) document.querySelector(".skip").hidden = true;

  setUpCaptions();
  update();
})();
