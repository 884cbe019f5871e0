// The search box: Pagefind's index, queried in the browser. Without this script
// (or without the index, as in the preview) the page links to the people index,
// which lists every spelling of every name.
(() => {
  "use strict";
  const box = document.querySelector("[data-search]");
  if (!box) return;
  const fallback = box.querySelector(".search-fallback");
  const form = document.createElement("form");
  form.setAttribute("role", "search");
  form.className = "search-form";
  const label = document.createElement("label");
  label.htmlFor = "search-input";
  // Every word shown comes from the page (templates/search.html), in its language.
  const words = box.dataset;
  label.textContent = words.label;
  const input = document.createElement("input");
  Object.assign(input, { id: "search-input", type: "search", name: "q", autocomplete: "off" });
  const button = document.createElement("button");
  button.type = "submit";
  button.textContent = words.button;
  const row = document.createElement("div");
  row.className = "search-row";
  row.append(input, button);
  form.append(label, row);
  const status = document.createElement("div");
  status.className = "search-status";
  status.setAttribute("role", "status");
  const list = document.createElement("ol");
  list.className = "search-results";
  box.replaceChildren(form, status, list);

  let engine = null;
  async function load() {
    if (!engine) {
      engine = await import(box.dataset.bundle + "pagefind.js");
      await engine.options({ baseUrl: box.dataset.root });
    }
    return engine;
  }

  // Pagefind's excerpt marks the matches with <mark>; keep those and plain text only.
  function excerpt(html) {
    const p = document.createElement("p");
    const body = new DOMParser().parseFromString(html, "text/html").body;
    for (const node of body.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.append(mark);
      } else {
        p.append(node.textContent);
      }
    }
    return p;
  }

  async function search(query) {
    query = query.trim();
    list.replaceChildren();
    if (!query) {
      status.textContent = "";
      return;
    }
    let found;
    try {
      const pagefind = await load();
      const answer = await pagefind.search(query);
      found = await Promise.all(answer.results.slice(0, 20).map((r) => r.data()));
    } catch (error) {
      status.textContent = words.unavailable + " ";
      status.append(fallback);
      return;
    }
    if (input.value.trim() !== query) return; // a newer query is on its way
    const said = found.length ? words.found : words.nothing;
    const values = { query, count: String(found.length) };
    status.textContent = said.replace(/\{(query|count)\}/g, (_, name) => values[name]);
    for (const result of found) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = result.url;
      link.textContent = result.meta.title || result.url;
      item.append(link, excerpt(result.excerpt));
      list.append(item);
    }
  }

  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), 250);
  });
  form.addEventListener("submit", (submit) => {
    submit.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set("q", input.value);
    history.replaceState(null, "", url);
    search(input.value);
  });
  const initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    search(initial);
  }
})();
