/**
 * A tiny browser stand-in for HTTP tests: keeps cookies per client, and like Angular sends the
 * XSRF-TOKEN cookie back as the X-XSRF-TOKEN header on state-changing requests.
 */
export class TestHttpClient {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    private readonly userAgent = 'vitest-browser',
  ) {}

  async request(
    method: string,
    path: string,
    options: { body?: unknown; xsrf?: boolean; headers?: Record<string, string> } = {},
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON bodies
  ): Promise<{ status: number; body: any; headers: Headers; setCookies: string[] }> {
    const headers: Record<string, string> = { 'user-agent': this.userAgent, ...options.headers };
    if (this.cookies.size) headers['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && options.xsrf !== false && this.cookies.has('XSRF-TOKEN')) {
      headers['x-xsrf-token'] = this.cookies.get('XSRF-TOKEN') as string;
    }
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const setCookies = response.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const [name, ...value] = pair.split('=');
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value.join('=') === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join('='));
    }
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: response.status, body, headers: response.headers, setCookies };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown, options: { xsrf?: boolean } = {}) =>
    this.request('POST', path, { body, ...options });
  delete = (path: string) => this.request('DELETE', path);
}
