// Checks run inside a rendered report by tests/browser/audit.py; each returns a list of
// problems as short strings (empty when the page passes). Plain ES2020, no dependencies.
/* eslint-disable no-unused-vars */

function parseColour(text) {
  const m = text && text.match(/rgba?\(([^)]+)\)/);
  if (!m) return null;
  const parts = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
  return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
}

function over(top, bottom) {
  const a = top.a + bottom.a * (1 - top.a);
  if (a === 0) return { r: 255, g: 255, b: 255, a: 0 };
  const mix = (t, b) => (t * top.a + b * bottom.a * (1 - top.a)) / a;
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
}

function luminance(c) {
  const ch = [c.r, c.g, c.b].map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

function contrast(a, b) {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (l1 + 0.05) / (l2 + 0.05);
}

const SHAPES = new Set(["rect", "circle", "ellipse", "path", "polygon"]);

// The colour behind a point: paint every layer under it from the bottom up.
function backgroundAt(x, y, skip) {
  // The text's own element paints its background under the text, but an SVG text's fill is
  // the text colour itself, and anything inside the element is drawn elsewhere.
  const own = skip instanceof SVGElement ? (skip.closest("text") || skip) : null;
  const layers = document.elementsFromPoint(x, y).filter(
    (el) => !(own && own.contains(el)) && !(el !== skip && skip.contains(el)));
  let colour = { r: 255, g: 255, b: 255, a: 1 };
  for (const el of layers.reverse()) {
    const style = getComputedStyle(el);
    let paint = null;
    if (el instanceof SVGElement) {
      if (SHAPES.has(el.localName)) {
        paint = parseColour(style.fill);
        if (paint) paint.a *= Number(style.fillOpacity) * Number(style.opacity);
      }
    } else {
      paint = parseColour(style.backgroundColor);
    }
    if (paint && paint.a > 0) colour = over(paint, colour);
  }
  return colour;
}

function textContrastProblems() {
  const problems = [];
  // Text hidden for the eye but kept for screen readers (clipped to nothing, as the
  // visually-hidden pattern does, whatever the class or media query that applies it).
  const clippedAway = (el) => {
    for (let a = el; a; a = a.parentElement) {
      if (a.classList.contains("visually-hidden")) return true;
      if (getComputedStyle(a).clip === "rect(0px, 0px, 0px, 0px)") return true;
    }
    return false;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set(), reported = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || seen.has(el) || el.closest("title, desc, script, style")) continue;
    // The content of a closed <details> is not shown (Chromium may still give it boxes).
    if (el.closest("details:not([open]) > :not(summary)")) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    if (!rects.length) continue;  // hidden, or visually-hidden text
    const style = getComputedStyle(el);
    if (style.visibility === "hidden") continue;
    if (clippedAway(el)) continue;
    seen.add(el);
    const isSvg = el instanceof SVGElement;
    const fg = parseColour(isSvg ? style.fill : style.color);
    if (!fg) continue;
    const size = parseFloat(style.fontSize);
    const weight = Number(style.fontWeight) || 400;
    const large = size >= 24 || (size >= 18.66 && weight >= 700);
    const needed = large ? 3 : 4.5;
    for (const r of rects) {
      window.scrollTo(0, Math.max(0, r.top + window.scrollY - 100));
      const box = [...range.getClientRects()].find((b) => b.width > 0) || r;
      const x = box.left + box.width / 2, y = box.top + box.height / 2;
      if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) continue;
      const bg = backgroundAt(x, y, el);
      const ratio = contrast(over(fg, bg), bg);
      const key = `${el.localName}.${el.getAttribute("class")}|${style.color}|${style.fill}|${
        Math.round(bg.r)},${Math.round(bg.g)},${Math.round(bg.b)}`;
      if (ratio + 1e-6 < needed && !reported.has(key)) {
        reported.add(key);
        problems.push(`contrast ${ratio.toFixed(2)}:1 < ${needed}:1 for "${
          node.textContent.trim().slice(0, 40)}" (${isSvg ? "svg " : ""}${el.localName}.${
          el.getAttribute("class") || ""}; ${style.color || style.fill} on rgb(${
          Math.round(bg.r)},${Math.round(bg.g)},${Math.round(bg.b)}))`);
      }
      break;
    }
  }
  window.scrollTo(0, 0);
  return problems;
}

