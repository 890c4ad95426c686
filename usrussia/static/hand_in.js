// Hand in: the student's name and "Export my answers", which writes answers-<name>.json (to hand in)
// and answers-<name>.md (a copy to read), holding every exercise answered so far. In Jupyter the kernel
// writes both files beside the notebook, from my-answers.json; on the published page both are
// downloaded, from the answers kept in this browser. Unfinished parts are listed; export still works.

function render({ model, el: host }) {
  const id = uid("hi");
  const root = el("div", { class: "usrhi" });
  ownKeys(root);
  const row = el("div", { class: "usrhi-row" });
  const name = el("input", { type: "text", id: `${id}-name`, autocomplete: "name", placeholder: "First and last name" });
  const button = el("button", { type: "button", class: "usr-button usr-primary" }, "Export my answers");
  row.append(el("label", { for: `${id}-name` }, "Your name:"), name, button);
  const todo = el("div", { class: "usrhi-todo" });
  const result = el("div", { class: "usrhi-result", "aria-live": "polite" });
  root.append(row, todo, result);
  host.append(problemLine(model, "usr-problem"), root);

  const showTodo = (lines) => {
    todo.replaceChildren();
    if (!lines.length) return;
    todo.append(el("p", {}, "Not finished yet (you can still export and hand this in):"));
    const list = el("ul");
    for (const line of lines) list.append(el("li", {}, line));
    todo.append(list);
  };

  if (!onStaticPage()) {
    name.value = model.get("student");
    name.addEventListener("change", () => { model.set("student", name.value.trim()); model.save_changes(); });
    button.addEventListener("click", () => {
      model.set("student", name.value.trim());
      model.save_changes();
      model.send({ event: "export" });
    });
    const show = () => { result.innerHTML = model.get("result"); showTodo(model.get("unfinished")); };
    show();
    model.on("change:result", show);
    model.on("change:unfinished", show);
    return;
  }

  const outline = model.get("outline");
  const refresh = () => showTodo(unfinished(outline, readStore().content.exercises));
  name.value = readStore().content.student || "";
  name.addEventListener("change", () => {
    const { content } = readStore();
    content.student = name.value.trim();
    writeStore(content);
  });
  button.addEventListener("click", () => {
    const student = name.value.trim();
    if (!student) {
      result.replaceChildren(el("p", { class: "usr-wrong" }, "Enter your name first: the files are named after you."));
      name.focus();
      return;
    }
    const { content } = readStore();
    content.student = student;
    writeStore(content);
    const submission = { ...FORMAT, student, exported: today(), exercises: content.exercises, readable: content.readable };
    const stem = `answers-${slug(student)}`;
    download(`${stem}.json`, JSON.stringify(submission, null, 1) + "\n", "application/json");
    // Browsers allow one download per click: the readable copy is a link of its own.
    const copy = new Blob([markdown(submission, outline, "the course's web pages in this browser")], { type: "text/markdown" });
    const readable = el("a", { class: "usr-button", href: URL.createObjectURL(copy), download: `${stem}.md` },
      `Download ${stem}.md (a copy you can read)`);
    const titles = Object.fromEntries(outline.map((e) => [e.id, e.title]));
    const begun = outline.filter((e) => Object.keys(content.exercises[e.id] || {}).length).map((e) => titles[e.id]);
    result.replaceChildren(el("p", { class: "usr-right" },
      `Downloaded ${stem}.json, the file to hand in. It holds every exercise answered in this browser: ` +
      `${begun.join(", ") || "none yet"}.`), readable);
    refresh();
  });
  refresh();
  globalThis.addEventListener("usrussia-answers", refresh);
}

export default { render };
