declare module "subset-font" {
  /** Subsets a TTF/WOFF/WOFF2 font to the glyphs of `text` (harfbuzz hb-subset in WebAssembly). */
  export default function subsetFont(
    font: Uint8Array,
    text: string,
    options?: { targetFormat?: "woff2" | "woff" | "sfnt"; preserveNameIds?: number[] },
  ): Promise<Buffer>;
}
