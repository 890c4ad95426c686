// Point the ipywidgets HTML manager at this book's own copies of its fonts and of front-end
// widget modules, so that pages with widgets need no network (see vendor/README.md).
(function () {
  var root = new URL(document.documentElement.dataset.content_root || "./", document.baseURI);
  window.__jupyter_widgets_assets_path__ = new URL("_static/vendor/html-manager/", root).href;
  if (window.requirejs) {
    window.requirejs.config({ paths: { anywidget: new URL("_static/vendor/anywidget/index", root).href } });
  }
})();
