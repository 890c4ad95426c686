// Draws the course's front-end widgets (anywidget) on the published page from the notebook's saved
// widget state, with no kernel and no ipywidgets HTML manager. For each
// <script type="application/vnd.jupyter.widget-view+json"> that myst-nb wrote where a widget was
// displayed, it finds the widget's model in the page's widget-state script, imports the model's `_esm`
// module from a Blob URL (the build keeps one copy of each module's code per page, in `usr_shared`), adds
// its `_css` once, and calls the module's render({model, el}) as anywidget's
// front-end contract has it. The model offers what that contract uses: get, set, on, off, save_changes,
// send (there is no kernel to send to) and widget_manager.
(function () {
  "use strict";
  globalThis.usrussiaStaticPage = true;
  document.documentElement.classList.add("usr-static");

  function Model(state) {
    this.state = Object.assign({}, state);
    this.handlers = {};
    this.widget_manager = { static: true };
  }
  Model.prototype.get = function (name) { return this.state[name]; };
  Model.prototype.set = function (name, value) {
    this.state[name] = value;
    (this.handlers["change:" + name] || []).slice().forEach(function (cb) { cb(value); });
    (this.handlers.change || []).slice().forEach(function (cb) { cb(); });
  };
  Model.prototype.on = function (event, cb) { (this.handlers[event] = this.handlers[event] || []).push(cb); };
  Model.prototype.off = function (event, cb) {
    if (!event) { this.handlers = {}; return; }
    this.handlers[event] = cb ? (this.handlers[event] || []).filter(function (h) { return h !== cb; }) : [];
  };
  Model.prototype.save_changes = function () {};
  Model.prototype.send = function () {};

  var modules = new Map(), styles = new Set();

  function load(source) {
    if (!modules.has(source)) {
      var url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      modules.set(source, import(url).then(function (module) {
        var widget = module.default;
        return typeof widget === "function" ? widget() : widget;
      }));
    }
    return modules.get(source);
  }

  function addStyle(css) {
    if (!css || styles.has(css)) return;
    styles.add(css);
    var tag = document.createElement("style");
    tag.textContent = css;
    document.head.append(tag);
  }

  function show(view, models, shared) {
    var id = JSON.parse(view.textContent).model_id;
    var saved = models[id];
    var code = function (value) { return value && typeof value === "object" ? shared[value.usr_shared] : value; };
    var host = document.createElement("div");
    host.className = "usr-widget";
    view.before(host);
    if (!saved || saved.model_module !== "anywidget") {
      host.textContent = "This widget needs a running notebook.";
      return Promise.resolve();
    }
    var model = new Model(saved.state);
    addStyle(code(saved.state._css));
    return load(code(saved.state._esm)).then(function (widget) {
      return Promise.resolve(widget.initialize ? widget.initialize({ model: model }) : null).then(function () {
        return widget.render({ model: model, el: host });
      });
    }).then(function () {
      host.dataset.rendered = "true";
    }, function (error) {
      host.textContent = "This widget could not be drawn: " + error;
      console.error(error);
    });
  }

  function start() {
    var stateTag = document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
    if (!stateTag) return;
    var content = JSON.parse(stateTag.textContent);
    var models = content.state || {}, shared = content.usr_shared || [];
    var views = document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]');
    Promise.all(Array.prototype.map.call(views, function (view) { return show(view, models, shared); })).then(function () {
      document.documentElement.dataset.widgetsRendered = "true";
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
