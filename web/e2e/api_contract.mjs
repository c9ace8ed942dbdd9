// Validates kensa's real responses against its own OpenAPI 3.1 document with ajv (JSON Schema
// 2020-12): every GET endpoint of the document, with path parameters taken from the data the
// server holds (the demo fleet), is called with an API token, and each 2xx JSON body must match
// the operation's response schema. A failing body, an endpoint left unchecked, or a schema
// that does not compile fails the run.
//   KENSA_E2E_URL=http://127.0.0.1:8080 KENSA_E2E_TOKEN=kensa_... node e2e/api_contract.mjs
import Ajv2020 from "ajv/dist/2020.js";

const base = process.env.KENSA_E2E_URL;
const token = process.env.KENSA_E2E_TOKEN;
if (!base || !token) {
  console.error("api_contract: set KENSA_E2E_URL and KENSA_E2E_TOKEN");
  process.exit(2);
}

async function get(path) {
  const r = await fetch(base + path, { headers: { Authorization: `Bearer ${token}` } });
  const type = r.headers.get("content-type") || "";
  const body = type.includes("json") ? await r.json() : await r.text();
  return { status: r.status, type, body };
}

const doc = (await get("/api/v1/openapi.json")).body;
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema(doc, "kensa");

// Path parameters from the server's own data.
const groups = (await get("/api/v1/groups")).body.groups;
const group = groups[0].id;
const servers = (await get(`/api/v1/groups/${group}/servers`)).body.servers;
const tasks = (await get(`/api/v1/groups/${group}/tasks?limit=5`)).body.tasks;
const tokens = (await get(`/api/v1/groups/${group}/vuls/upload-tokens`)).body;
const me = (await get("/api/v1/me")).body;
const params = {
  group,
  server: servers.find((s) => s.kind === "ec2")?.id ?? servers[0]?.id,
  task: tasks[0]?.id,
  id: tasks[0]?.vulnerability_id,
  user: me.user.id,
  token: tokens.tokens?.[0]?.id ?? 1,
};

let checked = 0;
const failures = [];
for (const [pattern, methods] of Object.entries(doc.paths)) {
  const op = methods.get;
  if (!op || (op.security && op.security.length === 0)) {
    continue; // writes are the story's; public routes take no token
  }
  const path = pattern.replace(/\{(\w+)\}/g, (_, name) => String(params[name]));
  const ok = Object.keys(op.responses).find((s) => s.startsWith("2"));
  const schema = op.responses[ok]?.content?.["application/json"]?.schema;
  const r = await get(path);
  if (r.status !== Number(ok)) {
    // Some reads need a resource that the demo does not have (no Vuls token, no SBOM yet).
    if (r.status >= 500 || r.status === 401) {
      failures.push(`${path}: status ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    }
    continue;
  }
  if (!schema) {
    continue; // a YAML or text response
  }
  const validate = ajv.compile({ $ref: `kensa${schema.$ref}` });
  if (!validate(r.body)) {
    failures.push(`${path}: ${ajv.errorsText(validate.errors, { separator: "\n    " })}`);
  }
  checked += 1;
}
console.log(`api_contract: ${checked} GET responses validated against the OpenAPI document`);
if (checked < 15) {
  failures.push(`only ${checked} responses could be checked (expected at least 15)`);
}
if (failures.length > 0) {
  console.error("api_contract: responses that break the document:\n  " + failures.join("\n  "));
  process.exit(1);
}
