// Shared by every front-end widget of the course; usrussia.widgets.esm() puts it, after the constants
// of usrussia.scoring (as `USR`), in front of each widget's own module. It holds:
//  - el(), the one DOM helper;
//  - the scoring formulas, mirroring usrussia/scoring.py (tests/test_parity.py runs both on the
//    same generated cases);
//  - where answers are kept: in Jupyter the kernel saves them to my-answers.json (the widget only sets
//    its traits); on the published page (our loader sets globalThis.usrussiaStaticPage) they are kept
//    in the browser's localStorage, and in memory where the browser refuses storage.

const SVG_NS = "http://www.w3.org/2000/svg";
const SVG_TAGS = ["svg", "path", "line", "circle", "text", "g", "rect"];

function el(tag, attributes = {}, text = "") {
  const node = SVG_TAGS.includes(tag) ? document.createElementNS(SVG_NS, tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text) node.textContent = text;
  return node;
}

function uid(prefix) {
  return prefix + Math.random().toString(36).slice(2, 8);
}

// Keys pressed in a widget belong to the widget: JupyterLab and Notebook 7 would otherwise take arrow
// keys, Space, Enter or letters as notebook shortcuts (moving to another cell) while a slider or a radio
// button has the focus. One listener on the window, in the capture phase, runs before theirs; it stops
// the key going further (its default action, e.g. moving the slider, still happens). Tab, Escape and
// shortcuts with a modifier key pass, so the keyboard can still leave the widget and save the notebook.
function ownKeys(root) {
  root.setAttribute("data-lm-suppress-shortcuts", "true");
  root.classList.add("usr-own-keys");
  if (globalThis.usrussiaKeyGuard) return;
  globalThis.usrussiaKeyGuard = true;
  globalThis.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.key === "Tab" || event.key === "Escape") return;
    if (event.target instanceof Element && event.target.closest(".usr-own-keys")) event.stopPropagation();
  }, true);
}

// --- scoring (mirrors usrussia/scoring.py) ---------------------------------------------------------

function weightOf(value) {
  return Number.isInteger(value) && value >= 0 && value <= 4 ? value : 0;
}

function meanShares(groups, weights, names = []) {
  const sums = {}, counts = {};
  for (const name of names) { sums[name] = 0; counts[name] = 0; }
  for (const [claim, group] of groups) {
    sums[group] = (sums[group] || 0) + weightOf(weights[claim] ?? 0);
    counts[group] = (counts[group] || 0) + 1;
  }
  const means = {};
  for (const group of Object.keys(sums)) means[group] = counts[group] ? sums[group] / counts[group] : 0;
  const grand = Object.values(means).reduce((a, b) => a + b, 0);
  const shares = {};
  for (const group of Object.keys(means)) shares[group] = grand ? means[group] / grand : 0;
  return shares;
}

function thesisBalance(claims, weights) {
  return meanShares(claims.map((c) => [c.id, c.thesis]), weights, Object.keys(USR.THESIS_LABELS));
}

function factorBalance(claims, weights) {
  return meanShares(claims.map((c) => [c.id, c.factor]), weights);
}

function lean(b) {
  const gap = b.structural - b.personal;
  return Math.abs(gap) < USR.LEVEL_GAP ? "level" : gap > 0 ? "structural" : "personal";
}

function balanceVerdict(b) {
  if (b.personal === 0 && b.structural === 0) {
    if ((b.other || 0) > 0) return "Your weights rest only on other explanations: neither personal diplomacy nor structural factors.";
    return "Weigh at least one claim to see where your balance lies.";
  }
  const side = lean(b);
  if (side === "level") return "Your weights put the two explanations roughly level.";
  const strength = Math.abs(b.structural - b.personal) >= USR.STRONG_GAP ? "strongly" : "somewhat";
  return `Your weights lean ${strength} towards ${USR.THESIS_LABELS[side]}.`;
}

function checkOrder(given, correct) {
  const wrong = [];
  given.forEach((item, i) => { if (item !== correct[i]) wrong.push(i + 1); });
  return { correct: correct.length - wrong.length, total: correct.length, wrong };
}

function checkMatches(given, correct) {
  const wrong = Object.keys(correct).filter((part) => given[part] !== correct[part]);
  return { correct: Object.keys(correct).length - wrong.length, total: Object.keys(correct).length, wrong };
}

function checkChoice(given, correct) {
  return { correct: given === correct ? 1 : 0, total: 1, wrong: given === correct ? [] : [given] };
}

function checkMulti(given, correct, options) {
  const wrong = [];
  for (let i = 0; i < options; i++) if (given.includes(i) !== correct.includes(i)) wrong.push(i);
  return { correct: options - wrong.length, total: options, wrong };
}

