/** Bounds of {@link fetchJsonDocument}. */
export interface JsonDocumentLimits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

/**
 * GETs a JSON document from a configured server: 200 only, no redirects, within `timeoutMs`, and
 * no more than `maxBytes` read. Throws an `Error` saying what went wrong.
 */
export async function fetchJsonDocument(url: string, limits: JsonDocumentLimits): Promise<unknown> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const response = await fetch(url, {
    headers: { Accept: 'application/json' },
    redirect: 'error',
    signal,
  });
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new Error(`HTTP status ${response.status}`);
  }
  const text = await readText(response, limits.maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error('the document is not JSON');
  }
}

async function readText(response: Response, maxBytes: number): Promise<string> {
  const tooLarge = () => new Error(`the document is larger than ${maxBytes} bytes`);
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const body = response.body as ReadableStream<Uint8Array> | null;
  const reader = body?.getReader();
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    size += next.value.byteLength;
    if (size > maxBytes) {
      await reader?.cancel();
      throw tooLarge();
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
