// The header's search box as the user types, and the pinyin suggested for Chinese names.
// Progressive only: without this file the box is a plain form to the results page and
// the forms suggest the pinyin when saved with an empty Latin-script name.
(() => {
  const DELAY_MS = 150;

  function debounce(fn) {
    let timer;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), DELAY_MS);
    };
  }

  function isTyping(element) {
    return element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName);
  }

  const box = document.getElementById("site-search");
  const panel = document.getElementById("site-search-results");

  if (box && panel) {
    let latest = 0;

    const close = () => {
      panel.hidden = true;
    };

    const show = debounce(async () => {
      const q = box.value.trim();
      const request = ++latest;
      if (!q) {
        close();
        return;
      }
      const url = new URL(box.dataset.suggestUrl, window.location.href);
      url.searchParams.set("q", q);
      const response = await fetch(url, { headers: { Accept: "text/html" } });
      if (request !== latest || !response.ok) {
        return; // a newer query is under way, or the session ended: the form still works
      }
      panel.innerHTML = await response.text();
      panel.hidden = false;
    });

    box.addEventListener("input", show);
    box.addEventListener("focus", () => {
      if (panel.innerHTML.trim() && box.value.trim()) panel.hidden = false;
    });
    document.addEventListener("click", (event) => {
      if (!box.form.contains(event.target)) close();
    });
    document.addEventListener("keydown", (event) => {
      if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target)) {
        event.preventDefault();
        box.focus();
        box.select();
      } else if (event.key === "Escape" && box.form.contains(event.target)) {
        close();
        box.focus();
      } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && box.form.contains(event.target)) {
        // Arrow keys walk from the box through the matches and back.
        const links = [box, ...panel.querySelectorAll("a")];
        const next = links.indexOf(event.target) + (event.key === "ArrowDown" ? 1 : -1);
        if (!panel.hidden && next >= 0 && next < links.length) {
          event.preventDefault();
          links[next].focus();
        }
      }
    });
  }

  // Chinese local-script name typed, Latin name empty: fill in the pinyin, and keep it in step
  // with the Chinese name until the user edits the Latin name.
  document.querySelectorAll("input[data-romanise]").forEach((local) => {
    const latin = local.form.elements.namedItem("name");
    const url = local.form.dataset.romaniseUrl;
    if (!latin || !url) return;
    let suggested = latin.value === "" ? "" : null;
    latin.addEventListener("input", () => {
      suggested = null;
    });
    local.addEventListener("input", debounce(async () => {
      if (suggested === null || latin.value !== suggested) return;
      const query = new URL(url, window.location.href);
      query.searchParams.set("text", local.value);
      query.searchParams.set("kind", local.dataset.romanise);
      const response = await fetch(query, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const { latin: suggestion } = await response.json();
      if (latin.value === suggested) {
        latin.value = suggested = suggestion;
      }
    }));
  });
})();
