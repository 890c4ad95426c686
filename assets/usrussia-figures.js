// Draws the course's plotly figures on the book's pages.
//
// Each figure (usrussia/figures.py, FigureView.html) is a <div> to draw in, an optional pair of
// <select> menus that mirror its first plotly menu and slider for keyboard users, and its data:
//   <script type="application/json" class="usr-figure-spec" data-figure="ID">[data, layout, config]</script>
// The book loads this file with `defer`, only on pages that draw a figure (usrussia/book.py), so it
// never blocks the first paint. plotly.js (1.2 MB) is fetched only when a reader needs it: when a
// figure comes within about two screens of the viewport, or at the reader's first scroll, tap or key,
// so that a page read only at its top never pays for it.
(function () {
  "use strict";

  var PLOTLY = new URL("_static/vendor/plotly/plotly-basic.min.js",
    new URL(document.documentElement.dataset.content_root || "./", document.baseURI)).href;
  var loading = null;

  // plotly.js, fetched once, when first needed.
  function plotly() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = PLOTLY;
        script.onload = resolve;
        script.onerror = reject;
        document.head.append(script);
      });
    }
    return loading;
  }

  // Run a plotly menu button or slider step ({method, args}) on a drawn figure.
  function run(el, step) {
    return window.Plotly[step.method].apply(null, [el].concat(step.args));
  }

  // On a narrow screen (a phone), wrap the title to the figure's width, and give the extra lines room.
  function fitTitle(layout, width) {
    var title = layout.title && layout.title.text;
    if (!title || width >= 600) {
      return layout;
    }
    var limit = Math.max(20, Math.floor(width / 11.5)), lines = [], line = "";  // about 11 px a character
    title.replace(/<br>/g, " ").split(/\s+/).forEach(function (word) {
      if (line && (line + " " + word).length > limit) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    lines.push(line);
    var extra = lines.length - title.split("<br>").length;
    var fitted = Object.assign({}, layout, { title: Object.assign({}, layout.title, { text: lines.join("<br>") }) });
    if (extra > 0) {
      var margin = layout.margin || {};
      fitted.margin = Object.assign({}, margin, { t: (margin.t || 80) + 22 * extra });  // the plot gives way
    }
    return fitted;
  }

  function specOf(id) {
    return document.querySelector('script.usr-figure-spec[data-figure="' + id + '"]');
  }

  // Draw one figure (once), its keyboard mirrors following the mouse.
  function draw(spec) {
    var el = document.getElementById(spec.dataset.figure);
    if (!el || el.dataset.drawn) {
      return Promise.resolve(el);
    }
    el.dataset.drawn = "true";
    var figure = JSON.parse(spec.textContent);
    var layout = fitTitle(figure[1], el.clientWidth);
    return Promise.resolve(window.Plotly.newPlot(el, figure[0], layout, figure[2])).then(function () {
      var menu = document.getElementById(el.id + "-menu"), slider = document.getElementById(el.id + "-slider");
      if (menu) {
        el.on("plotly_buttonclicked", function (event) { menu.value = String(event.active); });
      }
      if (slider) {
        el.on("plotly_sliderchange", function (event) { slider.value = String(event.step._index); });
      }
      return el;
    });
  }

  function drawn(spec) {
    return plotly().then(function () { return draw(spec); });
  }

  function setUp() {
    var specs = Array.prototype.slice.call(document.querySelectorAll("script.usr-figure-spec"));
    specs.forEach(function (spec) {
      var id = spec.dataset.figure, menu = document.getElementById(id + "-menu");
      var slider = document.getElementById(id + "-slider");
      if (menu) {  // the keyboard mirrors work whether or not the figure is drawn yet
        menu.addEventListener("change", function () {
          drawn(spec).then(function (el) {
            run(el, JSON.parse(spec.textContent)[1].updatemenus[0].buttons[Number(menu.value)]);
          });
        });
      }
      if (slider) {
        slider.addEventListener("change", function () {
          drawn(spec).then(function (el) {
            var index = Number(slider.value);
            run(el, JSON.parse(spec.textContent)[1].sliders[0].steps[index]);
            window.Plotly.relayout(el, { "sliders[0].active": index });
          });
        });
      }
    });
    // A figure within about two screens of the viewport is drawn (plotly.js fetched first).
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            observer.unobserve(entry.target);
            drawn(specOf(entry.target.id)).catch(function () {});
          }
        });
      }, { rootMargin: "150% 0px" });
      specs.forEach(function (spec) { observer.observe(document.getElementById(spec.dataset.figure)); });
    } else {
      specs.forEach(function (spec) { drawn(spec).catch(function () {}); });
    }
    // The reader's first scroll, tap or key fetches plotly.js ahead of the figures.
    ["scroll", "pointerdown", "keydown", "touchstart"].forEach(function (name) {
      window.addEventListener(name, function () { plotly().catch(function () {}); }, { once: true, passive: true });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
