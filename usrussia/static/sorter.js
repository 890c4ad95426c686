// Predict, then compare: the student answers each item (a category or a rating) and then sees how
// the sources and the scholarship answer it, with their reasons. Used for the threat sorter, the
// cynicism ledger and the institutional reactions. Runs in Jupyter and, from the saved widget state,
// on the published page with no kernel. agreement() mirrors usrussia.scoring.agreement.
function agreement(items, answers) {
  const scored = items.filter((item) => item.reference && answers[item.id]);
  return { agree: scored.filter((item) => answers[item.id] === item.reference).length, answered: scored.length };
}

function render({ model, el: host }) {
  const sid = uid("so");
  const items = model.get("items"), options = model.get("options");
  const labels = Object.fromEntries(options);
  const root = el("div", { class: "usrso" });
  ownKeys(root);
  const spec = { ...(model.get("entry") || {}), kind: "sort", options, items };
  const summary = el("p", { class: "usrso-summary", "aria-live": "polite" });
  root.append(summary);
  let group = null;
  items.forEach((item, i) => {
    if (item.group && item.group !== group) {
      group = item.group;
      root.append(el("p", { class: "usrso-group" }, group));
    }
    const box = el("fieldset", { class: "usrso-item" });
    box.append(el("legend", {}, item.title));
    if (item.body) box.append(el("p", { class: "usrso-body" }, item.body));
    const choices = el("div", { class: "usrso-choices", role: "radiogroup", "aria-label": `${model.get("question")} ${item.title}` });
    for (const [value, label] of options) {
      const id = `${sid}-${i}-${value}`;
      const input = el("input", { type: "radio", name: `${sid}-${i}`, id, value });
      input.addEventListener("change", () => {
        model.set("answers", { ...model.get("answers"), [item.id]: value });
        remember(model, ["answers"], spec, model.get("answers"));
      });
      const label_ = el("label", { for: id });
      label_.append(input, " " + label);
      choices.append(label_);
    }
    const reveal = el("div", { class: "usrso-reveal", hidden: "" });
    for (const [heading, text] of item.reveal) {
      const p = el("p");
      p.append(el("strong", {}, heading + ": "), text);
      reveal.append(p);
    }
    const verdict = el("p", { class: "usrso-verdict" });
    reveal.prepend(verdict);
    box.append(el("p", { class: "usrso-question" }, model.get("question")), choices, reveal);
    box.dataset.item = item.id;
    root.append(box);
  });
  // A save that failed in Jupyter (the answers file is damaged, the disk full) is said above the widget.
  host.append(problemLine(model, "usr-problem"), root);
  restore(model, (kept) => model.set("answers", kept));

  function refresh() {
    const answers = model.get("answers");
    for (const box of root.querySelectorAll(".usrso-item")) {
      const item = items.find((it) => it.id === box.dataset.item);
      const answer = answers[item.id];
      for (const input of box.querySelectorAll("input")) input.checked = input.value === answer;
      const reveal = box.querySelector(".usrso-reveal");
      reveal.hidden = !answer;
      const verdict = box.querySelector(".usrso-verdict");
      if (!answer) continue;
      if (item.reference) {
        const same = answer === item.reference;
        verdict.textContent = same ? `You answered “${labels[answer]}”, as ${model.get("reference_name")} does.`
          : `You answered “${labels[answer]}”; ${model.get("reference_name")}: “${labels[item.reference] || item.reference}”. Weigh the reasons below.`;
        verdict.className = "usrso-verdict " + (same ? "usrso-same" : "usrso-differ");
      } else {
        verdict.textContent = `You answered “${labels[answer]}”. Compare the record and the sources below.`;
      }
    }
    const score = agreement(items, answers);
    const done = Object.keys(answers).length;
    summary.textContent = done === 0 ? model.get("instructions")
      : (items.some((it) => it.reference)
        ? `${done} of ${items.length} answered; you agree with ${model.get("reference_name")} on ${score.agree} of ${score.answered}.`
        : `${done} of ${items.length} answered.`);
  }
  model.on("change:answers", refresh);
  refresh();
}

export default { render };
