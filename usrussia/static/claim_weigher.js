// Claim weigher: the student rates each claim and picks the evidence they rely on; a bar shows
// where the ratings put the balance between the theses. Runs in Jupyter and, from the notebook's
// saved widget state, on the published page with no kernel. The arithmetic mirrors
// usrussia.widgets.thesis_balance and balance_verdict (the tests compare them).
const LABELS = ["not at all", "barely", "somewhat", "largely", "fully"];
const THESES = { personal: "personal diplomacy", structural: "structural factors", other: "other explanations" };

// Each group's mean weight over its claims (unweighed = 0), as a share of the sum of the means:
// a side with more claims does not outweigh one with fewer (mirrors usrussia.widgets._mean_shares).
function meanShares(claims, weights, key, names) {
  const sums = {}, counts = {};
  for (const name of names) { sums[name] = 0; counts[name] = 0; }
  for (const claim of claims) {
    const group = claim[key];
    sums[group] = (sums[group] || 0) + Math.max(weights[claim.id] || 0, 0);
    counts[group] = (counts[group] || 0) + 1;
  }
  const means = {};
  for (const group of Object.keys(sums)) means[group] = counts[group] ? sums[group] / counts[group] : 0;
  const grand = Object.values(means).reduce((a, b) => a + b, 0);
  const shares = {};
  for (const group of Object.keys(means)) shares[group] = grand ? means[group] / grand : 0;
  return shares;
}

export function thesisBalance(claims, weights) {
  return meanShares(claims, weights, "thesis", Object.keys(THESES));
}

export function factorBalance(claims, weights) {
  return meanShares(claims, weights, "factor", []);
}

export function balanceVerdict(b) {
  if (b.personal === 0 && b.structural === 0) {
    if (b.other > 0) return "Your weights rest only on other explanations: neither personal diplomacy nor structural factors.";
    return "Weigh at least one claim to see where your balance lies.";
  }
  const gap = b.structural - b.personal;
  if (Math.abs(gap) < 0.1) return "Your weights put the two explanations roughly level.";
  const side = gap > 0 ? "structural factors" : "personal diplomacy";
  const strength = Math.abs(gap) >= 0.4 ? "strongly" : "somewhat";
  return `Your weights lean ${strength} towards ${side}.`;
}

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text) node.textContent = text;
  return node;
}

function render({ model, el }) {
  const uid = "cw" + Math.random().toString(36).slice(2, 8);
  const claims = model.get("claims");
  const root = element("div", { class: "usrcw" });
  const list = element("div", { class: "usrcw-claims" });
  claims.forEach((claim, i) => {
    const box = element("fieldset", { class: "usrcw-claim" });
    const legend = element("legend");
    legend.append(element("span", { class: `usrcw-thesis usrcw-${claim.thesis}` }, THESES[claim.thesis]), " ", claim.text);
    box.append(legend);
    const sliderId = `${uid}-w${i}`;
    const row = element("div", { class: "usrcw-row" });
    const slider = element("input", { type: "range", min: "0", max: "4", step: "1", id: sliderId, "data-claim": claim.id });
    const readout = element("output", { for: sliderId, class: "usrcw-readout" });
    row.append(element("label", { for: sliderId }, "How convincing?"), slider, readout);
    const menuId = `${uid}-e${i}`;
    const menu = element("select", { id: menuId, "data-claim": claim.id });
    menu.append(element("option", { value: "" }, "— choose —"));
    for (const [label, value] of claim.evidence) menu.append(element("option", { value }, label));
    const row2 = element("div", { class: "usrcw-row" });
    row2.append(element("label", { for: menuId }, "Key evidence:"), menu);
    box.append(row, row2);
    list.append(box);
    slider.addEventListener("input", () => {
      model.set("weights", { ...model.get("weights"), [claim.id]: Number(slider.value) });
      model.save_changes();
    });
    menu.addEventListener("change", () => {
      model.set("evidence", { ...model.get("evidence"), [claim.id]: menu.value });
      model.save_changes();
    });
  });
  const summary = element("div", { class: "usrcw-summary" });
  const bar = element("div", { class: "usrcw-bar", role: "img" });
  const legend = element("p", { class: "usrcw-legend" });
  const verdict = element("p", { class: "usrcw-verdict", "aria-live": "polite" });
  const argumentId = `${uid}-arg`;
  const argument = element("textarea", { id: argumentId, rows: "4", placeholder: "Your argument in a few sentences…" });
  argument.addEventListener("input", () => { model.set("argument", argument.value); model.save_changes(); });
  const factors = element("ul", { class: "usrcw-factors" });
  const thesisOf = Object.fromEntries(claims.map((c) => [c.factor, c.thesis]));
  summary.append(element("p", { class: "usrcw-title" }, "Where your weights put the balance"), bar, legend, verdict);
  if (model.get("by_factor")) summary.append(element("p", { class: "usrcw-title" }, "By factor"), factors);
  root.append(summary, list);
  if (model.get("ask_argument")) root.append(element("label", { for: argumentId }, "Why? Your argument:"), argument);
  const alert = element("p", { class: "usrcw-problem", role: "alert" });
  el.append(alert, root);
  const showProblem = () => { alert.textContent = model.get("problem") || ""; alert.hidden = !alert.textContent; };
  showProblem();
  model.on("change:problem", showProblem);

  function refresh() {
    const weights = model.get("weights"), evidence = model.get("evidence");
    for (const slider of root.querySelectorAll("input[type=range]")) {
      const value = weights[slider.dataset.claim] || 0;
      slider.value = String(value);
      slider.setAttribute("aria-valuetext", LABELS[value]);
      slider.nextElementSibling.textContent = LABELS[value];
    }
    for (const menu of root.querySelectorAll("select")) menu.value = evidence[menu.dataset.claim] || "";
    if (argument.value !== model.get("argument")) argument.value = model.get("argument");
    const shares = thesisBalance(claims, weights);
    bar.replaceChildren();
    for (const [thesis, share] of Object.entries(shares)) {
      if (share > 0) {
        const segment = element("span", { class: `usrcw-seg usrcw-${thesis}`, "data-thesis": thesis, title: `${THESES[thesis]}: ${Math.round(share * 100)}%` });
        segment.style.width = `${(share * 100).toFixed(1)}%`;
        bar.append(segment);
      }
    }
    legend.textContent = Object.entries(shares).map(([t, s]) => `${THESES[t]} ${Math.round(s * 100)}%`).join(" · ");
    verdict.textContent = balanceVerdict(shares);
    if (model.get("by_factor")) {
      factors.replaceChildren();
      for (const [factor, share] of Object.entries(factorBalance(claims, weights))) {
        const item = element("li", { "data-factor": factor });
        const meter = element("span", { class: `usrcw-meter usrcw-${thesisOf[factor]}` });
        meter.style.width = `${(share * 100).toFixed(1)}%`;
        item.append(element("span", { class: "usrcw-factor-name" }, `${factor.replace(/-/g, " ")} ${Math.round(share * 100)}%`),
                    element("span", { class: "usrcw-track" }, ""));
        item.lastChild.append(meter);
        factors.append(item);
      }
    }
    bar.setAttribute("aria-label", `${legend.textContent}. ${verdict.textContent}`);
  }
  model.on("change:weights", refresh);
  model.on("change:evidence", refresh);
  model.on("change:argument", refresh);
  refresh();
}

export default { render };
