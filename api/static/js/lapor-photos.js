// Photos in the citizen app: read the GPS position a phone camera wrote into the
// JPEG (EXIF), and shrink the picture in the browser to at most `maxEdge` pixels
// as a JPEG before it crosses a slow mobile network. Re-encoding through a canvas
// also leaves every EXIF field behind (the server strips them again anyway).

/** The EXIF GPS position of JPEG `file` as {lat, lng}, or null. */
export async function exifGps(file) {
  const buffer = await file.slice(0, 256 * 1024).arrayBuffer();
  const view = new DataView(buffer);
  if (view.byteLength < 4 || view.getUint16(0) !== 0xffd8) return null;
  let offset = 2;
  while (offset + 4 <= view.byteLength) {
    const marker = view.getUint16(offset);
    const size = view.getUint16(offset + 2);
    if (marker === 0xffe1 && view.getUint32(offset + 4) === 0x45786966) {
      return tiffGps(view, offset + 10);
    }
    if ((marker & 0xff00) !== 0xff00 || marker === 0xffda) return null;
    offset += 2 + size;
  }
  return null;
}

function tiffGps(view, start) {
  if (start + 8 > view.byteLength) return null;
  const little = view.getUint16(start) === 0x4949;
  const u16 = o => view.getUint16(start + o, little);
  const u32 = o => view.getUint32(start + o, little);
  const entries = ifd => {
    const found = {};
    if (start + ifd + 2 > view.byteLength) return found;
    const count = u16(ifd);
    for (let i = 0; i < count; i++) {
      const e = ifd + 2 + i * 12;
      if (start + e + 12 > view.byteLength) break;
      found[u16(e)] = {type: u16(e + 2), count: u32(e + 4), at: e + 8};
    }
    return found;
  };
  const gpsPointer = entries(u32(4))[0x8825];
  if (!gpsPointer) return null;
  const gps = entries(u32(gpsPointer.at));
  const rationals = entry => {
    if (!entry || entry.type !== 5 || entry.count < 3) return null;
    const at = u32(entry.at);
    const values = [];
    for (let i = 0; i < 3; i++) {
      const den = u32(at + i * 8 + 4);
      values.push(den ? u32(at + i * 8) / den : 0);
    }
    return values[0] + values[1] / 60 + values[2] / 3600;
  };
  const ref = entry => (entry ? String.fromCharCode(view.getUint8(start + entry.at)) : "");
  let lat = rationals(gps[2]), lng = rationals(gps[4]);
  if (lat === null || lng === null || (lat === 0 && lng === 0)) return null;
  if (ref(gps[1]) === "S") lat = -lat;
  if (ref(gps[3]) === "W") lng = -lng;
  return {lat, lng};
}

/**
 * `file` as a JPEG Blob at most `maxEdge` px on its long edge (turned upright).
 * Rejects with Error("not-a-photo") when the browser cannot decode it; resolves
 * to the file itself when it is a format this browser cannot draw but the server
 * can (HEIC on Android).
 */
export async function shrink(file, maxEdge, quality = 0.85) {
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, {imageOrientation: "from-image"});
  } catch (error) {
    if (/hei[cf]/i.test(file.type) || /\.hei[cf]$/i.test(file.name || "")) return file;
    throw new Error("not-a-photo");
  }
  const scale = Math.min(1, maxEdge / Math.max(bitmap.width, bitmap.height));
  const width = Math.round(bitmap.width * scale), height = Math.round(bitmap.height * scale);
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  canvas.getContext("2d").drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise(resolve => canvas.toBlob(resolve, "image/jpeg", quality));
  canvas.width = canvas.height = 0;  // a phone's memory is short
  if (!blob) throw new Error("not-a-photo");
  return blob;
}
