// "Mungkin sama dengan …": the open tickets that may be the same problem as
// the one on screen, asked of /api/ai/mirip/<ticket> once the page is shown
// (the page itself never waits for the comparison). Each suggestion opens the
// other ticket; where the clerk may merge, a button posts the console's own
// duplicate form with that ticket as the original.
import {el, json, ticketItem} from "./common.js";

async function showSimilar(box) {
  const found = await json(box.dataset.url);
  if (!found.similar.length) return;
  const list = box.querySelector("ul");
  const merge = document.getElementById("similar-merge");
  for (const s of found.similar) {
    const item = ticketItem(s.message, s.ticket, "similar-report");
    item.append(" ", el("small", s.explanation, "why"));
    if (s.description) item.append(el("small", s.description, "why"));
    if (merge && s.mergeable) {
      const button = el("button", box.dataset.merge.replace("{ticket}", s.ticket), "small");
      Object.assign(button, {type: "submit", name: "original", value: s.ticket});
      button.setAttribute("form", merge.id);
      item.append(button);
    }
    list.append(item);
  }
  box.hidden = false;
}

const box = document.getElementById("similar");
if (box) showSimilar(box).catch(error => console.warn(error));
