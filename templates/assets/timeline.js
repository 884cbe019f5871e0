// Filters the whole timeline in place. Each filter link also works without this
// script: it leads to a page of its own (timeline/<person>/, timeline/kind/<kind>/).
(() => {
  "use strict";
  const root = document.querySelector("[data-timeline='all']");
  const nav = document.querySelector("[data-timeline-filters]");
  const status = document.querySelector("[data-timeline-status]");
  if (!root || !nav || !status) return;
  const links = Array.from(nav.querySelectorAll("a"));
  const events = Array.from(root.querySelectorAll(".event"));
  const whole = status.textContent;

  function show(link) {
    const person = link.dataset.person || "";
    const kind = link.dataset.kind || "";
    for (const event of events) {
      const match =
        (!person || event.dataset.people.split(" ").includes(person)) &&
        (!kind || event.dataset.kind === kind);
      event.hidden = !match;
    }
    for (const group of root.querySelectorAll(".month, .year")) {
      group.hidden = !group.querySelector(".event:not([hidden])");
    }
    for (const jump of document.querySelectorAll(".jump a[data-year]")) {
      const year = root.querySelector(`.year[data-year="${jump.dataset.year}"]`);
      jump.hidden = Boolean(year && year.hidden);
    }
    for (const other of links) {
      if (other === link) other.setAttribute("aria-current", "page");
      else other.removeAttribute("aria-current");
    }
    // The words of the filtered page for the same view, in the page's language, which the
    // template put on the link (templates/timeline.html): no sentence is written here.
    status.textContent = link.dataset.status || whole;
  }

  nav.addEventListener("click", (click) => {
    const link = click.target.closest("a");
    if (!link || click.button !== 0 || click.metaKey || click.ctrlKey || click.shiftKey || click.altKey) return;
    click.preventDefault();
    show(link);
    history.pushState(null, "", link.href);
  });
  window.addEventListener("popstate", () => {
    const here = location.href.split("#")[0];
    show(links.find((link) => link.href === here) || links[0]);
  });
})();
