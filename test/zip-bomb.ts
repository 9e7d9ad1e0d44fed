import { deflateRawSync, constants as zlibConstants } from "node:zlib";

// ZIP archives written byte by byte for the zip-bomb tests of value files (an XLSX is a ZIP).

export interface ZipPart {
  name: string;
  /** Packed bytes (raw deflate). */
  data: Buffer;
  /** The unpacked size the archive claims. */
  declared: number;
}

/** A ZIP archive written byte by byte, so that it can lie; `shareData` points every entry at the first one's bytes. */
export function zipArchive(parts: ZipPart[], options: { shareData?: boolean } = {}): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const offsets: number[] = [];
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(part.declared, 22);
    local.writeUInt16LE(name.length, 26);
    offsets.push(offset);
    if (options.shareData && locals.length > 0) continue;
    locals.push(local, name, part.data);
    offset += local.length + name.length + part.data.length;
  }
  parts.forEach((part, i) => {
    const name = Buffer.from(part.name);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(part.data.length, 20);
    central.writeUInt32LE(part.declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(options.shareData ? 0 : offsets[i], 42);
    centrals.push(central, name);
  });
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** Raw deflate of `megabytes` MB of zeros, built from one flushed 1 MB block repeated (no gigabyte is ever in memory). */
export function deflatedZeros(megabytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { finishFlush: zlibConstants.Z_FULL_FLUSH });
  return Buffer.concat([...Array.from({ length: megabytes }, () => block), deflateRawSync(Buffer.alloc(0))]);
}
