/**
 * Just enough multipart/form-data for the mock's file upload (POST /v1/files): text parts with a
 * name and, for files, a filename. Batch input files are JSONL text, so the body is read as UTF-8.
 */

export interface FormPart {
  name: string;
  filename?: string;
  value: string;
}

/** The parts, or undefined when the content type has no boundary or the body does not use it. */
export function parseMultipart(body: string, contentType: string | undefined): FormPart[] | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const mark = boundary ? `--${boundary[1] ?? boundary[2]}` : undefined;
  if (!mark || !body.includes(mark)) return undefined;
  const parts: FormPart[] = [];
  for (const chunk of body.split(mark).slice(1)) {
    if (chunk.startsWith('--')) break; // the closing delimiter
    const split = chunk.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = chunk.slice(0, split);
    const disposition = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    if (name === undefined) continue;
    const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    // Each part's data ends with the CRLF that precedes the next delimiter.
    const value = chunk.slice(split + 4).replace(/\r\n$/, '');
    parts.push({ name, ...(filename !== undefined ? { filename } : {}), value });
  }
  return parts;
}