// Anything sticking out past the right edge of the page, unless it sits inside a container
// that scrolls on its own (a table's scroll wrapper).
function horizontalScrollProblems() {
  const problems = [];
  const width = document.documentElement.clientWidth;
  const page = document.documentElement.scrollWidth;
  if (page > width) problems.push(`page is ${page} px wide in a ${width} px viewport`);
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 0.5) continue;
    let scroller = el.parentElement, contained = false;
    for (; scroller && scroller !== document.body; scroller = scroller.parentElement) {
      const ox = getComputedStyle(scroller).overflowX;
      if (ox === "auto" || ox === "scroll" || ox === "hidden" || ox === "clip") {
        contained = true;
        break;
      }
    }
    if (!contained) {
      problems.push(`${el.localName}.${el.getAttribute("class") || ""} reaches ${
        Math.round(r.right)} px (viewport ${width} px)`);
    }
  }
  return problems.slice(0, 20);
}

function intersects(a, b) {
  return a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 &&
    b.top < a.bottom - 0.5;
}

function inside(inner, outer) {
  return inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 &&
    inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5;
}

// Every text in a ladder or chart SVG stays inside the SVG, inside its own rung, and clear of
// every other text.
function svgTextProblems() {
  const problems = [];
  for (const svg of document.querySelectorAll("svg")) {
    const frame = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll("text")];
    const boxes = texts.map((t) => t.getBoundingClientRect());
    texts.forEach((t, i) => {
      const label = `"${t.textContent.trim().slice(0, 40)}"`;
      if (!inside(boxes[i], frame)) problems.push(`${label} overflows its SVG`);
      // The box a text sits in: the smallest shape under the text's centre.
      const cx = (boxes[i].left + boxes[i].right) / 2, cy = (boxes[i].top + boxes[i].bottom) / 2;
      const holders = [...svg.querySelectorAll("rect")].map((r) => r.getBoundingClientRect())
        .filter((r) => r.left <= cx && cx <= r.right && r.top <= cy && cy <= r.bottom)
        .sort((a, b) => a.width * a.height - b.width * b.height);
      if (holders.length && !inside(boxes[i], holders[0])) {
        problems.push(`${label} overflows its box`);
      }
      for (let j = i + 1; j < texts.length; j++) {
        if (intersects(boxes[i], boxes[j])) {
          problems.push(`${label} overlaps "${texts[j].textContent.trim().slice(0, 40)}"`);
        }
      }
    });
  }
  return problems;
}

// At a desktop width a table fits the page: its scroll box has nothing to scroll.
function tableFitProblems() {
  return [...document.querySelectorAll(".table-scroll")]
    .filter((box) => box.scrollWidth > box.clientWidth + 1)
    .map((box) => `table "${box.getAttribute("aria-label")}" is ${box.scrollWidth} px wide in ${
      box.clientWidth} px`);
}

// Chart bars and their keys, HTML or SVG, stand out from what is around them by at least 3:1
// (WCAG 1.4.11).
function graphicContrastProblems() {
  const problems = [];
  for (const el of document.querySelectorAll(".bar, .key, .share-bar > span")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const style = getComputedStyle(el);
    const paint = parseColour(el instanceof SVGElement ? style.fill : style.backgroundColor);
    const around = backgroundAt(r.left - 1 < 0 ? r.right + 1 : r.left - 1, r.top + r.height / 2,
      el);
    if (!paint) continue;
    const ratio = contrast(over(paint, around), around);
    if (ratio + 1e-6 < 3) {
      const colour = el instanceof SVGElement ? style.fill : style.backgroundColor;
      problems.push(`contrast ${ratio.toFixed(2)}:1 < 3:1 for ${el.localName}.${
        el.getAttribute("class")} (${colour})`);
    }
  }
  return [...new Set(problems)];
}
