// The line at the top of an exercise: where the answers are kept and what has been restored.
// In Jupyter the kernel writes the message (my-answers.json); a damaged answers file is reported here
// with a button that sets it aside and saves the answers given since. On the published page the answers
// are kept in this browser: the line says how many and when they were last saved, says so when the
// browser refuses storage, and offers "Start again", which asks first.

function render({ model, el: host }) {
  const root = el("div", { class: "usrst", role: "region", "aria-label": "Your answers" });
  ownKeys(root);
  const message = el("p", { class: "usrst-message", "aria-live": "polite" });
  const actions = el("p", { class: "usrst-actions" });
  root.append(message, actions);
  host.append(problemLine(model, "usr-problem"), root);

  if (!onStaticPage()) {
    const show = () => {
      message.innerHTML = model.get("message");  // written by usrussia.widgets.AnswerStatus, escaped there
      actions.replaceChildren();
      if (model.get("damaged")) {
        const button = el("button", { type: "button", class: "usr-button" }, "Set the damaged file aside and save my answers");
        button.addEventListener("click", () => model.send({ event: "set-aside" }));
        actions.append(button);
      }
    };
    show();
    model.on("change:message", show);
    model.on("change:damaged", show);
    return;
  }

  const exercise = model.get("exercise");
  const refresh = () => {
    const { ok, content } = readStore();
    const problem = ok ? globalThis.usrussiaStoreProblem : readStore().problem;
    const answers = content.exercises[exercise] || {};
    const n = Object.keys(answers).length;
    const saved = content.saved[exercise];
    const when = saved ? new Date(saved).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "";
    message.textContent = (problem ? problem + " "
      : "Your answers are kept in this browser, on this device only (nothing is sent anywhere). ") +
      (n ? `${n} answer${n === 1 ? "" : "s"} kept for this exercise, last saved ${when}.` : "No answers kept for this exercise yet.") +
      " To hand them in, use Export at the end of the page.";
    restart.hidden = n === 0;
  };
  const restart = el("button", { type: "button", class: "usr-button" }, "Start again");
  restart.addEventListener("click", () => {
    if (!globalThis.confirm("Delete every answer kept in this browser for this exercise and start again? Answers you have exported are not affected.")) return;
    const { content } = readStore();
    for (const name of ["exercises", "readable", "saved"]) delete content[name][exercise];
    writeStore(content);
    globalThis.location.reload();
  });
  actions.append(restart);
  refresh();
  globalThis.addEventListener("usrussia-answers", refresh);
}

export default { render };
