// "Gambar yang sama": a photo of the ticket on screen — the report's, a
// supporter's or an after-photo — that is also on another ticket (a repeat, or
// one picture filed as two "done" reports). Asked of /api/ai/foto-sama/<ticket>
// once the page is shown, so the page never waits for the comparison.
import {json, ticketItem} from "./common.js";

async function showRepeats(box) {
  const found = await json(box.dataset.url);
  if (!found.repeats.length) return;
  const list = box.querySelector("ul");
  for (const r of found.repeats) {
    list.append(ticketItem(r.message, r.ticket, "photo-repeat"));
  }
  box.hidden = false;
}

const box = document.getElementById("photo-repeats");
if (box) showRepeats(box).catch(error => console.warn(error));
