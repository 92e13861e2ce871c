/* The easy-read voice form's writer: the page's state as a coprod-voice/1 response file.
 *
 * The engine (form.js) asks it for the file when the save button is pressed; this script
 * knows only the voice file, read from spec.voice: one respondent with a random id (so an
 * import can tell the same file given twice), the group, age band, who helped and the
 * answers, stamped with the rubric, the service and the form version. No name is asked, so
 * none is written. After saving it shows the thank-you; the engine wipes the kept answers.
 * Every string JSON-quoted, as form.js writes answers files; text only via textContent
 * (the engine's `put`, handed to `ready`, so a bilingual page shows both languages).
 */
(function () {
  "use strict";
  function q(text) {
    return JSON.stringify(String(text)).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
      function (ch) { return "\\u" + ("000" + ch.charCodeAt(0).toString(16)).slice(-4); });
  }
  function randomId() {
    var bytes = new Uint8Array(8);
    window.crypto.getRandomValues(bytes);
    return "f" + Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }
  function chosen(state, key) {
    var e = key ? state.answers[key] : null;
    return e && typeof e.value === "string" && e.value ? e.value : null;
  }
  function file(spec, state) {
    var v = spec.voice;
    var id = randomId();
    var out = spec.strings.file_header.map(function (line) { return "# " + line; });
    out.push("format: " + q(v.format), "rubric:", "  id: " + q(spec.stamp.rubric),
      "  version: " + q(spec.stamp.version), "service: " + q(v.service), "source:",
      "  collector: " + q(v.collector), "  form_version: " + q(spec.stamp.form_version),
      "respondents:", "  - id: " + q(id), "    group: " + q(v.group),
      "    age_band: " + q(chosen(state, v.age_key) || "not-said"),
      "    helped_by: " + q(chosen(state, v.help_key) || "not-said"));
    var answers = v.items.filter(function (item) { return chosen(state, "item." + item); });
    if (answers.length) {
      out.push("    answers:");
      answers.forEach(function (item) {
        out.push("      " + q(item) + ": " + q(chosen(state, "item." + item)));
      });
    }
    return {name: v.file_stem + "." + id + ".yaml", text: out.join("\n") + "\n"};
  }
  var put = function (node, text) { node.textContent = text; return node; };
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { put(node, text); }
    return node;
  }
  function ready(spec, engineText) {
    if (engineText) { put = engineText; }
    var S = spec.strings;
    var kept = el("p", {id: "kept-note", "class": "hint"}, S.kept);
    var intro = document.getElementById("form-intro");
    intro.parentNode.insertBefore(kept, intro.nextSibling);
    var thanks = el("section", {id: "thanks", "aria-labelledby": "thanks-title"});
    thanks.hidden = true;
    thanks.appendChild(el("h2", {id: "thanks-title", tabindex: "-1"}, S.thanks_title));
    thanks.appendChild(el("p", {id: "thanks-text"}, S.thanks));
    var again = el("button", {type: "button", id: "next-person"}, S.next_person);
    // A fresh page for the next person: the kept answers are already wiped.
    again.addEventListener("click", function () { window.location.reload(); });
    thanks.appendChild(again);
    document.getElementById("main").appendChild(thanks);
  }
  function saved(spec, forget) {
    forget();
    ["form-root", "review"].forEach(function (id) { document.getElementById(id).hidden = true; });
    document.querySelector("#main .steps").hidden = true;
    document.querySelector("nav").hidden = true;
    document.getElementById("progress").textContent = "";
    document.getElementById("form-status").textContent = "";
    document.getElementById("thanks").hidden = false;
    document.getElementById("thanks-title").focus();
  }
  window.coprodWriters = window.coprodWriters || {};
  window.coprodWriters.voice = {file: file, ready: ready, saved: saved};
}());
