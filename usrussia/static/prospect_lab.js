// Prospect-theory lab: the value function with controls for curvature, loss aversion and the
// reference point, and a sure outcome against a gamble (outcomes in absolute terms, valued as
// v(x - r) from the reference point r). Works in Jupyter and, from the saved widget state, on the
// published page with no kernel. The maths mirrors usrussia/prospect.py (the tests compare them).
function value(x, alpha, beta, lam) {
  return x >= 0 ? Math.pow(x, alpha) : -lam * Math.pow(-x, beta);
}

function preference(c, alpha, beta, lam) {
  const r = c.reference ?? 0;
  const gamble = c.p * value(c.good - r, alpha, beta, lam) + (1 - c.p) * value(c.bad - r, alpha, beta, lam);
  const sure = value(c.sure - r, alpha, beta, lam);
  const difference = gamble - sure;
  return { gamble, sure, choice: Math.abs(difference) <= 1e-9 ? "indifferent" : difference > 0 ? "gamble" : "sure" };
}

const CONTROLS = [
  ["alpha", "Curvature for gains (α)", 0.3, 1.5, 0.01],
  ["beta", "Curvature for losses (β)", 0.3, 1.5, 0.01],
  ["lam", "Loss aversion (λ)", 0.5, 4, 0.05],
  ["sure", "Sure outcome", -100, 100, 1],
  ["p", "Chance of the better outcome", 0, 1, 0.01],
  ["good", "Better outcome of the gamble", -100, 100, 1],
  ["bad", "Worse outcome of the gamble", -100, 100, 1],
  ["reference", "Reference point (r)", -100, 100, 5],
];
const CHOICE_KEYS = ["sure", "p", "good", "bad", "reference"];

function render({ model, el: host }) {
  const pid = uid("pl");
  const root = el("div", { class: "usrpl" });
  const presets = el("div", { class: "usrpl-presets", role: "group", "aria-label": "Scenarios" });
  for (const preset of model.get("presets")) {
    const button = el("button", { type: "button" }, preset.label);
    button.addEventListener("click", () => {
      for (const key of CHOICE_KEYS) model.set(key, preset.choice[key] ?? 0);
      model.save_changes();
    });
    presets.append(button);
  }
  const grid = el("div", { class: "usrpl-controls" });
  const inputs = {};
  for (const [key, label, min, max, step] of CONTROLS) {
    const id = `${pid}-${key}`;
    const input = el("input", { type: "range", id, min, max, step, "data-key": key });
    const out = el("output", { for: id });
    input.addEventListener("input", () => { model.set(key, Number(input.value)); model.save_changes(); });
    grid.append(el("label", { for: id }, label), input, out);
    inputs[key] = [input, out];
  }
  const svg = el("svg", { viewBox: "0 0 360 240", class: "usrpl-plot", role: "img" });
  const verdict = el("p", { class: "usrpl-verdict", "aria-live": "polite" });
  const numbers = el("p", { class: "usrpl-numbers" });
  root.append(presets, grid, svg, numbers, verdict);
  ownKeys(root);
  host.append(root);

  const X = (x) => 180 + x * 1.7, Y = (v) => 120 - v * 0.5;
  function refresh() {
    const s = Object.fromEntries(CONTROLS.map(([k]) => [k, model.get(k)]));
    for (const [key, [input, out]] of Object.entries(inputs)) {
      input.value = String(s[key]);
      out.textContent = key === "p" ? `${Math.round(s[key] * 100)}%` : String(s[key]);
    }
    const result = preference(s, s.alpha, s.beta, s.lam);
    svg.replaceChildren();
    svg.append(el("line", { x1: 10, y1: 120, x2: 350, y2: 120, class: "usrpl-axis" }),
               el("line", { x1: 180, y1: 10, x2: 180, y2: 230, class: "usrpl-axis" }),
               el("text", { x: 345, y: 112, "text-anchor": "end" }, "outcome"),
               el("text", { x: 186, y: 20 }, "value"));
    const r = s.reference ?? 0;
    const valued = (x) => Math.max(-220, Math.min(220, value(x - r, s.alpha, s.beta, s.lam)));
    const tag = r > 40 ? { x: X(r) - 4, y: 226, "text-anchor": "end" } : { x: X(r) + 4, y: 226 };
    svg.append(el("line", { x1: X(r), y1: 10, x2: X(r), y2: 230, class: "usrpl-reference" }),
               el("text", tag, "reference point"));
    let d = "";
    for (let x = -100; x <= 100; x += 2) {
      d += `${d ? "L" : "M"}${X(x).toFixed(1)},${Y(valued(x)).toFixed(1)}`;
    }
    svg.append(el("path", { d, class: "usrpl-curve" }));
    const mark = (x, cls, label) => {
      const v = valued(x);
      svg.append(el("circle", { cx: X(x), cy: Y(v), r: 5, class: cls }));
      svg.append(el("text", { x: X(x) + 7, y: Y(v) - 6, class: "usrpl-label" }, label));
    };
    mark(s.good, "usrpl-gamble", "gamble: better");
    mark(s.bad, "usrpl-gamble", "gamble: worse");
    mark(s.sure, "usrpl-sure", "sure");
    const fmt = (v) => v.toFixed(1);
    numbers.textContent = `Value of the sure outcome: ${fmt(result.sure)}. Value of the gamble: ${fmt(result.gamble)} ` +
      `(expected outcome ${fmt(s.p * s.good + (1 - s.p) * s.bad)}, against a sure ${s.sure}). ` +
      `Outcomes count as gains or losses from the reference point, ${r}.`;
    const setting = `With these parameters and the reference point at ${r}`;
    verdict.textContent = result.choice === "indifferent"
      ? `${setting} the two options are worth the same: no preference.`
      : `${setting} the ${result.choice === "gamble" ? "gamble" : "sure outcome"} is preferred.`;
    svg.setAttribute("aria-label",
      `Value function with α ${s.alpha}, β ${s.beta}, λ ${s.lam}, reference point ${r}. ${verdict.textContent}`);
    verdict.dataset.choice = result.choice;
  }
  for (const [key] of CONTROLS) model.on(`change:${key}`, refresh);
  refresh();
}

export default { render };
