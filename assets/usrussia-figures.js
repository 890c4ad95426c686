// Draws the course's plotly figures on the book's pages.
//
// Each figure (usrussia/figures.py, FigureView.html) is a <div> to draw in, an optional pair of
// <select> menus that mirror its first plotly menu and slider for keyboard users, and its data:
//   <script type="application/json" class="usr-figure-spec" data-figure="ID">[data, layout, config]</script>
// The book loads this file and plotly.js with `defer`, only on pages that draw a figure
// (usrussia/book.py), so neither blocks the first paint; deferred scripts run in order once the
// page is parsed, so every figure's data is there when this runs.
(function () {
  "use strict";

  // Run a plotly menu button or slider step ({method, args}) on a drawn figure.
  function run(el, step) {
    return window.Plotly[step.method].apply(null, [el].concat(step.args));
  }

  function draw(spec) {
    var el = document.getElementById(spec.dataset.figure);
    if (!el || el.dataset.drawn) {
      return;
    }
    el.dataset.drawn = "true";
    var figure = JSON.parse(spec.textContent);
    var layout = figure[1];
    window.Plotly.newPlot(el, figure[0], layout, figure[2]);

    var menu = document.getElementById(el.id + "-menu");
    if (menu) {
      menu.addEventListener("change", function () {
        run(el, layout.updatemenus[0].buttons[Number(menu.value)]);
      });
      el.on("plotly_buttonclicked", function (event) {  // keep the mirror in step with the mouse
        menu.value = String(event.active);
      });
    }
    var slider = document.getElementById(el.id + "-slider");
    if (slider) {
      slider.addEventListener("change", function () {
        var index = Number(slider.value);
        run(el, layout.sliders[0].steps[index]);
        window.Plotly.relayout(el, { "sliders[0].active": index });
      });
      el.on("plotly_sliderchange", function (event) {
        slider.value = String(event.step._index);
      });
    }
  }

  function inView(spec) {
    var box = document.getElementById(spec.dataset.figure).getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  }

  // Draw the figures one per task, those on screen first, and only once the page has been painted:
  // drawing all of them at once would hold back the first paint and the reader's first clicks.
  // A figure scrolled into view before its turn is drawn at once.
  function drawAll() {
    if (!window.Plotly) {
      return;  // plotly.js failed to load: the figures' text descriptions still stand
    }
    var specs = Array.prototype.slice.call(document.querySelectorAll("script.usr-figure-spec"));
    var queue = specs.filter(inView).concat(specs.filter(function (spec) { return !inView(spec); }));
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (entry.isIntersecting) {
            observer.unobserve(entry.target);
            draw(document.querySelector('script.usr-figure-spec[data-figure="' + entry.target.id + '"]'));
          }
        });
      }, { rootMargin: "200px" });
      specs.forEach(function (spec) { observer.observe(document.getElementById(spec.dataset.figure)); });
    }
    function next() {
      if (queue.length) {
        draw(queue.shift());
        setTimeout(next, 0);
      }
    }
    requestAnimationFrame(function () { setTimeout(next, 0); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
