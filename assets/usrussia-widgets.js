// Serve the ipywidgets HTML manager's fonts and any front-end widget module from this book's own
// copies (see vendor/README.md), so that pages with widgets need no network.
// The manager's bundled modules locate their fonts from their require.js module URL, so require.js
// resolves module names under _static/vendor/ (fonts in vendor/@jupyter-widgets/...).
(function () {
  var root = new URL(document.documentElement.dataset.content_root || "./", document.baseURI);
  var vendor = new URL("_static/vendor/", root).href;
  window.__jupyter_widgets_assets_path__ = vendor + "@jupyter-widgets/html-manager/dist/";
  if (window.requirejs) {
    window.requirejs.config({ baseUrl: vendor, paths: { anywidget: vendor + "anywidget/index" } });
  }
})();
