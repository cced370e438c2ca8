// What every SIGAP page script shares: the page's data, elements, JSON, the
// server's clock and number formats in the page's language.

/** The JSON the template put in <script id="page-data">. */
export function pageData() {
  return JSON.parse(document.getElementById("page-data").textContent);
}

/** A new element holding `value` as text (never as HTML). */
export function el(tag, value, cls) {
  const element = document.createElement(tag);
  if (value !== undefined) element.textContent = value;
  if (cls) element.className = cls;
  return element;
}

/** A list item for another ticket: `text` linking to this list with that
 * ticket open, the ticket's number kept on the item. */
export function ticketItem(text, ticket, cls) {
  const item = el("li", undefined, cls);
  item.dataset.ticket = ticket;
  const link = el("a", text);
  const params = new URLSearchParams(location.search);
  params.set("tiket", ticket);
  link.href = "?" + params.toString();
  item.append(link);
  return item;
}

/** GET `url` as JSON; a failed request is an error, not a silent empty page. */
export async function json(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

/** The server's "now" (which SIGAP_NOW may pin), running on from page load. */
export function serverClock(serverNow) {
  const offset = Date.parse(serverNow) - Date.now();
  return () => new Date(Date.now() + offset);
}

/** Number formats of `locale`: whole numbers, one decimal, percentages. */
export function numberFormats(locale) {
  const whole = new Intl.NumberFormat(locale);
  const one = new Intl.NumberFormat(locale, {minimumFractionDigits: 1, maximumFractionDigits: 1});
  const share = new Intl.NumberFormat(locale, {style: "percent"});
  const missing = f => v => (v === null || v === undefined ? "–" : f(v));
  return {
    whole: missing(v => whole.format(v)),
    one: missing(v => one.format(v)),
    percent: missing(v => share.format(v)),
  };
}

/** Fill the `{name}` placeholders of a translated message. */
export function fill(message, values) {
  return message.replace(/\{(\w+)\}/g, (all, name) => (name in values ? values[name] : all));
}
