/* The coprod form engine: one spec (in #form-spec) becomes a form that saves as it goes.
 *
 * Generic on purpose: every question, choice, rule and sentence comes from the spec, so a
 * second form (another spec) reuses this script unchanged. It never scores: the page checks
 * completeness with the rules the spec carries, and `coprod score` gives the verdict.
 * The DOM is built with textContent only, so no rubric or typed text is ever read as markup.
 * A bilingual spec (`second_lang`) gives a text that differs between its languages as a pair
 * {cy: ..., en: ...}: `put` shows the Welsh, then the English in a span marked with its
 * language; `say`, `joined` and `counted` keep each language's words apart.
 */
(function () {
  "use strict";
  var spec = JSON.parse(document.getElementById("form-spec").textContent);
  var S = spec.strings;   // every text the page shows, already in the page's language
  var P = spec.plurals || {};
  var root = document.getElementById("form-root");
  var NA = "n/a";
  var state = restore() || clone(spec.prefill);
  var current = 0;       // the section on screen; spec.sections.length is the review
  var furthest = 0;      // progress never moves backwards
  var nodes = [];        // per question: its fieldset and refresh function

  function clone(x) { return JSON.parse(JSON.stringify(x)); }
  // ---- texts: a string, or in a bilingual spec a pair {cy: ..., en: ...} ----
  var FIRST = "cy", SECOND = "en";
  function isPair(t) { return t !== null && typeof t === "object" && !Array.isArray(t); }
  function pick(t, lang) { return isPair(t) && lang ? t[lang] : t; }
  // The same text made in each language: one string when both say the same.
  function both(make) {
    var first = make(FIRST), second = make(SECOND);
    return first === second ? first : {cy: first, en: second};
  }
  // Where no markup can go (the tab's title, an attribute): "Cymraeg / English".
  function flat(t) { return isPair(t) ? t[FIRST] + " / " + t[SECOND] : t; }
  function fill(template, fields) {
    return template.replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(fields || {}, k) ? String(fields[k]) : m;
    });
  }
  function say(template, fields) {
    var paired = isPair(template) || Object.keys(fields || {}).some(function (k) {
      return isPair(fields[k]);
    });
    if (!paired) { return fill(template, fields); }
    return both(function (lang) {
      var mine = {};
      Object.keys(fields || {}).forEach(function (k) { mine[k] = pick(fields[k], lang); });
      return fill(pick(template, lang), mine);
    });
  }
  function joined(texts, separator) {
    if (!texts.some(isPair)) { return texts.join(separator); }
    return both(function (lang) {
      return texts.map(function (t) { return pick(t, lang); }).join(separator);
    });
  }
  // A node's text: a pair as the Welsh, then the English in a span marked with its language
  // (a screen reader switches voice). `tail(lang)` may add a node after each language's words.
  function put(node, t, tail) {
    node.textContent = "";
    if (!isPair(t)) {
      node.textContent = t;
      var after = tail && tail(null);
      if (after) { node.appendChild(after); }
      return node;
    }
    node.appendChild(document.createTextNode(t[FIRST]));
    var first = tail && tail(FIRST);
    if (first) { node.appendChild(first); }
    var second = document.createElement("span");
    second.setAttribute("class", "second-language");
    second.setAttribute("lang", spec.second_lang);
    second.appendChild(document.createTextNode(t[SECOND]));
    var last = tail && tail(SECOND);
    if (last) { second.appendChild(last); }
    node.appendChild(second);
    return node;
  }
  // A sentence with a count the page knows only now: the spec gives every plural form of it
  // and the language's rule for which form a count takes (Welsh has six).
  function counted(role, count) {
    var forms = P[role];
    if (!forms) { return S[role]; }
    function form(list, rule) {
      return list[Object.prototype.hasOwnProperty.call(rule.exact, String(count))
        ? rule.exact[String(count)] : rule.other];
    }
    if (isPair(forms)) {
      return both(function (lang) { return form(forms[lang], spec.plural_rule[lang]); });
    }
    return form(forms, spec.plural_rule);
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) {
        node.setAttribute(k, attrs[k] === true ? "" : flat(attrs[k]));
      }
    });
    if (text !== undefined && text !== null) { put(node, text); }
    return node;
  }
  function entry(key) {
    if (!state.answers[key]) { state.answers[key] = {}; }
    return state.answers[key];
  }
  function value(key) { var e = state.answers[key]; return e ? e.value : undefined; }
  function filled(text) { return typeof text === "string" && text.trim() !== ""; }

  // ---- the conditions: conditions.js, the same grammar as questionnaire/flow.py ----
  function shown(c) { return window.coprodShown(c, value); }

  // ---- the checks the CLI's answers checks make where they are simple data ----
  function stockKey(text) {
    return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim().replace(/ +/g, " ");
  }
  function reasonProblem(text) {
    var rules = spec.rules;
    var key = stockKey(text);
    if (rules.refused_reasons.map(stockKey).indexOf(key) >= 0) { return S.reason_stock_phrase; }
    if (text.trim().length < rules.min_reason_chars) {
      return say(S.reason_too_short, {n: rules.min_reason_chars});
    }
    if (key.split(" ").filter(Boolean).length < rules.min_reason_words) {
      return say(S.reason_too_few_words, {n: rules.min_reason_words});
    }
    return null;
  }
  function chosen(q) {
    var v = value(q.key);
    return q.choices.filter(function (c) { return c.id === v; })[0];
  }
  function problems(q) {
    var e = state.answers[q.key] || {};
    var v = e.value;
    var found = [];
    var empty = v === undefined || v === null || v === "" || (Array.isArray(v) && !v.length);
    if (empty && !q.optional) { found.push(S.unanswered); }
    if (v === NA || (q.reason === "out" && v === "out")) {
      var reason = v === NA ? e.na_reason : e.reason;
      var problem = filled(reason) ? reasonProblem(reason) : S.unanswered;
      if (problem) { found.push(say(S.reason_problem, {problem: problem})); }
    }
    var choice = chosen(q);
    var evidence = (e.evidence || []).filter(function (x) { return filled(x.what); });
    if (q.evidence_required && choice && choice.meets && !evidence.length) {
      found.push(S.needs_evidence);
    }
    return found;
  }

  // ---- saving ----
  // A spec may keep answers only while the tab is open ("storage": "session"), for a
  // device several people share.
  function store() {
    return spec.storage === "session" ? window.sessionStorage : window.localStorage;
  }
  function restore() {
    try {
      var kept = store().getItem(spec.storage_key);
      return kept ? JSON.parse(kept) : null;
    } catch (e) { return null; }
  }
  function keep() {
    try {
      store().setItem(spec.storage_key, JSON.stringify(state));
      status(say(S.saved_note, {time: new Date().toLocaleTimeString(spec.lang || undefined)}));
    } catch (e) { /* private mode or full storage: the answers file still saves */ }
  }
  function changed() { keep(); refresh(); }
  function status(text) { put(document.getElementById("form-status"), text); }

  // ---- the answers file: block YAML, every string JSON-quoted (as form/values.py) ----
  function q(text) {
    return JSON.stringify(String(text)).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
      function (ch) { return "\\u" + ("000" + ch.charCodeAt(0).toString(16)).slice(-4); });
  }
  function text(e, field) {
    var found = (e || {})[field || "value"];
    return typeof found === "string" && found.trim() ? found : null;
  }
  function itemLines(e, criterion) {
    var lines = [];
    if (criterion && text(e) === NA) {
      if (text(e, "na_reason")) { lines.push("    not_applicable: " + q(e.na_reason)); }
    } else if (text(e)) { lines.push("    answer: " + q(e.value)); }
    var evidence = (e.evidence || []).filter(function (x) { return text(x, "what"); });
    if (evidence.length) {
      lines.push("    evidence:");
      evidence.forEach(function (x) {
        lines.push("      - what: " + q(x.what));
        ["where", "date"].forEach(function (f) {
          if (text(x, f)) { lines.push("        " + f + ": " + q(x[f])); }
        });
      });
    }
    if (criterion && text(e, "cyp_say")) { lines.push("    cyp_say: " + q(e.cyp_say)); }
    if (criterion && text(e, "validated_by")) {
      lines.push("    validated:", "      by: " + q(e.validated_by));
      if (text(e, "validated_on")) { lines.push("      on: " + q(e.validated_on)); }
    }
    if (text(e, "note")) { lines.push("    note: " + q(e.note)); }
    if (criterion && text(e, "we_will")) {
      lines.push("    we_will:", "      text: " + q(e.we_will));
      if (text(e, "we_will_by")) { lines.push("      by: " + q(e.we_will_by)); }
    }
    return lines;
  }
  function toYaml() {
    var held = state.answers;
    var out = S.file_header.map(function (line) { return "# " + line; });
    out.push("format: " + q("coprod-answers/1"), "rubric:", "  id: " + q(spec.stamp.rubric),
      "  version: " + q(spec.stamp.version), "service:",
      "  id: " + q(text(held["service.id"]) || ""),
      "  name: " + q(text(held["service.name"]) || ""));
    if (text(held["service.team"])) { out.push("  team: " + q(held["service.team"].value)); }
    var tags = clone(state.keep.tags);
    ["area", "age"].forEach(function (t) {
      if (text(held["service.tags." + t])) { tags[t] = held["service.tags." + t].value; }
    });
    if (Object.keys(tags).length) {
      out.push("  tags:");
      Object.keys(tags).forEach(function (k) { out.push("    " + k + ": " + q(tags[k])); });
    }
    var duties = spec.duties.filter(function (d) { return text(held["service.duties." + d]) === "yes"; });
    if (duties.length) {
      out.push("  duties:");
      duties.forEach(function (d) { out.push("    - " + q(d)); });
    }
    if (text(held["service.jurisdiction"])) {
      out.push("  jurisdiction: " + q(held["service.jurisdiction"].value));
    }
    if (text(held["service.contact"])) {
      out.push("  contact: " + q(held["service.contact"].value));
    }
    ["assessed_by", "assessed_on"].forEach(function (k) {
      if (text(held[k])) { out.push(k + ": " + q(held[k].value)); }
    });
    if (text(held.target)) {
      out.push("target:", "  rung: " + q(held.target.value));
      if (text(held.target, "reason")) { out.push("  reason: " + q(held.target.reason)); }
    }
    var byType = [];
    spec.types.forEach(function (t) {
      var e = held["types." + t];
      var v = text(e);
      if (!v) { return; }
      var lines = [];
      if (v === "out") {
        if (!text(e, "reason")) { return; }
        lines.push("    out_of_scope: " + q(e.reason));
      } else if (v !== "in") { lines.push("    estimate: " + q(v)); }
      else if (text(e, "estimate")) { lines.push("    estimate: " + q(e.estimate)); }
      ["target", "target_reason"].forEach(function (f) {
        if (text(e, f)) { lines.push("    " + f + ": " + q(e[f])); }
      });
      byType.push([t, lines]);
    });
    var main = ((held.main_work || {}).value || []).filter(function (t) {
      return spec.types.indexOf(t) >= 0 && text(held["types." + t]) !== "out";
    });
    if (main.length) {
      out.push("main_work:");
      main.forEach(function (t) { out.push("  - " + q(t)); });
    }
    if (byType.length) {
      out.push("types:");
      byType.forEach(function (p) { out.push("  " + p[0] + ":" + (p[1].length ? "" : " {}")); out.push.apply(out, p[1]); });
    }
    [["criteria", true], ["success_factors", false], ["readiness", false]].forEach(function (s) {
      var items = [];
      spec.items[s[0]].forEach(function (id) {
        var e = held[s[0] + "." + id];
        if (!e) { return; }
        var lines = itemLines(e, s[1]);
        if (lines.length) { items.push("  " + id + ":"); items.push.apply(items, lines); }
      });
      if (items.length) { out.push(s[0] + ":"); out.push.apply(out, items); }
    });
    return out.join("\n") + "\n";
  }
  // Another spec's file comes from its writer (window.coprodWriters[spec.writer]): a script
  // of its own, so nothing about that file lives in this engine.
  function writer() { return (window.coprodWriters || {})[spec.writer]; }
  function forget() {
    try { store().removeItem(spec.storage_key); } catch (e) { /* nothing was kept */ }
    state = clone(spec.prefill);
    build();
  }
  function saveFile() {
    var w = writer();
    var file = w ? w.file(spec, state)
      : {text: toYaml(), name: (text(state.answers["service.id"]) || "service") + ".answers.yaml"};
    var blob = new Blob([file.text], {type: "application/yaml"});
    var link = el("a", {href: URL.createObjectURL(blob), download: file.name});
    document.body.appendChild(link);
    link.click();
    link.remove();
    if (w && w.saved) { w.saved(spec, forget); }
  }

  // ---- opening an answers file: parsed with the vendored js-yaml ----
  function str(x) { return x === undefined || x === null ? undefined : String(x); }
  function fromAnswers(doc) {
    var a = {};
    function put(key, v, details) {
      var e = {};
      Object.keys(details || {}).forEach(function (k) {
        var d = details[k];
        if (d !== undefined && d !== null && d !== "" && !(Array.isArray(d) && !d.length)) { e[k] = d; }
      });
      if (v !== undefined && v !== null) { e.value = v; }
      a[key] = e;
    }
    var service = doc.service || {};
    put("service.name", str(service.name));
    put("service.id", str(service.id));
    if (service.team) { put("service.team", str(service.team)); }
    var tags = service.tags || {};
    var keepTags = {};
    Object.keys(tags).forEach(function (t) {
      if (t === "area" || t === "age") { put("service.tags." + t, str(tags[t])); }
      else { keepTags[t] = str(tags[t]); }
    });
    if (doc.assessed_by) { put("assessed_by", str(doc.assessed_by)); }
    if (doc.assessed_on) { put("assessed_on", str(doc.assessed_on)); }
    if (service.jurisdiction) { put("service.jurisdiction", str(service.jurisdiction)); }
    if (service.contact) { put("service.contact", str(service.contact)); }
    spec.duties.forEach(function (d) {
      var has = (service.duties || []).indexOf(d) >= 0;
      if (has || doc.assessed_on) { put("service.duties." + d, has ? "yes" : "no"); }
    });
    var types = doc.types || {};
    Object.keys(types).forEach(function (t) {
      var given = types[t] || {};
      var v;
      if (given.out_of_scope) { v = "out"; }
      else if (!spec.stamp.quick) { v = "in"; }
      else if (spec.rungs.indexOf(str(given.estimate)) >= 0) { v = str(given.estimate); }
      put("types." + t, v, {reason: str(given.out_of_scope), target: str(given.target),
        target_reason: str(given.target_reason),
        estimate: spec.stamp.quick ? undefined : str(given.estimate)});
    });
    ["criteria", "success_factors", "readiness"].forEach(function (section) {
      var items = doc[section] || {};
      Object.keys(items).forEach(function (id) {
        var g = items[id] || {};
        var details = {evidence: (g.evidence || []).map(function (x) {
          var out = {what: str(x.what)};
          if (x.where) { out.where = str(x.where); }
          if (x.date) { out.date = str(x.date); }
          return out;
        }), note: str(g.note)};
        if (section === "criteria") {
          details.na_reason = str(g.not_applicable);
          details.cyp_say = str(g.cyp_say);
          details.validated_by = g.validated ? str(g.validated.by) : undefined;
          details.validated_on = g.validated ? str(g.validated.on) : undefined;
          details.we_will = g.we_will ? str(g.we_will.text) : undefined;
          details.we_will_by = g.we_will ? str(g.we_will.by) : undefined;
        }
        put(section + "." + id, g.not_applicable && section === "criteria" ? NA : str(g.answer), details);
      });
    });
    if ((doc.main_work || []).length) { put("main_work", doc.main_work.map(String)); }
    if (doc.target) { put("target", str(doc.target.rung), {reason: str(doc.target.reason)}); }
    return {answers: a, keep: {tags: keepTags}};
  }
  function openText(name, content) {
    var doc;
    try { doc = window.jsyaml.load(content, {schema: window.jsyaml.CORE_SCHEMA}); }
    catch (e) { doc = null; }
    if (!doc || typeof doc !== "object" || doc.format !== "coprod-answers/1" || !doc.rubric) {
      return alertText(say(S.refused_not_answers, {file: name}));
    }
    if (str(doc.rubric.id) !== spec.stamp.rubric || str(doc.rubric.version) !== spec.stamp.version) {
      return alertText(say(S.refused_rubric, {file: name, rubric: str(doc.rubric.id),
        version: str(doc.rubric.version), form_rubric: spec.stamp.rubric,
        form_version: spec.stamp.version}));
    }
    state = fromAnswers(doc);
    build();
    keep();
    alertText(say(S.opened, {file: name}));
  }
  function alertText(message) { put(document.getElementById("form-alert"), message); }
  function openFile(file) {
    if (!file) { return; }
    file.text().then(function (content) { openText(file.name, content); });
  }

  // ---- building the page ----
  var serial = 0;
  function id(prefix) { serial += 1; return prefix + "-" + serial; }
  function textField(label, get, set, opts) {
    var wrap = el("div", {"class": "field"});
    var fid = id("f");
    wrap.appendChild(el("label", {"for": fid}, label));
    var input = el(opts && opts.long ? "textarea" : "input",
      {id: fid, type: opts && opts.long ? null : (opts && opts.type) || "text",
       rows: opts && opts.long ? 3 : null, autocomplete: "off"});
    input.value = get() || "";
    input.addEventListener("input", function () { set(input.value); keep(); });
    input.addEventListener("change", function () { changed(); });
    wrap.appendChild(input);
    return wrap;
  }
  function evidenceBlock(qn) {
    var box = el("div", {"class": "evidence"});
    function draw() {
      box.textContent = "";
      box.appendChild(el("h4", {}, S.evidence));
      var items = entry(qn.key).evidence || [];
      items.forEach(function (item, n) {
        var group = el("div", {"class": "evidence-item", role: "group",
          "aria-label": say(S.evidence_item, {n: n + 1})});
        [["what", S.evidence_what, {long: true}], ["where", S.evidence_where, {}],
         ["date", S.evidence_date, {type: "date"}]].forEach(function (f) {
          group.appendChild(textField(f[1], function () { return item[f[0]]; },
            function (v) { item[f[0]] = v; }, f[2]));
        });
        var remove = el("button", {type: "button", "class": "secondary"}, S.remove_evidence);
        remove.addEventListener("click", function () { items.splice(n, 1); draw(); changed(); });
        group.appendChild(remove);
        box.appendChild(group);
      });
      var add = el("button", {type: "button", "class": "secondary"}, S.add_evidence);
      add.addEventListener("click", function () {
        var e = entry(qn.key);
        e.evidence = (e.evidence || []).concat([{what: ""}]);
        draw();
        changed();
        var fields = box.querySelectorAll("textarea");
        if (fields.length) { fields[fields.length - 1].focus(); }
      });
      box.appendChild(add);
    }
    draw();
    return box;
  }
  // A choice's picture: a <use> of an inline SVG <symbol> the page carries (no image file).
  function symbol(name) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "symbol");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var use = document.createElementNS(ns, "use");
    use.setAttribute("href", "#" + name);
    svg.appendChild(use);
    return svg;
  }
  function choiceInputs(qn, fs, legendId) {
    var several = qn.input === "several";
    var list = el("div", {"class": "choices"});
    var rows = [];
    var choices = qn.choices.slice();
    if (qn.not_applicable) { choices.push({id: NA, label: S.not_applicable}); }
    choices.forEach(function (c) {
      var row = el("div", {"class": "choice"});
      var cid = id("c");
      var input = el("input", {type: several ? "checkbox" : "radio", name: "q-" + qn.key,
        id: cid, value: c.id});
      var label = el("label", {"for": cid});
      // Both languages' words kept together beside a symbol (the label is a flex row).
      put(isPair(c.label) ? label.appendChild(el("span", {"class": "words"})) : label, c.label);
      if (c.symbol) { label.insertBefore(symbol(c.symbol), label.firstChild); }
      row.appendChild(input);
      row.appendChild(label);
      if (c.description) {
        var did = id("d");
        row.appendChild(el("span", {"class": "description", id: did}, c.description));
        input.setAttribute("aria-describedby", did);
      }
      input.addEventListener("change", function () {
        var e = entry(qn.key);
        if (several) {
          e.value = qn.choices.filter(function (x, n) { return rows[n].input.checked; })
            .map(function (x) { return x.id; });
        } else { e.value = c.id; }
        changed();
      });
      list.appendChild(row);
      rows.push({row: row, input: input, choice: c});
    });
    fs.appendChild(list);
    return function () {
      var v = value(qn.key);
      rows.forEach(function (r) {
        r.row.hidden = !shown(r.choice.when);
        r.input.checked = several ? (v || []).indexOf(r.choice.id) >= 0 : v === r.choice.id;
      });
    };
  }
  function buildQuestion(qn, n) {
    var fs = el("fieldset", {"class": "question", id: "q-" + n, "data-key": qn.key});
    var legendId = id("l");
    var legend = put(el("legend", {id: legendId}), qn.title, qn.optional && S.optional
      ? function (lang) { return el("span", {"class": "optional"}, " " + pick(S.optional, lang)); }
      : null);
    fs.appendChild(legend);
    if (qn.help) { fs.appendChild(el("p", {"class": "help"}, qn.help)); }
    var more = qn.more_help.slice();
    if (qn.counting_note) { more.push(qn.counting_note); }
    if (more.length) {
      var d = el("details", {});
      d.appendChild(el("summary", {}, S.more_help));
      more.forEach(function (line) { d.appendChild(el("p", {}, line)); });
      fs.appendChild(d);
    }
    var refreshInput;
    if (qn.input === "text" || qn.input === "date") {
      var iid = id("i");
      var input = el("input", {id: iid, type: qn.input, "aria-labelledby": legendId,
        autocomplete: "off", placeholder: qn.input === "text" ? qn.example : null});
      input.addEventListener("input", function () { entry(qn.key).value = input.value; keep(); });
      input.addEventListener("change", function () { entry(qn.key).value = input.value; changed(); });
      fs.appendChild(input);
      refreshInput = function () { input.value = value(qn.key) || ""; };
    } else {
      refreshInput = choiceInputs(qn, fs, legendId);
    }
    var extras = [];
    function extra(node, when) { fs.appendChild(node); extras.push([node, when]); }
    if (qn.not_applicable) {
      extra(textField(S.na_reason, function () { return entry(qn.key).na_reason; },
        function (v) { entry(qn.key).na_reason = v; }, {long: true}),
        function () { return value(qn.key) === NA; });
    }
    if (qn.reason) {
      var label = qn.reason === "out" ? S.out_reason : S.target_reason;
      extra(textField(label, function () { return entry(qn.key).reason; },
        function (v) { entry(qn.key).reason = v; }, {long: true}),
        function () { return qn.reason === "out" ? value(qn.key) === "out" : !!value(qn.key); });
    }
    if (qn.details) {
      var box = el("div", {"class": "details"});
      box.appendChild(evidenceBlock(qn));
      if (qn.details === "criterion") {
        box.appendChild(textField(S.cyp_say, function () { return entry(qn.key).cyp_say; },
          function (v) { entry(qn.key).cyp_say = v; }, {long: true}));
        box.appendChild(textField(S.validated_by, function () { return entry(qn.key).validated_by; },
          function (v) { entry(qn.key).validated_by = v; }));
        box.appendChild(textField(S.validated_on, function () { return entry(qn.key).validated_on; },
          function (v) { entry(qn.key).validated_on = v; }, {type: "date"}));
      }
      extra(box, function () { var c = chosen(qn); return !!(c && c.meets); });
    }
    var note = el("p", {"class": "problem", role: "status"});
    fs.appendChild(note);
    root.querySelector("#section-" + qn.section).appendChild(fs);
    return {fs: fs, refresh: function () {
      fs.hidden = !shown(qn.when);
      refreshInput();
      extras.forEach(function (x) { x[0].hidden = !x[1](); });
      var found = value(qn.key) === undefined ? [] : problems(qn);
      put(note, joined(found, " "));
    }};
  }
  function visibleSections() {
    return spec.sections.map(function (s, n) { return n; }).filter(function (n) {
      return spec.questions.some(function (qn) { return qn.section === n && shown(qn.when); });
    });
  }
  function build() {
    root.textContent = "";
    nodes = [];
    spec.sections.forEach(function (s, n) {
      var sec = el("section", {id: "section-" + n, "aria-labelledby": "section-title-" + n,
        "class": "section"});
      sec.appendChild(el("h2", {id: "section-title-" + n, tabindex: "-1"}, s.title));
      if (s.intro) { sec.appendChild(el("p", {"class": "intro"}, s.intro)); }
      root.appendChild(sec);
    });
    spec.questions.forEach(function (qn, n) { nodes.push(buildQuestion(qn, n)); });
    refresh();
  }
  function reviewPage() {
    var box = document.getElementById("review-list");
    box.textContent = "";
    var open = 0;
    spec.questions.forEach(function (qn, n) {
      if (!shown(qn.when)) { return; }
      var found = problems(qn);
      if (!found.length) { return; }
      open += 1;
      var item = el("li", {});
      var go = el("button", {type: "button", "class": "link"}, qn.title);
      go.addEventListener("click", function () { goTo(qn.section, n); });
      item.appendChild(go);
      item.appendChild(el("span", {"class": "problem"}, joined([" ", joined(found, " ")], "")));
      box.appendChild(item);
    });
    put(document.getElementById("review-count"),
      open ? say(counted("review_open", open), {count: open}) : S.review_none);
  }
  function refresh() {
    nodes.forEach(function (x) { x.refresh(); });
    var sections = visibleSections();
    var reviewing = current >= spec.sections.length;
    spec.sections.forEach(function (s, n) {
      document.getElementById("section-" + n).hidden = reviewing || n !== current;
    });
    document.getElementById("review").hidden = !reviewing;
    if (reviewing) { reviewPage(); }
    var place = reviewing ? sections.length : Math.max(1, sections.indexOf(current) + 1);
    furthest = Math.max(furthest, place);
    var left = spec.questions.filter(function (qn) {
      return shown(qn.when) && problems(qn).length;
    }).length;
    var minutes = Math.ceil(left * spec.rules.seconds_per_question / 60);
    put(document.getElementById("progress"), left
      ? say(counted("progress", minutes), {n: furthest, total: sections.length, minutes: minutes})
      : say(S.progress_done, {n: furthest, total: sections.length}));
    var nav = document.getElementById("section-list");
    nav.textContent = "";
    sections.forEach(function (n) {
      var li = el("li", {});
      var b = el("button", {type: "button", "class": "link",
        "aria-current": n === current ? "step" : null}, spec.sections[n].title);
      b.addEventListener("click", function () { goTo(n); });
      li.appendChild(b);
      nav.appendChild(li);
    });
    var rli = el("li", {});
    var rb = el("button", {type: "button", "class": "link",
      "aria-current": reviewing ? "step" : null}, S.review);
    rb.addEventListener("click", function () { goTo(spec.sections.length); });
    rli.appendChild(rb);
    nav.appendChild(rli);
  }
  function goTo(section, question) {
    current = section;
    refresh();
    var target = question === undefined
      ? document.getElementById(section >= spec.sections.length ? "review-title" : "section-title-" + section)
      : document.querySelector("#q-" + question + " input, #q-" + question + " textarea");
    if (target) { target.focus(); target.scrollIntoView({block: "start"}); }
  }
  function step(by) {
    var sections = visibleSections().concat([spec.sections.length]);
    var at = sections.indexOf(current);
    var next = sections[Math.min(Math.max(at + by, 0), sections.length - 1)];
    goTo(next === undefined ? sections[0] : next);
  }

  var title = say(S.title, {rubric: spec.stamp.title});
  document.title = flat(title);
  put(document.getElementById("form-title"), title);
  put(document.getElementById("form-intro"),
    spec.stamp.quick ? joined([S.intro, S.quick_intro], " ") : S.intro);
  put(document.getElementById("finish-text"), spec.send_to
    ? say(S.finish, {who: spec.send_to}) : S.finish_default);
  put(document.getElementById("finish-back"), S.finish_back);
  ["save-button", "save-button-end"].forEach(function (bid) {
    var b = document.getElementById(bid);
    put(b, S.save);
    b.addEventListener("click", saveFile);
  });
  if (spec.file_controls === false) {
    document.querySelector(".files").hidden = true;
    document.getElementById("save-button").hidden = true;
  }
  put(document.getElementById("open-label"), S.open || "");
  put(document.getElementById("drop-hint"), S.drop || "");
  document.getElementById("open-file").addEventListener("change", function (ev) {
    openFile(ev.target.files[0]);
    ev.target.value = "";
  });
  put(document.getElementById("previous"), S.previous);
  put(document.getElementById("next"), S.next);
  document.getElementById("previous").addEventListener("click", function () { step(-1); });
  document.getElementById("next").addEventListener("click", function () { step(1); });
  put(document.getElementById("nav-title"), S.section_nav);
  put(document.getElementById("review-title"), S.review);
  put(document.getElementById("review-intro"), S.review_intro);
  put(document.getElementById("finish-title"), S.finish_title);
  document.addEventListener("dragover", function (ev) { ev.preventDefault(); });
  document.addEventListener("drop", function (ev) {
    ev.preventDefault();
    if (spec.file_controls === false) { return; }
    openFile(ev.dataTransfer && ev.dataTransfer.files[0]);
  });
  window.coprodForm = {toYaml: toYaml, openText: openText, state: function () { return state; },
    save: saveFile};
  build();
  if (writer() && writer().ready) { writer().ready(spec, put); }
}());
