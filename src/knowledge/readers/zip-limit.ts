import zlib from 'node:zlib';

/**
 * Size of a zip archive's content once decompressed, found by inflating each
 * entry with a ceiling (never trusting the sizes the archive declares), so that
 * a zip bomb is refused before a library decompresses it whole. Returns the
 * total, or null as soon as it would exceed `maxBytes`; throws on an archive
 * it cannot walk.
 */
export function unzippedSize(zip: Buffer, maxBytes: number): number | null {
  const end = endOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let entry = zip.readUInt32LE(end + 16);
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(entry) !== 0x02014b50) throw new Error('bad central directory');
    const method = zip.readUInt16LE(entry + 10);
    const compressed = zip.readUInt32LE(entry + 20);
    const local = zip.readUInt32LE(entry + 42);
    if (zip.readUInt32LE(local) !== 0x04034b50) throw new Error('bad local header');
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataStart, dataStart + compressed);
    const left = maxBytes - total;
    if (method === 0) total += data.length;
    else if (method === 8) {
      try {
        total += zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, left + 1) }).length;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return null;
        throw error;
      }
    } else throw new Error('unsupported compression');
    if (total > maxBytes) return null;
    entry += 46 + zip.readUInt16LE(entry + 28) + zip.readUInt16LE(entry + 30) + zip.readUInt16LE(entry + 32);
  }
  return total;
}

/** Offset of the end-of-central-directory record (within the last 64 KiB + 22 bytes). */
function endOfCentralDirectory(zip: Buffer): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) return i;
  }
  throw new Error('not a zip archive');
}
