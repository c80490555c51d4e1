/**
 * The baseline for bench/callbacks.ts: a bare `node:http` server that answers each callback
 * after one `INSERT … ON CONFLICT DO NOTHING` into the same PostgreSQL. No framework, no
 * signature check, no job: the floor any real endpoint is compared with.
 * Usage: tsx bench/lib/bare-callback-server.ts <databaseUrl> (prints "listening <port>").
 */
import http from "node:http";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.argv[2], max: 8 });
await pool.query(`CREATE TABLE IF NOT EXISTS bench_bare_callback (webhook_id text PRIMARY KEY, body text NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`);

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const id = String(request.headers["webhook-id"] ?? "");
    pool.query(`INSERT INTO bench_bare_callback (webhook_id, body) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [id, body]).then(
      (result) => {
        response.writeHead(result.rowCount ? 202 : 200, { "content-type": "application/json" });
        response.end('{"received":true}');
      },
      () => {
        response.writeHead(500);
        response.end();
      },
    );
  });
});
server.listen(0, "127.0.0.1", () => console.log(`listening ${(server.address() as { port: number }).port}`));
process.on("SIGTERM", () => server.close(() => void pool.end().then(() => process.exit(0))));
