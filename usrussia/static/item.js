// One exercise item: single choice, multiple choice, order, match, or a written answer with a live
// word count. Objective items are checked here, in the browser, in Jupyter and on the published page
// alike, against their sealed key (usrussia.scoring.seal); the feedback names the parts that are wrong.
// The answer is saved by the kernel in Jupyter and kept in the browser on the published page
// (common.js: remember / restore).

const CHECKABLE = ["choice", "multi", "order", "match"];

function feedbackBox(result, okText, notOkText, rightHtml, wrongHtml) {
  const box = el("div", { class: "usri-feedback " + (result ? "usri-right" : "usri-wrong"), role: "status" });
  const head = el("p");
  head.append(el("strong", {}, (result ? USR.RIGHT_MARK + " " + okText : USR.WRONG_MARK + " " + notOkText)));
  box.append(head);
  const more = el("div");
  more.innerHTML = result ? rightHtml : wrongHtml;  // our own feedback text, escaped when it was written
  box.append(more);
  return box;
}

function render({ model, el: host }) {
  const spec = { ...(model.get("entry") || {}), ...model.get("spec") }, id = uid("it");
  const root = el("div", { class: `usri usri-${spec.kind}` });
  ownKeys(root);
  const prompt = el("div", { class: "usri-prompt" });
  prompt.innerHTML = spec.prompt;  // built in Python from escaped data
  root.append(prompt);
  const feedback = el("div", { class: "usri-result", "aria-live": "polite" });
  const key = CHECKABLE.includes(spec.kind) ? unseal(spec.sealed, spec.seed) : null;
  let read = () => model.get("value"), show = () => {};

  if (spec.kind === "choice" || spec.kind === "multi") {
    const group = el("fieldset", { class: "usri-options" });
    group.append(el("legend", { class: "usri-sr" }, spec.question));
    const type = spec.kind === "choice" ? "radio" : "checkbox";
    spec.options.forEach((option, i) => {
      const label = el("label", { class: "usri-option", for: `${id}-${i}` });
      const input = el("input", { type, name: id, id: `${id}-${i}`, value: String(i) });
      const text = el("span");
      text.innerHTML = option.html;
      label.append(input, text);
      group.append(label);
    });
    root.append(group);
    read = () => {
      const chosen = [...group.querySelectorAll("input:checked")].map((input) => Number(input.value));
      return spec.kind === "choice" ? (chosen.length ? chosen[0] : null) : chosen;
    };
    show = (value) => {
      const chosen = spec.kind === "choice" ? [value] : (value || []);
      for (const input of group.querySelectorAll("input")) input.checked = chosen.includes(Number(input.value));
    };
  } else if (spec.kind === "order") {
    const list = el("ol", { class: "usri-order" });
    const positions = spec.items.map((_, i) => i + 1);
    spec.items.forEach((item, i) => {
      const row = el("li", { class: "usri-order-row" });
      const menu = el("select", { id: `${id}-${i}`, "data-item": item.id });
      menu.append(el("option", { value: "" }, "—"));
      for (const p of positions) menu.append(el("option", { value: String(p) }, String(p)));
      row.append(el("label", { for: `${id}-${i}` }, item.text), menu);
      list.append(row);
    });
    root.append(list);
    read = () => {
      const chosen = [...list.querySelectorAll("select")].map((m) => [m.dataset.item, Number(m.value)]);
      if (chosen.some(([, p]) => !p) || new Set(chosen.map(([, p]) => p)).size !== chosen.length) return null;
      return chosen.sort((a, b) => a[1] - b[1]).map(([item]) => item);
    };
    show = (value) => {
      for (const menu of list.querySelectorAll("select")) {
        const at = (value || []).indexOf(menu.dataset.item);
        menu.value = at >= 0 ? String(at + 1) : "";
      }
    };
  } else if (spec.kind === "match") {
    const list = el("div", { class: "usri-parts" });
    spec.parts.forEach((part, i) => {
      const box = el("fieldset", { class: "usri-part", "data-part": part.id });
      const legend = el("legend", {}, `${spec.part_noun[0].toUpperCase()}${spec.part_noun.slice(1)} ${i + 1}`);
      const body = el("div", { class: "usri-part-body" });
      body.innerHTML = part.html;
      const choices = el("div", { class: "usri-choices" });
      for (const choice of spec.choices) {
        const label = el("label", { class: "usri-option", for: `${id}-${i}-${choice.value}` });
        label.append(el("input", { type: "radio", name: `${id}-${i}`, id: `${id}-${i}-${choice.value}`, value: choice.value }),
          el("span", {}, choice.text));
        choices.append(label);
      }
      box.append(legend, body, choices);
      list.append(box);
    });
    root.append(list);
    read = () => {
      const given = {};
      for (const box of list.querySelectorAll(".usri-part")) {
        const chosen = box.querySelector("input:checked");
        if (chosen) given[box.dataset.part] = chosen.value;
      }
      return given;
    };
    show = (value) => {
      for (const box of list.querySelectorAll(".usri-part")) {
        for (const input of box.querySelectorAll("input")) input.checked = (value || {})[box.dataset.part] === input.value;
      }
    };
  } else if (spec.kind === "written") {
    const area = el("textarea", { id: `${id}-text`, rows: "10", placeholder: spec.placeholder, "aria-describedby": `${id}-count` });
    const label = el("label", { for: `${id}-text`, class: "usri-sr" }, spec.question);
    const count = el("p", { class: "usri-count", id: `${id}-count`, "aria-live": "polite" });
    const [low, high] = spec.words;
    const recount = () => {
      const n = wordCount(area.value);
      count.textContent = `${n} words (aim for ${low}–${high}).` + (n > high ? " That is over the limit: cut." : "");
      count.classList.toggle("usri-short", n < low);
    };
    area.addEventListener("input", () => {
      recount();
      model.set("value", area.value);
      remember(model, ["value"], spec, area.value);
    });
    root.append(label, area, count);
    show = (value) => { if (area.value !== (value || "")) area.value = value || ""; recount(); };
  }

  function judge(value) {
    feedback.replaceChildren();
    if (spec.kind === "choice") {
      const ok = value === key.answer;
      feedback.append(feedbackBox(ok, "Right.", "Not this one.", key.right, key.wrong));
    } else if (spec.kind === "multi") {
      const r = checkMulti(value, key.answer, spec.options.length);
      const wrong = r.wrong.map((i) => `option ${i + 1}`).join(", ");
      feedback.append(feedbackBox(r.wrong.length === 0, `All ${r.total} options judged right.`,
        `${r.correct} of ${r.total} options judged right. Look again at ${wrong}.`, key.right, key.wrong));
    } else if (spec.kind === "order") {
      const r = checkOrder(value, key.answer);
      const texts = Object.fromEntries(spec.items.map((item) => [item.id, item.text]));
      const wrong = r.wrong.map((p) => `position ${p} (${texts[value[p - 1]]})`).join(", ");
      feedback.append(feedbackBox(r.wrong.length === 0, `All ${r.total} in the right place.`,
        `${r.correct} of ${r.total} in the right place. Not yet right: ${wrong}.`, key.right, key.wrong));
    } else if (spec.kind === "match") {
      const r = checkMatches(value, key.answer);
      const number = Object.fromEntries(spec.parts.map((part, i) => [part.id, i + 1]));
      const explain = r.wrong.map((part) => `<li><strong>${spec.part_noun[0].toUpperCase()}${spec.part_noun.slice(1)} ${number[part]}:</strong> ${key.explain[part]}</li>`).join("");
      feedback.append(feedbackBox(r.wrong.length === 0, `All ${r.total} right.`,
        `${r.correct} of ${r.total} right. Look again at ${spec.part_noun} ${r.wrong.map((p) => number[p]).join(", ")}:`,
        key.right, `<ul>${explain}</ul>`));
    }
  }

  if (CHECKABLE.includes(spec.kind)) {
    const button = el("button", { type: "button", class: "usri-check" }, spec.button);
    button.addEventListener("click", () => {
      const value = read();
      const missing = spec.kind === "choice" ? value === null
        : spec.kind === "order" ? value === null
        : spec.kind === "match" ? Object.keys(value).length < spec.parts.length : false;
      if (missing) {
        feedback.replaceChildren(el("p", { class: "usri-feedback" }, spec.incomplete));
        return;
      }
      model.set("value", value);
      remember(model, ["value"], spec, value);
      judge(value);
    });
    root.append(button);
  }
  root.append(feedback);
  host.append(problemLine(model, "usr-problem"), root);

  restore(model, (kept) => model.set("value", kept));
  const value = model.get("value");
  show(value);
  // A restored answer shows the mark it earned.
  if (CHECKABLE.includes(spec.kind) && value !== null && value !== undefined) judge(value);
}

export default { render };
