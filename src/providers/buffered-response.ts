/**
 * What the SDKs read of a JSON Response, over a body already in memory: status, headers, text(),
 * json(), arrayBuffer(), clone() and a body stream on demand. A spec Response builds a WHATWG
 * stream for every body, which costs more CPU than the rest of a call; http-fetch.ts (real HTTP)
 * and the in-memory mock both answer JSON with this instead.
 */
export class BufferedResponse {
  readonly ok: boolean;
  readonly redirected = false;
  readonly type = 'basic';
  private used = false;

  /** `buf`: the whole body, or the error that broke it off (thrown when it is read). */
  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    private readonly buf: Buffer | string | Error,
  ) {
    this.ok = status >= 200 && status < 300;
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  /** A fresh stream over the bytes; looking at it (SDK loggers do) does not use the body up. */
  get body(): ReadableStream<Uint8Array> {
    const buf = this.buf;
    if (buf instanceof Error) return new ReadableStream({ start: (c) => c.error(buf) });
    // a copy: only a cancelled or odd read comes here
    return new Blob([typeof buf === 'string' ? buf : new Uint8Array(buf)]).stream();
  }

  async text(): Promise<string> {
    const b = this.take();
    return typeof b === 'string' ? b : b.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const t = this.take();
    const b = typeof t === 'string' ? Buffer.from(t) : t;
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }

  clone(): BufferedResponse {
    const c = Object.create(BufferedResponse.prototype) as BufferedResponse;
    Object.assign(c, this, { used: false });
    return c;
  }

  private take(): Buffer | string {
    if (this.used) throw new TypeError('Body is unusable: Body has already been read');
    this.used = true;
    if (this.buf instanceof Error) throw this.buf;
    return this.buf;
  }
}
