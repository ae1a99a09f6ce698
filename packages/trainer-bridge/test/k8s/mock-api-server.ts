import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

/** One custom object the mock holds, with the status conditions it will play on each GET. */
interface Stored {
  readonly object: Record<string, unknown>;
  readonly plays: readonly Record<string, unknown>[];
  gets: number;
  deleted: boolean;
  logReads: number;
}

export interface MockApiServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Status documents returned by successive GETs of the named job (the last one repeats). */
  play(name: string, statuses: readonly Record<string, unknown>[]): void;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function statusBody(code: number, reason: string, message: string) {
  return {
    kind: "Status",
    apiVersion: "v1",
    status: "Failure",
    message,
    reason,
    code,
  };
}

/**
 * A loopback stand-in for the Kubernetes API server: it checks the bearer token on every
 * request, stores created custom objects, plays scripted status changes on GET, deletes, and
 * serves pod lists and growing pod logs. Unauthenticated requests get a 401 whose message
 * echoes the Authorization header, and creating a job named `echo-credentials` gets a 422 that
 * does the same — the worst cases for credential leaks.
 */
export async function startMockApiServer(
  token: string,
): Promise<MockApiServer> {
  const requests: RecordedRequest[] = [];
  const objects = new Map<string, Stored>();
  const plays = new Map<string, readonly Record<string, unknown>[]>();

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const url = new URL(req.url ?? "/", "http://mock");
    const query = Object.fromEntries(url.searchParams.entries());
    let body: unknown;
    try {
      body = raw === "" ? undefined : JSON.parse(raw);
    } catch {
      body = raw;
    }
    requests.push({
      method: req.method ?? "",
      path: url.pathname,
      query,
      authorization: req.headers.authorization,
      contentType: req.headers["content-type"],
      body,
    });
    if (req.headers.authorization !== `Bearer ${token}`)
      return send(
        res,
        401,
        statusBody(
          401,
          "Unauthorized",
          `bad credentials: ${req.headers.authorization ?? "none"}`,
        ),
      );

    const custom = url.pathname.match(
      /^\/apis\/([^/]+)\/([^/]+)\/namespaces\/([^/]+)\/([^/]+)(?:\/([^/]+))?$/,
    );
    if (custom !== null) {
      const [, group, version, namespace, plural, name] = custom;
      const key = (n: string) =>
        `${group}/${version}/${namespace}/${plural}/${n}`;
      if (req.method === "POST" && name === undefined) {
        const obj = body as Record<string, unknown>;
        const meta = obj["metadata"] as Record<string, string>;
        const k = key(meta["name"] ?? "");
        if (meta["name"] === "echo-credentials")
          return send(
            res,
            422,
            statusBody(
              422,
              "Invalid",
              `rejected request with authorization ${req.headers.authorization ?? ""}`,
            ),
          );
        if (objects.has(k) && objects.get(k)?.deleted !== true)
          return send(
            res,
            409,
            statusBody(
              409,
              "AlreadyExists",
              `${plural} "${meta["name"]}" already exists`,
            ),
          );
        objects.set(k, {
          object: obj,
          plays: plays.get(meta["name"] ?? "") ?? [{}],
          gets: 0,
          deleted: false,
          logReads: 0,
        });
        return send(res, 201, obj);
      }
      const stored = name === undefined ? undefined : objects.get(key(name));
      if (stored === undefined || stored.deleted)
        return send(
          res,
          404,
          statusBody(404, "NotFound", `${plural} "${name}" not found`),
        );
      if (req.method === "GET") {
        const status =
          stored.plays[Math.min(stored.gets, stored.plays.length - 1)] ?? {};
        stored.gets++;
        return send(res, 200, { ...stored.object, status });
      }
      if (req.method === "DELETE") {
        stored.deleted = true;
        return send(res, 200, {
          kind: "Status",
          apiVersion: "v1",
          status: "Success",
        });
      }
    }

    const pods = url.pathname.match(/^\/api\/v1\/namespaces\/([^/]+)\/pods$/);
    if (pods !== null && req.method === "GET") {
      const selector = query["labelSelector"] ?? "";
      const job = selector.split("=")[1] ?? "";
      const items = [0, 1].map((i) => ({
        metadata: {
          name: `${job}-node-0-${i}`,
          namespace: pods[1],
          labels: {},
        },
      }));
      return send(res, 200, {
        kind: "PodList",
        apiVersion: "v1",
        metadata: {},
        items,
      });
    }
    const log = url.pathname.match(
      /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/log$/,
    );
    if (log !== null && req.method === "GET") {
      // Each read returns one more line than the last, like a growing log.
      const pod = log[2] ?? "";
      const owner = [...objects.values()].find((o) =>
        pod.startsWith(
          String((o.object["metadata"] as Record<string, string>)["name"]),
        ),
      );
      const reads = owner === undefined ? 1 : ++owner.logReads;
      const lines = Array.from(
        { length: Math.min(reads, 3) },
        (_, i) => `${pod} step ${i}\n`,
      );
      res.writeHead(200, { "content-type": "text/plain" });
      return res.end(lines.join(""));
    }
    return send(
      res,
      404,
      statusBody(404, "NotFound", `no route ${req.method} ${url.pathname}`),
    );
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () =>
      handle(req, res, Buffer.concat(chunks).toString("utf8")),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const a = server.address();
  const port = typeof a === "object" && a !== null ? a.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    play: (name, statuses) => plays.set(name, statuses),
    close: () => new Promise((r) => server.close(() => r())),
  };
}
