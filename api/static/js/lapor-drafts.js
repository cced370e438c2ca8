// Reports waiting for signal, kept in IndexedDB (photos as Blobs) so a report
// made without a connection survives closing the app.

const DB = "sigap-lapor", STORE = "drafts";

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, {keyPath: "id"});
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(mode, work) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const result = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Keep `draft` (an object with an `id`). */
export const saveDraft = draft => run("readwrite", store => store.put(draft));
/** Forget the draft `id`. */
export const removeDraft = id => run("readwrite", store => store.delete(id));
/** Every waiting draft, oldest first. */
export async function drafts() {
  const all = await run("readonly", store => store.getAll());
  return (all || []).sort((a, b) => a.created - b.created);
}
