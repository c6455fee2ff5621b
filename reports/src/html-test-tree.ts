// Test helper: parses HTML with parse5 (the WHATWG parsing algorithm browsers use) and walks the tree.
import { type DefaultTreeAdapterMap, parse, parseFragment } from "parse5";

type Node = DefaultTreeAdapterMap["node"];
export type Element = DefaultTreeAdapterMap["element"];

export interface ParsedHtml {
  root: Node;
  errors: string[];
}

export function parseHtml(html: string, fragment = false): ParsedHtml {
  const errors: string[] = [];
  const onParseError = (e: { code: string; startLine: number; startCol: number }) => {
    errors.push(`${e.code} at ${e.startLine}:${e.startCol}`);
  };
  const root = fragment ? parseFragment(html, { onParseError }) : parse(html, { onParseError });
  return { root, errors };
}

export function elements(node: Node, tagName?: string): Element[] {
  const found: Element[] = [];
  const visit = (n: Node) => {
    if ("tagName" in n && (tagName === undefined || n.tagName === tagName)) found.push(n);
    const children =
      "content" in n && n.tagName === "template"
        ? n.content.childNodes
        : "childNodes" in n
          ? n.childNodes
          : [];
    for (const child of children) visit(child as Node);
  };
  visit(node);
  return found;
}

export function textOf(node: Node): string {
  if (node.nodeName === "#text") return (node as DefaultTreeAdapterMap["textNode"]).value;
  return "childNodes" in node ? node.childNodes.map((c) => textOf(c as Node)).join("") : "";
}

export function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}
