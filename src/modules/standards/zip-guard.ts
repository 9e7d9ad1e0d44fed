import { inflateRawSync } from "node:zlib";
import type { Bilingual } from "../../kernel/problems";

// An XLSX file is a ZIP archive. Before a spreadsheet library unpacks one, this guard reads the
// archive's table of contents (the central directory) and unpacks every entry itself under a cap,
// so that a zip bomb — a small file that unpacks to gigabytes — is refused in milliseconds and
// without the memory it asks for:
//
// - the sizes the archive declares: all entries together at most `maxUncompressedBytes`, no entry
//   packed more densely than `maxRatio` : 1 (beyond 1 MB), at most `maxEntries` entries, no two
//   entries sharing bytes (the overlapping construction of non-recursive bombs), no ZIP64;
// - the bytes actually unpacked: each entry is inflated with a cap of its declared size, so an
//   archive that lies about its sizes stops at the cap (Node's `maxOutputLength`).
//
// Guarded by the zip-bomb tests in value-file.test.ts.

/** Limits of an archive. */
export interface ZipLimits {
  /** Sum of the entries' unpacked sizes. */
  maxUncompressedBytes: number;
  /** Densest packing of one entry larger than 1 MB (deflate reaches ~1032 : 1 on zeros; spreadsheets stay far below 100 : 1). */
  maxRatio: number;
  /** Number of entries. */
  maxEntries: number;
}

/** Why an archive was refused. */
export interface ZipRefusal {
  rule: "zip_bomb" | "broken_archive";
  message: Bilingual;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DENSE_FROM = 1024 * 1024;

/**
 * Checks an archive's declared and actual sizes; returns `null` when it may be unpacked, else why
 * not. Never throws and never allocates more than the largest declared entry (itself capped).
 */
export function inspectZip(bytes: Uint8Array, limits: ZipLimits): ZipRefusal | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = readCentralDirectory(buffer, limits);
  if (!Array.isArray(entries)) return entries;
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressed;
    if (total > limits.maxUncompressedBytes)
      return bomb(`entpackt mehr als ${mb(limits.maxUncompressedBytes)} MB`, `unpacks to more than ${mb(limits.maxUncompressedBytes)} MB`);
    if (entry.uncompressed > DENSE_FROM && entry.uncompressed / Math.max(1, entry.compressed) > limits.maxRatio) {
      const ratio = Math.round(entry.uncompressed / Math.max(1, entry.compressed));
      return bomb(`ein Teil ist ${ratio} : 1 gepackt`, `an entry is packed ${ratio} : 1`);
    }
  }
  const ranges = entries.map(locate(buffer));
  if (ranges.some((r) => r === null)) return broken();
  const sorted = (ranges as [number, number][])
    .map((r, i) => ({ start: r[0], end: r[1], entry: entries[i] }))
    .sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) return bomb("Teile überlappen sich", "entries overlap");
  for (const { start, end, entry } of sorted) {
    const data = buffer.subarray(start, end);
    if (entry.method === 0) {
      if (data.length !== entry.uncompressed) return broken();
      continue;
    }
    if (entry.method !== 8) return broken();
    try {
      const out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressed) });
      if (out.length !== entry.uncompressed) return broken();
    } catch (error) {
      return (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE"
        ? bomb("ein Teil entpackt mehr als angegeben", "an entry unpacks to more than it declares")
        : broken();
    }
  }
  return null;
}

interface Entry {
  method: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
}

function readCentralDirectory(buffer: Buffer, limits: ZipLimits): Entry[] | ZipRefusal {
  const eocd = findEndOfCentralDirectory(buffer);
  if (eocd < 0) return broken();
  const count = buffer.readUInt16LE(eocd + 10);
  const size = buffer.readUInt32LE(eocd + 12);
  const offset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) return bomb("ZIP64 wird nicht angenommen", "ZIP64 is not accepted");
  if (count > limits.maxEntries) return bomb(`mehr als ${limits.maxEntries} Teile`, `more than ${limits.maxEntries} entries`);
  if (offset + size > eocd) return broken();
  const entries: Entry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || buffer.readUInt32LE(at) !== CENTRAL) return broken();
    const entry = {
      method: buffer.readUInt16LE(at + 10),
      compressed: buffer.readUInt32LE(at + 20),
      uncompressed: buffer.readUInt32LE(at + 24),
      localOffset: buffer.readUInt32LE(at + 42),
    };
    if (entry.compressed === 0xffffffff || entry.uncompressed === 0xffffffff || entry.localOffset === 0xffffffff) {
      return bomb("ZIP64 wird nicht angenommen", "ZIP64 is not accepted");
    }
    entries.push(entry);
    at += 46 + buffer.readUInt16LE(at + 28) + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return entries;
}

function findEndOfCentralDirectory(buffer: Buffer): number {
  const earliest = Math.max(0, buffer.length - 22 - 0xffff);
  for (let at = buffer.length - 22; at >= earliest; at--) if (buffer.readUInt32LE(at) === EOCD) return at;
  return -1;
}

/** The bytes of an entry's packed data, from its local header; `null` when they lie outside the file. */
function locate(buffer: Buffer) {
  return (entry: Entry): [number, number] | null => {
    const at = entry.localOffset;
    if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL) return null;
    const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
    const end = start + entry.compressed;
    return end <= buffer.length ? [start, end] : null;
  };
}

function mb(bytes: number): number {
  return Math.round(bytes / (1024 * 1024));
}

function bomb(de: string, en: string): ZipRefusal {
  return {
    rule: "zip_bomb",
    message: {
      de: `Die Datei wird nicht geöffnet: Sie ist als XLSX verpackt, entpackt sich aber ungewöhnlich groß (${de}). Speichern Sie die Tabelle neu als .xlsx oder .csv.`,
      en: `The file is not opened: it is packed as XLSX but unpacks to an unusual size (${en}). Save the sheet again as .xlsx or .csv.`,
    },
  };
}

function broken(): ZipRefusal {
  return {
    rule: "broken_archive",
    message: {
      de: "Die XLSX-Datei ist beschädigt und lässt sich nicht öffnen. Speichern Sie die Tabelle neu als .xlsx oder .csv.",
      en: "The XLSX file is damaged and cannot be opened. Save the sheet again as .xlsx or .csv.",
    },
  };
}