function wordCount(text) {
  return text.split(/\s+/).filter(Boolean).length;
}

// --- keys that travel in the page (mirrors scoring.seal / unseal) ---------------------------------

function keystream(seed, length) {
  let state = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(seed)) state = Math.imul(state ^ byte, 0x01000193) >>> 0;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    out[i] = state & 0xff;
  }
  return out;
}

function unseal(sealed, seed) {
  const raw = Uint8Array.from(atob(sealed), (c) => c.charCodeAt(0));
  const stream = keystream(seed, raw.length);
  return JSON.parse(new TextDecoder().decode(raw.map((b, i) => b ^ stream[i])));
}

// --- answers in words (mirrors scoring.slug, answer_words, readable, unfinished, markdown) ---------

function slug(text) {
  const plain = text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").replace(/['’]/g, "");
  return plain.replace(/[^\p{L}\p{N}]+/gu, " ").trim().split(" ").filter(Boolean).join("-") || "student";
}

function weigherWords(spec, value) {
  const weights = value.weights || {}, evidence = value.evidence || {};
  const lines = [];
  for (const claim of spec.claims) {
    if (!(claim.id in weights) && !evidence[claim.id]) continue;
    let line = `- ${claim.text} — ${USR.WEIGHT_LABELS[weightOf(weights[claim.id] ?? 0)]} convincing`;
    const labels = Object.fromEntries(claim.evidence.map(([label, v]) => [v, label]));
    if (evidence[claim.id] in labels) line += `; key evidence: ${labels[evidence[claim.id]]}`;
    lines.push(line);
  }
  lines.push(balanceVerdict(thesisBalance(spec.claims, weights)));
  if ((value.argument || "").trim()) lines.push("", "Why: " + value.argument.trim());
  return lines.join("\n");
}

function answerWords(spec, value) {
  switch (spec.kind) {
    case "choice":
      return Number.isInteger(value) && value >= 0 && value < spec.options.length ? spec.options[value].text : "";
    case "multi":
      return [...value].sort((a, b) => a - b).filter((i) => i >= 0 && i < spec.options.length)
        .map((i) => `- ${spec.options[i].text}`).join("\n");
    case "order": {
      const texts = Object.fromEntries(spec.items.map((item) => [item.id, item.text]));
      return value.map((item, i) => `${i + 1}. ${texts[item] ?? item}`).join("\n");
    }
    case "match": {
      const choices = Object.fromEntries(spec.choices.map((c) => [c.value, c.text]));
      return spec.parts.map((part) => `- ${part.text} → ${choices[value[part.id]] ?? "not answered"}`).join("\n");
    }
    case "sort": {
      const labels = Object.fromEntries(spec.options);
      return spec.items.map((item) => `- ${item.title}: ${labels[value[item.id]] ?? "not answered"}`).join("\n");
    }
    case "weigh":
      return weigherWords(spec, value);
    case "written":
      return `${value.trim()}\n\n(${wordCount(value)} words)`;
  }
  throw new Error(`unknown item kind ${spec.kind}`);
}

function readable(spec, value) {
  return { part: spec.part, position: spec.position, question: spec.question, answer: answerWords(spec, value) };
}

function progress(entry, value) {
  const total = entry.total;
  if (value === undefined || value === null) return [0, total];
  if (entry.measure === "parts") return [Math.min(value && typeof value === "object" ? Object.keys(value).length : 0, total), total];
  if (entry.measure === "weights") return [Math.min(Object.keys((value && value.weights) || {}).length, total), total];
  if (entry.measure === "words") return [typeof value === "string" ? Math.min(wordCount(value), total) : 0, total];
  return [total, total];
}

function unfinished(outline, exercises) {
  const lines = [];
  for (const exercise of outline) {
    const answers = exercises[exercise.id];
    if (!answers || !Object.keys(answers).length) continue;
    for (const entry of exercise.items) {
      const [done, total] = progress(entry, answers[entry.key]);
      if (done >= total) continue;
      const where = `${exercise.title}, ${entry.part}`;
      if (entry.measure === "words") {
        const [low, high] = entry.words;
        lines.push(`${where}: ${wordCount(answers[entry.key] || "")} words; aim for ${low}–${high}.`);
      } else if (entry.measure === "parts" || entry.measure === "weights") {
        lines.push(`${where}: ${total - done} of ${total} ${entry.label} not answered yet.`);
      } else {
        lines.push(`${where}: ${entry.label} not answered yet.`);
      }
    }
  }
  return lines;
}

