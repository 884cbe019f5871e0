// The preview's "Copy citation" control: select words of the article, then copy them as a
// YAML citation, snapped by the preview to the passage as the seed prints it (the same
// lookup as `explainer cite`). Served by `explainer serve` only; a built site has none of it.
(() => {
  const me = document.currentScript;
  const source = me.dataset.source;
  const endpoint = me.dataset.endpoint;
  const article = document.querySelector(".article-text");
  if (!article || !source || !endpoint) return;

  const box = document.createElement("div");
  box.className = "copy-citation";
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", "Copy a citation (preview only)");
  const button = document.createElement("button");
  button.type = "button";
  button.disabled = true;
  button.textContent = "Copy citation";
  const help = document.createElement("span");
  help.className = "copy-citation-help";
  help.textContent = "Select words of the article to cite them.";
  const status = document.createElement("p");
  status.className = "copy-citation-status";
  status.setAttribute("role", "status");
  const output = document.createElement("pre");
  output.className = "copy-citation-output";
  output.hidden = true;
  box.append(button, " ", help, status, output);
  article.after(box);

  let words = "";
  const selected = () => {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return "";
    const range = selection.getRangeAt(0);
    if (!article.contains(range.commonAncestorContainer)) return "";
    const copy = range.cloneContents();
    copy.querySelectorAll(".backref").forEach((a) => a.remove()); // the ↗ marks are ours
    return copy.textContent.replace(/\s+/g, " ").trim();
  };
  document.addEventListener("selectionchange", () => {
    const now = selected();
    if (!now) return; // keep the last selection: focusing the button clears it
    words = now;
    button.disabled = false;
    help.textContent = `Selected: “${words.length > 60 ? words.slice(0, 59) + "…" : words}”`;
  });
  button.addEventListener("click", async () => {
    if (!words) return;
    const url = `${endpoint}?source=${encodeURIComponent(source)}&words=${encodeURIComponent(words)}`;
    const response = await fetch(url);
    const yaml = await response.text();
    output.textContent = yaml;
    output.hidden = false;
    try {
      await navigator.clipboard.writeText(yaml);
      status.textContent = response.ok ? "Citation copied." : "No exact match: the closest passages are shown and copied.";
    } catch {
      status.textContent = "The citation is shown below; copy it from there.";
    }
  });
})();
