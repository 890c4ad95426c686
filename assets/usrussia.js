// On a first visit no colour mode is stored, and the theme would log a console error about an
// empty mode: start in the light mode (figures are drawn on white); the reader can switch.
if (!document.documentElement.dataset.mode) {
  document.documentElement.dataset.mode = "light";
}
