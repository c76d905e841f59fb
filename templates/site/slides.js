// One step per screen: arrows, Page Up/Down, Space, Home and End move; without this script
// every slide shows, one after another (and one a page in print).
(function () {
  var slides = Array.prototype.slice.call(document.querySelectorAll("section.slide"));
  var status = document.getElementById("where");
  var current = 0;
  function show(index) {
    current = Math.max(0, Math.min(slides.length - 1, index));
    slides.forEach(function (slide, i) { slide.hidden = i !== current; });
    status.textContent = "Slide " + (current + 1) + " of " + slides.length;
    slides[current].focus();
  }
  document.addEventListener("keydown", function (event) {
    var keys = {ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1};
    if (event.key in keys) { show(current + keys[event.key]); event.preventDefault(); }
    else if (event.key === "Home") { show(0); event.preventDefault(); }
    else if (event.key === "End") { show(slides.length - 1); event.preventDefault(); }
  });
  document.getElementById("prev").addEventListener("click", function () { show(current - 1); });
  document.getElementById("next").addEventListener("click", function () { show(current + 1); });
  document.body.classList.add("deck");
  show(0);
})();
