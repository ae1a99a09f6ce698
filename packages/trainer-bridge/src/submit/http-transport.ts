import { request } from "node:http";

export interface HttpRequest {
  readonly method: "GET" | "POST" | "DELETE";
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

/** Sends one HTTP request; rejects only when no answer arrives (connection refused, timeout). */
export type HttpTransport = (req: HttpRequest) => Promise<HttpResponse>;

type Target =
  | { readonly socketPath: string }
  | { readonly host: string; readonly port: number };

function transport(target: Target, timeoutMs: number): HttpTransport {
  return (req) =>
    new Promise((resolve, reject) => {
      const r = request(
        {
          ...target,
          method: req.method,
          path: req.path,
          headers: {
            ...req.headers,
            ...(req.body === undefined
              ? {}
              : { "content-length": String(Buffer.byteLength(req.body)) }),
          },
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString("utf8"),
            }),
          );
          res.on("error", reject);
        },
      );
      r.on("timeout", () =>
        r.destroy(new Error(`no answer within ${timeoutMs} ms`)),
      );
      r.on("error", reject);
      r.end(req.body);
    });
}

/** HTTP over a unix socket (slurmrestd's `unix:` listener with `rest_auth/local`). */
export function unixSocketTransport(
  socketPath: string,
  timeoutMs = 30_000,
): HttpTransport {
  return transport({ socketPath }, timeoutMs);
}

/** Plain HTTP to host:port (slurmrestd behind `rest_auth/jwt`). */
export function tcpTransport(
  host: string,
  port: number,
  timeoutMs = 30_000,
): HttpTransport {
  return transport({ host, port }, timeoutMs);
}
