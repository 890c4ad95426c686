// Claim weigher: the student rates each claim and picks the evidence they rely on; a bar shows
// where the ratings put the balance between the theses. Runs in Jupyter and, from the notebook's
// saved widget state, on the published page with no kernel. The arithmetic is common.js's
// (thesisBalance, factorBalance, balanceVerdict), which mirrors usrussia.scoring.
function render({ model, el: host }) {
  const id = uid("cw");
  const claims = model.get("claims");
  const root = el("div", { class: "usrcw" });
  ownKeys(root);
  const spec = { ...(model.get("entry") || {}), kind: "weigh", claims };
  const answer = () => ({ weights: model.get("weights"), evidence: model.get("evidence"), argument: model.get("argument") });
  const save = (names) => remember(model, names, spec, answer());
  const list = el("div", { class: "usrcw-claims" });
  claims.forEach((claim, i) => {
    const box = el("fieldset", { class: "usrcw-claim" });
    const legend = el("legend");
    legend.append(el("span", { class: `usrcw-thesis usrcw-${claim.thesis}` }, USR.THESIS_LABELS[claim.thesis]), " ", claim.text);
    box.append(legend);
    const sliderId = `${id}-w${i}`;
    const row = el("div", { class: "usrcw-row" });
    const slider = el("input", { type: "range", min: "0", max: "4", step: "1", id: sliderId, "data-claim": claim.id });
    const readout = el("output", { for: sliderId, class: "usrcw-readout" });
    row.append(el("label", { for: sliderId }, "How convincing?"), slider, readout);
    const menuId = `${id}-e${i}`;
    const menu = el("select", { id: menuId, "data-claim": claim.id });
    menu.append(el("option", { value: "" }, "— choose —"));
    for (const [label, value] of claim.evidence) menu.append(el("option", { value }, label));
    const row2 = el("div", { class: "usrcw-row" });
    row2.append(el("label", { for: menuId }, "Key evidence:"), menu);
    box.append(row, row2);
    list.append(box);
    slider.addEventListener("input", () => {
      model.set("weights", { ...model.get("weights"), [claim.id]: Number(slider.value) });
      save(["weights"]);
    });
    menu.addEventListener("change", () => {
      model.set("evidence", { ...model.get("evidence"), [claim.id]: menu.value });
      save(["evidence"]);
    });
  });
  const summary = el("div", { class: "usrcw-summary" });
  const bar = el("div", { class: "usrcw-bar", role: "img" });
  const legend = el("p", { class: "usrcw-legend" });
  const verdict = el("p", { class: "usrcw-verdict", "aria-live": "polite" });
  const argumentId = `${id}-arg`;
  const argument = el("textarea", { id: argumentId, rows: "4", placeholder: "Your argument in a few sentences…" });
  argument.addEventListener("input", () => { model.set("argument", argument.value); save(["argument"]); });
  const factors = el("ul", { class: "usrcw-factors" });
  const thesisOf = Object.fromEntries(claims.map((c) => [c.factor, c.thesis]));
  summary.append(el("p", { class: "usrcw-title" }, "Where your weights put the balance"), bar, legend, verdict);
  if (model.get("by_factor")) summary.append(el("p", { class: "usrcw-title" }, "By factor"), factors);
  root.append(summary, list);
  if (model.get("ask_argument")) root.append(el("label", { for: argumentId }, "Why? Your argument:"), argument);
  host.append(problemLine(model, "usr-problem"), root);
  restore(model, (kept) => {
    model.set("weights", kept.weights || {});
    model.set("evidence", kept.evidence || {});
    model.set("argument", kept.argument || "");
  });

  function refresh() {
    const weights = model.get("weights"), evidence = model.get("evidence");
    for (const slider of root.querySelectorAll("input[type=range]")) {
      const value = weights[slider.dataset.claim] || 0;
      slider.value = String(value);
      slider.setAttribute("aria-valuetext", USR.WEIGHT_LABELS[value]);
      slider.nextElementSibling.textContent = USR.WEIGHT_LABELS[value];
    }
    for (const menu of root.querySelectorAll("select")) menu.value = evidence[menu.dataset.claim] || "";
    if (argument.value !== model.get("argument")) argument.value = model.get("argument");
    const shares = thesisBalance(claims, weights);
    bar.replaceChildren();
    for (const [thesis, share] of Object.entries(shares)) {
      if (share > 0) {
        const segment = el("span", { class: `usrcw-seg usrcw-${thesis}`, "data-thesis": thesis, title: `${USR.THESIS_LABELS[thesis]}: ${Math.round(share * 100)}%` });
        segment.style.width = `${(share * 100).toFixed(1)}%`;
        bar.append(segment);
      }
    }
    legend.textContent = Object.entries(shares).map(([t, s]) => `${USR.THESIS_LABELS[t]} ${Math.round(s * 100)}%`).join(" · ");
    verdict.textContent = balanceVerdict(shares);
    if (model.get("by_factor")) {
      factors.replaceChildren();
      for (const [factor, share] of Object.entries(factorBalance(claims, weights))) {
        const item = el("li", { "data-factor": factor });
        const meter = el("span", { class: `usrcw-meter usrcw-${thesisOf[factor]}` });
        meter.style.width = `${(share * 100).toFixed(1)}%`;
        item.append(el("span", { class: "usrcw-factor-name" }, `${factor.replace(/-/g, " ")} ${Math.round(share * 100)}%`),
                    el("span", { class: "usrcw-track" }, ""));
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
