/* When a question or choice is shown: the grammar of questionnaire/flow.py, evaluated the same
 * way (tests/test_form.py runs both over the same conditions and answers).
 * `valueOf(key)` gives the answer to a question: a choice id, or a list (main work). */
var coprodShown = function shown(c, valueOf) {
  "use strict";
  if (!c) { return true; }
  if ("is" in c) {
    var v = valueOf(c.is);
    return typeof v === "string" && c["in"].indexOf(v) >= 0;
  }
  if ("not" in c) { return !shown(c["not"], valueOf); }
  if ("all" in c) { return c.all.every(function (x) { return shown(x, valueOf); }); }
  if ("any" in c) { return c.any.some(function (x) { return shown(x, valueOf); }); }
  throw new Error("not a condition: " + JSON.stringify(c));
};
