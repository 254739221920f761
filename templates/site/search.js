// Starts Pagefind's search box on search.html (a file, not inline: the page's
// Content-Security-Policy allows scripts from the site only).
window.addEventListener("DOMContentLoaded", function () {
  new PagefindUI({ element: "#search", showSubResults: true });
  // Pagefind names its box by a title only: the page's heading is its label.
  var input = document.querySelector("#search input");
  if (input) {
    input.setAttribute("aria-labelledby", "search-heading");
  }
});