function comparePositions(a, b) {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function markdown(submission, outline, where) {
  const titles = Object.fromEntries(outline.map((e) => [e.id, e.title]));
  const order = Object.fromEntries(outline.map((e, i) => [e.id, i]));
  const rank = (e) => order[e] ?? outline.length;
  const begun = Object.keys(submission.exercises).filter((e) => Object.keys(submission.exercises[e]).length)
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const lines = [`# Answers of ${submission.student}`, "",
    `Exported ${submission.exported || ""} from ${where}. This file holds every exercise answered ` +
    `there so far: ${begun.map((e) => titles[e] ?? e).join(", ") || "none yet"}.`, ""];
  const todo = unfinished(outline, submission.exercises);
  if (todo.length) lines.push("**Not finished yet** (you can still hand this in):", "", ...todo.map((t) => `- ${t}`), "");
  for (const exercise of begun) {
    lines.push(`## ${titles[exercise] ?? exercise}`, "");
    const entries = Object.values((submission.readable || {})[exercise] || {})
      .sort((a, b) => comparePositions(a.position, b.position));
    let part = null;
    for (const entry of entries) {
      if (entry.part !== part) { part = entry.part; lines.push(`### ${part}`, ""); }
      lines.push(`**${entry.question}**`, "", entry.answer, "");
    }
  }
  return lines.join("\n");
}

// --- where answers are kept ----------------------------------------------------------------------

const STORE_KEY = "usrussia-answers";
const FORMAT = { format: "usrussia-answers", version: 1 };

function onStaticPage() {
  return Boolean(globalThis.usrussiaStaticPage);
}

function emptyStore() {
  return { ...FORMAT, student: "", exercises: {}, readable: {}, saved: {} };
}

// The answers kept in this browser: {ok, content, problem}. Where storage is refused (private mode,
// a blocked site), the answers live in memory for as long as the page is open.
function readStore() {
  try {
    const raw = globalThis.localStorage.getItem(STORE_KEY);
    const content = raw ? JSON.parse(raw) : emptyStore();
    for (const name of ["exercises", "readable", "saved"]) content[name] = content[name] || {};
    return { ok: true, content };
  } catch (error) {
    globalThis.usrussiaMemory = globalThis.usrussiaMemory || emptyStore();
    return { ok: false, content: globalThis.usrussiaMemory, problem: storageProblem(error) };
  }
}

function storageProblem(error) {
  return "This browser does not let the page keep your answers (" + (error && error.name || "storage refused") +
    "): they last only while this page is open. Export them before you leave or reload the page.";
}

// Keep `content`; a refusal is remembered for the status line at the top of the exercise.
function writeStore(content) {
  globalThis.usrussiaMemory = content;
  try {
    globalThis.localStorage.setItem(STORE_KEY, JSON.stringify(content));
    globalThis.usrussiaStoreProblem = "";
  } catch (error) {
    globalThis.usrussiaStoreProblem = storageProblem(error);
  }
}

function announce(exercise) {
  globalThis.dispatchEvent(new CustomEvent("usrussia-answers", { detail: { exercise } }));
}

// One answer kept on the page, with its readable form.
function keepOnPage(entry, value, spec) {
  const { content } = readStore();
  const exercise = entry.exercise;
  content.exercises[exercise] = { ...(content.exercises[exercise] || {}), [entry.key]: value };
  content.readable[exercise] = { ...(content.readable[exercise] || {}), [entry.key]: readable(spec, value) };
  content.saved[exercise] = new Date().toISOString();
  writeStore(content);
  announce(exercise);
}

function keptOnPage(entry) {
  const exercise = readStore().content.exercises[entry.exercise] || {};
  return exercise[entry.key];
}

// An answer given in a widget: synced to the kernel in Jupyter (which saves it; a failed save comes back
// as the widget's `problem`), kept in the browser on the published page (where the status line at the top
// says if the browser refuses). `names` are the model's traits that changed; `spec` and `value` what to keep.
function remember(model, names, spec, value) {
  if (!onStaticPage()) { model.save_changes(); return; }
  const entry = model.get("entry") || {};
  if (entry.exercise) keepOnPage(entry, value, spec);
}

// On the published page, the widget starts from what this browser kept (Jupyter restores from the file).
function restore(model, apply) {
  if (!onStaticPage()) return;
  const entry = model.get("entry") || {};
  if (!entry.exercise) return;
  const kept = keptOnPage(entry);
  if (kept !== undefined) apply(kept);
}

// A line above the widget for a save that failed (damaged answers file, full disk, refused storage).
function problemLine(model, className) {
  const alert = el("p", { class: className, role: "alert" });
  const show = () => { alert.textContent = model.get("problem") || ""; alert.hidden = !alert.textContent; };
  show();
  model.on("change:problem", show);
  return alert;
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}
