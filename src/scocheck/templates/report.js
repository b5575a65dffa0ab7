(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("report-data").textContent);
  var grid = document.getElementById("grid");
  var panel = document.getElementById("panel");
  var onlyDisputed = document.getElementById("only-disputed");
  var sourceFilter = document.getElementById("source-filter");
  var shown = document.getElementById("shown");
  var rows = Array.prototype.slice.call(grid.tBodies[0].rows);
  var selected = null;

  // Text always goes in through textContent, never as markup.
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function passageView(passage, claimValue) {
    var box = element("div", "passage " + (passage.agrees ? "agrees" : "differs"));
    var where = element("p", "where");
    where.appendChild(element("b", "", passage.source + ", line " + passage.line));
    var stance = passage.agrees ? " states " + passage.value : " states " + passage.value + ", not " + claimValue;
    where.appendChild(document.createTextNode(stance + (passage.acknowledged ? " (acknowledged in disputed_by)" : "")));
    box.appendChild(where);
    var quote = element("blockquote", "quote");
    quote.appendChild(document.createTextNode(passage.before));
    if (passage.match) quote.appendChild(element("mark", "", passage.match));
    quote.appendChild(document.createTextNode(passage.after));
    box.appendChild(quote);
    if (passage.note) box.appendChild(element("p", "note", "Note: " + passage.note));
    return box;
  }

  function openCell(button) {
    var claim = data.claims[Number(button.getAttribute("data-row"))];
    var column = Number(button.getAttribute("data-col"));
    var passages = claim.cells[column];
    if (selected) selected.setAttribute("aria-pressed", "false");
    selected = button;
    button.setAttribute("aria-pressed", "true");

    var close = element("button", "close", "Close");
    close.type = "button";
    close.addEventListener("click", closePanel);
    var views = [close, element("h3", "claim-id", claim.id), element("p", "statement", claim.statement),
                 element("p", "registry", "Registry value: " + claim.value + " (" + claim.status + ")"),
                 element("h4", "", data.sources[column] + ": " + passages.length +
                         (passages.length === 1 ? " passage" : " passages"))];
    passages.forEach(function (passage) { views.push(passageView(passage, claim.value)); });
    panel.replaceChildren.apply(panel, views);
  }

  function closePanel() {
    if (selected) {
      selected.setAttribute("aria-pressed", "false");
      selected.focus();
    }
    selected = null;
    panel.replaceChildren(element("p", "hint", "Choose a \u2713 or \u2717 cell to read what the source says, with its line."));
  }

  // Filters: only disputed claims; one source (its column marked, claims it is silent on hidden).
  function applyFilters() {
    var column = sourceFilter.value === "" ? -1 : Number(sourceFilter.value);
    var visible = 0;
    rows.forEach(function (row) {
      var hide = onlyDisputed.checked && row.getAttribute("data-disputed") !== "true";
      if (column >= 0) {
        var cell = row.querySelector('td.cell[data-col="' + column + '"]');
        hide = hide || cell.getAttribute("data-state") === "silent";
      }
      row.hidden = hide;
      if (!hide) visible += 1;
    });
    Array.prototype.forEach.call(document.querySelectorAll("#grid [data-col]"), function (node) {
      if (node.tagName === "BUTTON") return;
      node.classList.toggle("focus", Number(node.getAttribute("data-col")) === column);
    });
    Array.prototype.forEach.call(document.querySelectorAll("#summary tbody tr"), function (row, index) {
      row.classList.toggle("focus", index === column);
    });
    shown.textContent = "Showing " + visible + " of " + rows.length + " claims";
  }

  grid.addEventListener("click", function (event) {
    var button = event.target.closest("button.mark");
    if (button) openCell(button);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && selected) closePanel();
  });
  onlyDisputed.addEventListener("change", applyFilters);
  sourceFilter.addEventListener("change", applyFilters);
  applyFilters();
})();
