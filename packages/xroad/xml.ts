/**
 * A small XML writer for the protocol's few fixed shapes (the REST fault, `clientList`). No
 * XML library is a dependency of the project, and these documents need only elements,
 * attributes and escaped text (docs/decisions: X-Road protocol package).
 */

export interface XmlElement {
  name: string;
  attributes?: Record<string, string>;
  /** Text content, or child elements. */
  content?: string | XmlElement[];
}

/** Characters XML 1.0 cannot carry at all (not even escaped). */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function writeElement(element: XmlElement): string {
  const attributes = Object.entries(element.attributes ?? {}).map(([name, value]) => ` ${name}="${escapeXml(value)}"`).join('');
  const { content } = element;
  if (content === undefined || (Array.isArray(content) && content.length === 0)) return `<${element.name}${attributes}/>`;
  const inner = typeof content === 'string' ? escapeXml(content) : content.map(writeElement).join('');
  return `<${element.name}${attributes}>${inner}</${element.name}>`;
}

/** A whole document, UTF-8 declared. */
export const writeXmlDocument = (root: XmlElement): string => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${writeElement(root)}`;
