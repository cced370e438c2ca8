// "Gambar yang sama": a photo of the ticket on screen — the report's, a
// supporter's or an after-photo — that is also on another ticket (a repeat, or
// one picture filed as two "done" reports). Asked of /api/ai/foto-sama/<ticket>
// once the page is shown, so the page never waits for the comparison.
import {el, json} from "./common.js";

async function showRepeats(box) {
  const found = await json(box.dataset.url);
  if (!found.repeats.length) return;
  const list = box.querySelector("ul");
  for (const r of found.repeats) {
    const item = el("li", undefined, "photo-repeat");
    item.dataset.ticket = r.ticket;
    const link = el("a", r.message);
    const params = new URLSearchParams(location.search);
    params.set("tiket", r.ticket);
    link.href = "?" + params.toString();
    item.append(link);
    list.append(item);
  }
  box.hidden = false;
}

const box = document.getElementById("photo-repeats");
if (box) showRepeats(box).catch(error => console.warn(error));
