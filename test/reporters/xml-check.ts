/**
 * A small strict XML well-formedness parser for tests (no XML library is installed): checks
 * names, quoted attributes, entity references, matching tags and a single root, and returns
 * the element tree so tests can count elements and read decoded text.
 */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*/;

export function parseXml(src: string): XmlNode {
  let i = 0;
  if (src.startsWith('<?xml')) {
    i = src.indexOf('?>') + 2;
    if (i < 2) throw new Error('unterminated XML declaration');
  }
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  while (i < src.length) {
    if (src[i] === '<') {
      if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i);
        if (end < 0) throw new Error('unterminated comment');
        i = end + 3;
        continue;
      }
      if (src[i + 1] === '/') {
        const m = NAME.exec(src.slice(i + 2));
        const top = stack.pop();
        if (!m || !top || top.name !== m[0]) throw new Error(`mismatched close tag at ${i}`);
        i += 2 + m[0].length;
        while (/\s/.test(src[i]!)) i++;
        if (src[i] !== '>') throw new Error(`bad close tag at ${i}`);
        i++;
        continue;
      }
      const m = NAME.exec(src.slice(i + 1));
      if (!m) throw new Error(`bad tag name at ${i}`);
      const node: XmlNode = { name: m[0], attrs: {}, children: [], text: '' };
      i += 1 + m[0].length;
      for (;;) {
        while (/\s/.test(src[i]!)) i++;
        if (src.startsWith('/>', i) || src[i] === '>') break;
        const a = NAME.exec(src.slice(i));
        if (!a) throw new Error(`bad attribute at ${i}`);
        i += a[0].length;
        if (src[i] !== '=' || (src[i + 1] !== '"' && src[i + 1] !== "'")) throw new Error(`unquoted attribute at ${i}`);
        const q = src[i + 1]!;
        const end = src.indexOf(q, i + 2);
        if (end < 0) throw new Error('unterminated attribute');
        const raw = src.slice(i + 2, end);
        if (raw.includes('<')) throw new Error(`raw < in attribute at ${i}`);
        if (a[0] in node.attrs) throw new Error(`duplicate attribute ${a[0]}`);
        node.attrs[a[0]] = decode(raw);
        i = end + 1;
      }
      if (stack.length) stack[stack.length - 1]!.children.push(node);
      else if (root) throw new Error('more than one root element');
      else root = node;
      if (src.startsWith('/>', i)) i += 2;
      else {
        i += 1;
        stack.push(node);
      }
      continue;
    }
    const next = src.indexOf('<', i);
    const raw = src.slice(i, next < 0 ? src.length : next);
    if (stack.length) stack[stack.length - 1]!.text += decode(raw);
    else if (raw.trim()) throw new Error('text outside the root element');
    i = next < 0 ? src.length : next;
  }
  if (stack.length || !root) throw new Error('unclosed elements');
  return root;
}

function decode(raw: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(raw)) throw new Error('control character not allowed in XML');
  return raw.replace(/&([^;]*);?/g, (m, ent: string) => {
    if (!m.endsWith(';')) throw new Error(`bare & in ${JSON.stringify(raw.slice(0, 40))}`);
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (ent in named) return named[ent]!;
    const num = /^#(x[0-9a-fA-F]+|\d+)$/.exec(ent);
    if (!num) throw new Error(`unknown entity &${ent};`);
    return String.fromCodePoint(num[1]!.startsWith('x') ? parseInt(num[1]!.slice(1), 16) : Number(num[1]));
  });
}

export function findAll(node: XmlNode, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (n: XmlNode) => {
    if (n.name === name) out.push(n);
    n.children.forEach(walk);
  };
  walk(node);
  return out;
}
