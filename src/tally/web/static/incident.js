// Incident page: clicking a claim shows its own report's text with the
// claim's sentence and figure highlighted; clicking a step of the timeline
// chart (or its row) does the same in the text of the report's version that
// gave the figure; "show text" on a report shows that report's text. The texts come from a JSON block and are only ever put into
// the page as text nodes (never innerHTML).
(function () {
  "use strict";
  var dataEl = document.getElementById("doc-data");
  var pre = document.getElementById("doctext");
  var caption = document.getElementById("doctext-report");
  if (!dataEl || !pre) return;
  var doc = JSON.parse(dataEl.textContent);
  var reports = doc.reports || {};
  var cps = [];      // its code points: offsets are Python string indexes, JS strings are UTF-16
  function slice(a, b) { return cps.slice(a, b).join(""); }
  function valid(a, b) { return Number.isInteger(a) && Number.isInteger(b) && 0 <= a && a <= b && b <= cps.length; }
  function has(id) { return Object.prototype.hasOwnProperty.call(reports, id); }

  function load(id) {
    if (!has(id)) id = doc.first;
    var rep = reports[id] || {text: ""};
    cps = Array.from(rep.text || "");
    pre.setAttribute("data-report", id);
    if (rep.language) pre.setAttribute("lang", rep.language); else pre.removeAttribute("lang");
    if (caption) {
      caption.textContent = "";
      caption.appendChild(document.createTextNode("Report " + rep.n + ": "));
      var label = document.createElement("span");
      label.className = "report-label";
      label.textContent = rep.label || "";
      caption.appendChild(label);
      caption.appendChild(document.createTextNode(" "));
      var code = document.createElement("code");
      code.textContent = id;
      caption.appendChild(code);
    }
    document.querySelectorAll("tr.report.shown").forEach(function (r) { r.classList.remove("shown"); });
    var report = rep.report || id;  // an earlier version's text: its report's row
    document.querySelectorAll("tr.report").forEach(function (r) {
      if (r.getAttribute("data-report") === report) r.classList.add("shown");
    });
  }

  function showText(id) {
    load(id);
    pre.textContent = slice(0, cps.length);
    unselect();
    pre.scrollTop = 0;
    pre.scrollIntoView({block: "nearest"});
  }

  function unselect() {
    document.querySelectorAll("tr.claim.selected, tr.point.selected, g.step.selected").forEach(function (r) {
      r.classList.remove("selected");
    });
  }

  // a claim of the record: its sentence in its report's current text
  function show(i) {
    var c = doc.claims[i];
    if (!c) return;
    highlight(c);
    var row = document.querySelector('tr.claim[data-claim="' + i + '"]');
    if (row) row.classList.add("selected");
  }

  // a point of the timeline: its sentence in the text of its report's version
  function showPoint(i) {
    var c = (doc.points || [])[i];
    if (!c) return;
    highlight(c);
    document.querySelectorAll('[data-point="' + i + '"]').forEach(function (el) { el.classList.add("selected"); });
  }

  function highlight(c) {
    load(c.report);
    unselect();
    if (!valid(c.start, c.end)) { pre.textContent = slice(0, cps.length); return; }
    pre.textContent = "";
    pre.appendChild(document.createTextNode(slice(0, c.start)));
    var sentence = document.createElement("mark");
    sentence.className = "sentence";
    sentence.id = "highlight";
    if (valid(c.figure_start, c.figure_end) && c.start <= c.figure_start && c.figure_end <= c.end) {
      sentence.appendChild(document.createTextNode(slice(c.start, c.figure_start)));
      var fig = document.createElement("mark");
      fig.className = "figure";
      fig.textContent = slice(c.figure_start, c.figure_end);
      sentence.appendChild(fig);
      sentence.appendChild(document.createTextNode(slice(c.figure_end, c.end)));
    } else {
      sentence.textContent = slice(c.start, c.end);
    }
    pre.appendChild(sentence);
    pre.appendChild(document.createTextNode(slice(c.end, cps.length)));
    // scroll the text box (not the page) to the sentence
    var box = pre.getBoundingClientRect();
    if (box.top > window.innerHeight || box.bottom < 0) {
      pre.scrollIntoView({block: "nearest"});
      box = pre.getBoundingClientRect();
    }
    var visible = Math.min(pre.clientHeight, window.innerHeight - Math.max(box.top, 0));
    pre.scrollTop = Math.max(0, sentence.offsetTop - pre.offsetTop - visible / 3);
    var at = sentence.getBoundingClientRect();
    if (at.top < 0 || at.bottom > window.innerHeight) sentence.scrollIntoView({block: "center"});
  }

  load(pre.getAttribute("data-report") || doc.first);

  document.querySelectorAll("a.claim-ref").forEach(function (a) {
    a.addEventListener("click", function (e) {
      e.preventDefault();
      show(parseInt(a.getAttribute("data-claim"), 10));
    });
  });

  document.querySelectorAll("a.report-text").forEach(function (a) {
    a.addEventListener("click", function (e) {
      e.preventDefault();
      showText(a.getAttribute("data-report"));
    });
  });

  // a click (or Enter, or space) on each element of `selector` calls fn with its `attr` as a number
  function clickable(selector, attr, fn) {
    document.querySelectorAll(selector).forEach(function (el) {
      var i = parseInt(el.getAttribute(attr), 10);
      el.addEventListener("click", function (e) {
        if (e.target.closest && e.target.closest("a")) return;  // the report link in the row
        fn(i);
      });
      el.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); fn(i); }
      });
    });
  }

  clickable("tr.claim", "data-claim", show);
  // the timeline's steps (SVG groups) and its table rows
  clickable("g.step[data-point], tr.point[data-point]", "data-point", showPoint);
})();
