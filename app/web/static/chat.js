// Streams the interviewer's replies on the interview page.
//
// Without this script every form[data-chat] is a plain POST that reloads the page. With it,
// the same forms post to the v1 API with `Accept: text/event-stream` and the reply is drawn
// token by token. Server-sent events: `message` (the stored candidate message), `token`
// (a JSON string), `reset` (drop the text so far), `done` (a TurnOut JSON), `error`.
// All text goes into text nodes: nothing received is ever parsed as HTML.
(function () {
  "use strict";

  var composer = document.getElementById("composer");
  var transcript = document.getElementById("transcript");
  if (!composer || !transcript || !window.fetch || !window.TextDecoder) return;

  var textarea = document.getElementById("content");
  var errorBox = document.getElementById("chat-error");
  var live = document.getElementById("live");
  var root = document.getElementById("interview");
  var apiUrl = composer.getAttribute("data-api");
  var sessionUrl = composer.getAttribute("data-session-api");
  var chatForms = Array.prototype.slice.call(document.querySelectorAll("form[data-chat]"));
  var busy = false;

  document.body.classList.add("js");

  // --- small helpers -----------------------------------------------------------------------

  function stageName(stage) {
    var el = document.querySelector('#stages [data-stage="' + stage + '"] .stage-name');
    return el ? el.textContent.trim() : stage;
  }

  function lastStage() {
    var items = transcript.querySelectorAll("li[data-stage]");
    return items.length ? items[items.length - 1].getAttribute("data-stage") : null;
  }

  function addSeparator(stage) {
    var li = document.createElement("li");
    li.className = "stage-sep";
    li.setAttribute("data-stage", stage);
    var span = document.createElement("span");
    span.textContent = stageName(stage);
    li.appendChild(span);
    transcript.appendChild(li);
    return li;
  }

  function addMessage(role, text) {
    var li = document.createElement("li");
    li.className = "msg " + role;
    var who = document.createElement("span");
    who.className = "who";
    who.textContent = role === "interviewer" ? "Interviewer" : "You";
    var body = document.createElement("div");
    body.className = "text";
    var node = document.createTextNode(text || "");
    body.appendChild(node);
    li.appendChild(who);
    li.appendChild(body);
    transcript.appendChild(li);
    return { li: li, node: node };
  }

  // Keep the newest message in view above the sticky composer.
  function scrollToEnd(el) {
    var area = document.getElementById("composer-area");
    var covered = area && !area.hidden ? area.getBoundingClientRect().height : 0;
    var overshoot = el.getBoundingClientRect().bottom - (window.innerHeight - covered - 12);
    if (overshoot > 0) window.scrollBy(0, overshoot);
  }

  function showError(text) {
    errorBox.textContent = text;
    errorBox.hidden = !text;
  }

  function setBusy(on) {
    busy = on;
    root.setAttribute("data-busy", on ? "true" : "false");
    transcript.setAttribute("aria-busy", on ? "true" : "false");
    chatForms.forEach(function (form) {
      form.querySelectorAll("button").forEach(function (b) { b.disabled = on; });
    });
    var send = document.getElementById("send");
    if (send) send.textContent = on ? "Sending…" : "Send";
  }

  async function problemDetail(response) {
    try {
      var body = await response.json();
      if (body && body.detail) return body.detail;
    } catch (e) { /* not JSON */ }
    return "The server answered " + response.status + ". Try again.";
  }

  // --- server-sent events over fetch ---------------------------------------------------------

  function parseBlock(block) {
    var name = "message";
    var data = [];
    block.split("\n").forEach(function (line) {
      if (!line || line.charAt(0) === ":") return;
      var i = line.indexOf(":");
      var field = i < 0 ? line : line.slice(0, i);
      var value = i < 0 ? "" : line.slice(i + 1);
      if (value.charAt(0) === " ") value = value.slice(1);
      if (field === "event") name = value;
      else if (field === "data") data.push(value);
    });
    return data.length ? { event: name, data: data.join("\n") } : null;
  }

  async function readEvents(response, onEvent) {
    var reader = response.body.getReader();
    var decoder = new TextDecoder();
    var buffer = "";
    for (;;) {
      var chunk = await reader.read();
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      // Normalise CRLF/CR to LF, but keep a trailing CR until we know what follows it.
      var hold = "";
      if (buffer.charAt(buffer.length - 1) === "\r") {
        hold = "\r";
        buffer = buffer.slice(0, -1);
      }
      buffer = buffer.replace(/\r\n?/g, "\n");
      var cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        var ev = parseBlock(buffer.slice(0, cut));
        buffer = buffer.slice(cut + 2);
        if (ev && onEvent(ev) === false) {
          reader.cancel().catch(function () {});
          return;
        }
      }
      buffer += hold;
    }
    var rest = parseBlock(buffer.replace(/\r\n?/g, "\n").trim());
    if (rest) onEvent(rest);
  }

  // --- the stage tracker -------------------------------------------------------------------

  function markStages(stage, status) {
    var now = document.getElementById("now-stage");
    if (now) {
      now.hidden = status !== "active";
      var strong = now.querySelector("strong");
      if (strong) strong.textContent = stageName(stage);
    }
    var seen = false;
    document.querySelectorAll("#stages .stage").forEach(function (li) {
      var current = li.getAttribute("data-stage") === stage;
      var state = status !== "active" ? (seen ? "upcoming" : "done")
        : current ? "current" : seen ? "upcoming" : "done";
      if (current) seen = true;
      setStage(li, state);
    });
  }

  function setStage(li, state) {
    li.classList.remove("is-done", "is-current", "is-upcoming");
    li.classList.add("is-" + state);
    if (state === "current") li.setAttribute("aria-current", "step");
    else li.removeAttribute("aria-current");
    var label = li.querySelector(".stage-status");
    if (label) label.textContent = "(" + state + ")";
  }

  function applyPlan(session) {
    (session.time_plan || []).forEach(function (p) {
      var li = document.querySelector('#stages [data-stage="' + p.stage + '"]');
      if (!li) return;
      setStage(li, p.status);
      var meter = li.querySelector("meter");
      if (meter) {
        meter.max = p.budget_minutes;
        meter.high = p.budget_minutes * 0.85;
        meter.value = p.spent_minutes;
        meter.textContent = p.spent_minutes + " of " + p.budget_minutes + " min";
      }
      var spent = li.querySelector(".spent");
      if (spent) spent.textContent = Number(p.spent_minutes).toFixed(1);
    });
    var hints = document.getElementById("hints-used");
    if (hints && typeof session.hints_used === "number") hints.textContent = session.hints_used;
  }

  async function refreshPlan() {
    try {
      var r = await fetch(sessionUrl, { headers: { Accept: "application/json" } });
      if (r.ok) applyPlan(await r.json());
    } catch (e) { /* the tracker is a nicety */ }
  }

  function showEnded(status) {
    if (status === "active") return;
    root.setAttribute("data-status", status);
    var area = document.getElementById("composer-area");
    if (area) area.hidden = true;
    var badge = document.getElementById("status-badge");
    if (badge) {
      badge.textContent = status;
      badge.className = "badge status-" + status;
    }
    var ended = document.getElementById("ended");
    if (ended) {
      ended.hidden = false;
      ended.scrollIntoView({ block: "center" });
      var button = document.getElementById("see-report");
      if (button) button.focus({ preventScroll: true });
    }
    stopClock();
  }

  // --- the clock -----------------------------------------------------------------------------

  var clock = document.getElementById("clock");
  var elapsed = document.getElementById("elapsed");
  var timer = null;
  if (clock && elapsed && clock.hasAttribute("data-started")) {
    var started = parseFloat(clock.getAttribute("data-started"));
    var skew = parseFloat(clock.getAttribute("data-now")) - Date.now() / 1000;
    var tick = function () {
      var minutes = (Date.now() / 1000 + skew - started) / 60;
      elapsed.textContent = String(Math.max(0, Math.round(minutes)));
    };
    tick();
    timer = window.setInterval(tick, 15000);
  }
  function stopClock() {
    if (timer) window.clearInterval(timer);
    timer = null;
  }

  // --- one turn ------------------------------------------------------------------------------

  async function send(text) {
    if (busy) return false;
    setBusy(true);
    showError("");
    var stage = lastStage();
    var mine = addMessage("candidate", text);
    mine.li.classList.add("pending");
    scrollToEnd(mine.li);
    var reply = null;
    var tokens = 0;
    var outcome = null;
    var failure = null;
    try {
      var response = await fetch(apiUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
        body: JSON.stringify({ content: text }),
      });
      if (!response.ok || !response.body) {
        mine.li.remove();
        failure = await problemDetail(response);
        return false;
      }
      await readEvents(response, function (ev) {
        if (ev.event === "message") {
          var m = JSON.parse(ev.data);
          if (m.stage && m.stage !== stage) {
            transcript.insertBefore(addSeparator(m.stage), mine.li);
            stage = m.stage;
          }
          mine.li.id = "m" + m.seq;
          mine.li.setAttribute("data-seq", m.seq);
          mine.li.setAttribute("data-stage", m.stage);
          mine.li.classList.remove("pending");
          reply = addMessage("interviewer", "");
          reply.li.classList.add("streaming");
          reply.li.setAttribute("data-tokens", "0");
        } else if (ev.event === "token" && reply) {
          reply.node.appendData(JSON.parse(ev.data));
          tokens += 1;
          reply.li.setAttribute("data-tokens", String(tokens));
          scrollToEnd(reply.li);
        } else if (ev.event === "reset" && reply) {
          reply.node.data = "";
        } else if (ev.event === "done") {
          outcome = JSON.parse(ev.data);
          return false;
        } else if (ev.event === "error") {
          var detail = "The reply failed; send your message again.";
          try { detail = JSON.parse(ev.data).detail || detail; } catch (e) { /* keep default */ }
          failure = detail;
          return false;
        }
        return true;
      });
      if (outcome) {
        var r = outcome.reply;
        if (!reply) reply = addMessage("interviewer", "");
        reply.node.data = r.content;
        reply.li.classList.remove("streaming");
        reply.li.id = "m" + r.seq;
        reply.li.setAttribute("data-seq", r.seq);
        if (r.stage !== stage) transcript.insertBefore(addSeparator(r.stage), reply.li);
        reply.li.setAttribute("data-stage", r.stage);
        scrollToEnd(reply.li);
        if (live) live.textContent = "Interviewer: " + r.content;
        markStages(outcome.stage, outcome.status);
        showEnded(outcome.status);
        refreshPlan();
        return true;
      }
      if (!failure) failure = "The connection closed before the reply was complete. Reload the page to see it.";
      if (reply) reply.li.classList.remove("streaming");
      return false;
    } catch (err) {
      failure = "Could not reach the server (" + (err && err.message ? err.message : err) + ").";
      return false;
    } finally {
      setBusy(false);
      if (failure) showError(failure);
      if (textarea && !textarea.closest("[hidden]")) textarea.focus({ preventScroll: true });
    }
  }

  // --- wiring --------------------------------------------------------------------------------

  chatForms.forEach(function (form) {
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      var field = form.querySelector("[name=content]");
      var text = field ? field.value.trim() : "";
      if (!text) {
        showError("Type a message first.");
        if (field) field.focus();
        return;
      }
      if (busy) return;
      var typed = field === textarea;
      if (typed) textarea.value = "";
      var ok = await send(text);
      if (!ok && typed && !textarea.value) textarea.value = text;
    });
  });

  if (textarea) {
    textarea.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.altKey && !event.ctrlKey &&
          !event.metaKey && !event.isComposing) {
        event.preventDefault();
        if (composer.requestSubmit) composer.requestSubmit();
        else composer.dispatchEvent(new Event("submit", { cancelable: true }));
      }
    });
  }
})();
