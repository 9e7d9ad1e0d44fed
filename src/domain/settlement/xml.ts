/**
 * A small XML writer for the XRechnung export: elements, attributes and text, escaped so that any
 * string — a name with `&`, `<`, quotes, umlauts, ß or emoji — is read back exactly as it was
 * written, and a character XML 1.0 cannot carry at all (C0 controls other than tab, line feed and
 * carriage return; U+FFFE/U+FFFF; half a surrogate pair) becomes U+FFFD instead of breaking the
 * document. The project has no XML library; this is all the export needs, and `xml.test.ts` reads
 * the output back with libxml2 (`xmllint`).
 *
 * @example
 * ```ts
 * renderXml(el("cbc:Name", {}, "Müller & Söhne <GmbH>"));
 * // <?xml version="1.0" encoding="UTF-8"?>\n<cbc:Name>Müller &amp; Söhne &lt;GmbH&gt;</cbc:Name>\n
 * ```
 *
 * Pure: no I/O.
 */

/** An element: its name, attributes, and either text or child elements. */
export interface XmlElement {
  name: string;
  attributes: Readonly<Record<string, string>>;
  content: string | readonly XmlElement[];
}

/** A child that may be left out: `undefined`, `null` and `false` are skipped. */
export type XmlChild = XmlElement | undefined | null | false;

/** An element with text (`content` a string) or children (an array; left-out children skipped). */
export function el(name: string, attributes: Record<string, string | undefined>, content: string | readonly XmlChild[]): XmlElement {
  const attrs = Object.fromEntries(Object.entries(attributes).filter((e): e is [string, string] => e[1] !== undefined));
  return {
    name,
    attributes: attrs,
    content: typeof content === "string" ? content : content.filter((c): c is XmlElement => Boolean(c)),
  };
}

// Characters XML 1.0 does not allow (§ 2.2 Char): C0 controls except \t \n \r, lone surrogates, U+FFFE, U+FFFF.
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content, escaped: `&`, `<`, `>` as entities, a carriage return as `&#13;` (kept, not normalised). */
export function escapeText(value: string): string {
  return value.replace(NOT_XML, "\uFFFD").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}

/** An attribute value in double quotes, escaped: also `"` and the white space an attribute would normalise. */
export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}

function write(element: XmlElement, depth: number, out: string[]): void {
  const pad = "  ".repeat(depth);
  const attrs = Object.entries(element.attributes)
    .map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`)
    .join("");
  if (typeof element.content === "string") {
    out.push(`${pad}<${element.name}${attrs}>${escapeText(element.content)}</${element.name}>\n`);
    return;
  }
  if (element.content.length === 0) {
    out.push(`${pad}<${element.name}${attrs}/>\n`);
    return;
  }
  out.push(`${pad}<${element.name}${attrs}>\n`);
  for (const child of element.content) write(child, depth + 1, out);
  out.push(`${pad}</${element.name}>\n`);
}

/** The document: an XML declaration (UTF-8) and the root element, indented by two spaces. */
export function renderXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  write(root, 0, out);
  return out.join("");
}
