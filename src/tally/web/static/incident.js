// Incident page: clicking a claim shows the document text with the claim's
// sentence and figure highlighted. The text comes from a JSON block and is
// only ever put into the page as text nodes (never innerHTML).
(function () {
  "use strict";
  var dataEl = document.getElementById("doc-data");
  var pre = document.getElementById("doctext");
  if (!dataEl || !pre) return;
  var doc = JSON.parse(dataEl.textContent);
  // offsets are Python string indexes (code points); JS strings are UTF-16
  var cps = Array.from(doc.text || "");
  function slice(a, b) { return cps.slice(a, b).join(""); }
  function valid(a, b) { return Number.isInteger(a) && Number.isInteger(b) && 0 <= a && a <= b && b <= cps.length; }

  function show(i) {
    var c = doc.claims[i];
    if (!c || !valid(c.start, c.end)) return;
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
    document.querySelectorAll("tr.claim.selected").forEach(function (r) { r.classList.remove("selected"); });
    var row = document.querySelector('tr.claim[data-claim="' + i + '"]');
    if (row) row.classList.add("selected");
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

  document.querySelectorAll("a.claim-ref").forEach(function (a) {
    a.addEventListener("click", function (e) {
      e.preventDefault();
      show(parseInt(a.getAttribute("data-claim"), 10));
    });
  });

  document.querySelectorAll("tr.claim").forEach(function (row) {
    var i = parseInt(row.getAttribute("data-claim"), 10);
    row.addEventListener("click", function () { show(i); });
    row.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); show(i); }
    });
  });
})();
