// Validates kensa's real responses against its own OpenAPI 3.1 document with ajv (JSON Schema
// 2020-12): every GET endpoint of the document, with path parameters taken from the data the
// server holds (the demo fleet), is called with an API token, and each 2xx JSON body must match
// the operation's response schema. A failing body, an endpoint left unchecked, or a schema
// that does not compile fails the run.
// The software inventory (R18) first gets an SBOM: a CycloneDX file of ../shared/data/sboms is
// uploaded to one demo server (POST .../servers/{id}/sbom), so that the inventory reads have
// rows; the server's CycloneDX SBOM and VEX exports must then validate against the official
// CycloneDX 1.5 JSON schema (../shared/data/schemas, JSON Schema draft-07).
//   KENSA_E2E_URL=http://127.0.0.1:8080 KENSA_E2E_TOKEN=kensa_... node e2e/api_contract.mjs
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
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

async function post(path, body, contentType) {
  const r = await fetch(base + path, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": contentType },
    body,
  });
  const type = r.headers.get("content-type") || "";
  return { status: r.status, type, body: type.includes("json") ? await r.json() : await r.text() };
}

// ../shared sits next to the repository (web/e2e/ -> the repository -> ../shared).
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const shared = path.resolve(repo, "../shared/data");
const sbomFile = path.join(shared, "sboms/cyclonedx/bomexamples-juice-shop-14.1.1-npm.cdx14.json");
const cdxSchemas = ["cyclonedx-bom-1.5.schema.json", "cyclonedx-spdx.schema.json", "cyclonedx-jsf-0.82.schema.json"]
  .map((name) => path.join(shared, "schemas", name));

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
const validated = new Set();

/** Validates a body against a response schema of the document (a $ref into it). */
function checkBody(what, schema, body) {
  const validate = ajv.compile({ $ref: `kensa${schema.$ref}` });
  if (!validate(body)) {
    failures.push(`${what}: ${ajv.errorsText(validate.errors, { separator: "\n    " })}`);
    return false;
  }
  return true;
}
const responseSchema = (pattern, method = "get") => {
  const op = doc.paths[pattern]?.[method];
  const ok = op && Object.keys(op.responses).find((s) => s.startsWith("2"));
  return ok ? op.responses[ok].content?.["application/json"]?.schema : undefined;
};

// An SBOM file for the inventory (R18), before the reads below.
const uploadPattern = "/api/v1/groups/{group}/servers/{server}/sbom";
let uploaded = false;
if (!fs.existsSync(sbomFile)) {
  console.log(`api_contract: ${sbomFile} is absent; the SBOM upload and the CycloneDX export checks are skipped`);
} else if (!params.server) {
  failures.push("the demo has no server to upload an SBOM file to");
} else {
  const upload = `/api/v1/groups/${group}/servers/${params.server}/sbom`;
  const r = await post(upload, fs.readFileSync(sbomFile), "application/json");
  if (r.status !== 200) {
    failures.push(`POST ${upload}: status ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  } else {
    const schema = responseSchema(uploadPattern, "post");
    if (!schema) failures.push(`the document describes no response of POST ${uploadPattern}`);
    else if (checkBody(`POST ${upload}`, schema, r.body)) checked += 1;
    if (!(r.body.components > 0)) failures.push(`POST ${upload}: the import read no components (${JSON.stringify(r.body)})`);
    uploaded = true;
    console.log(`api_contract: uploaded ${path.basename(sbomFile)} to server ${params.server}: ${r.body.components} components, ${r.body.software} software rows`);
  }
}

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
  if (checkBody(path, schema, r.body)) validated.add(pattern);
  checked += 1;
}

// The inventory's reads (R18) must all have been validated, and again with their filters.
const inventoryReads = [
  "/api/v1/groups/{group}/software",
  "/api/v1/groups/{group}/eol",
  "/api/v1/groups/{group}/licenses",
  "/api/v1/groups/{group}/license-violations",
  "/api/v1/groups/{group}/supply-chain",
  "/api/v1/groups/{group}/inventory-settings",
];
for (const pattern of inventoryReads) {
  if (!doc.paths[pattern]?.get) failures.push(`the document lacks GET ${pattern}`);
  else if (!validated.has(pattern)) failures.push(`GET ${pattern} was not validated (see above)`);
}
const g = `/api/v1/groups/${group}`;
const filtered = [
  ["/api/v1/groups/{group}/software", `${g}/software?limit=2`],
  ["/api/v1/groups/{group}/software", `${g}/software?server_id=${params.server}&eol_state=any&include_removed=true&limit=5`],
  ["/api/v1/groups/{group}/software", `${g}/software?vulnerable=true&limit=5`],
  ["/api/v1/groups/{group}/eol", `${g}/eol?closed=true`],
  ["/api/v1/groups/{group}/eol", `${g}/eol?state=EOL&server_id=${params.server}`],
  ["/api/v1/groups/{group}/license-violations", `${g}/license-violations?limit=10`],
];
if (uploaded) {
  // The juice shop's npm packages: a name and a version range ("where is X used").
  filtered.push(["/api/v1/groups/{group}/software", `${g}/software?ecosystem=npm&name=express&version_range=${encodeURIComponent(">=4.0.0,<5")}`]);
}
for (const [pattern, call] of filtered) {
  const schema = responseSchema(pattern);
  if (!schema) continue; // reported above
  const r = await get(call);
  if (r.status !== 200) {
    failures.push(`${call}: status ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    continue;
  }
  checkBody(call, schema, r.body);
  checked += 1;
}
// Keyset paging: the next page starts after the first one and does not repeat its rows.
const first = await get(`${g}/software?limit=2`);
if (first.status === 200 && first.body.next_after !== undefined) {
  const next = await get(`${g}/software?limit=2&after=${first.body.next_after}`);
  const seen = new Set(first.body.software.map((s) => s.id));
  if (next.status !== 200 || next.body.software.some((s) => seen.has(s.id))) {
    failures.push(`${g}/software?after=${first.body.next_after}: the next page repeats rows or fails (status ${next.status})`);
  }
}
if (uploaded) {
  const rows = await get(`${g}/software?server_id=${params.server}&ecosystem=npm&limit=1`);
  if (rows.status !== 200 || rows.body.software.length === 0) {
    failures.push(`${g}/software?server_id=${params.server}&ecosystem=npm: the uploaded SBOM's packages are not listed`);
  }
}

// The server's CycloneDX SBOM and VEX against the official CycloneDX 1.5 schema (draft-07).
if (uploaded) {
  const missing = cdxSchemas.filter((file) => !fs.existsSync(file));
  if (missing.length > 0) {
    console.log(`api_contract: ${missing.join(", ")} absent; the CycloneDX 1.5 schema check is skipped`);
  } else {
    // ajv-formats is not installed: the formats (uri, date-time, ...) go unchecked.
    const cdx = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const [bomSchema, spdxSchema, jsfSchema] = cdxSchemas.map((file) => JSON.parse(fs.readFileSync(file, "utf8")));
    // The 1.5 schema's $refs "spdx.schema.json" and "jsf-0.82.schema.json" resolve against its $id.
    cdx.addSchema(spdxSchema, "http://cyclonedx.org/schema/spdx.schema.json");
    cdx.addSchema(jsfSchema, "http://cyclonedx.org/schema/jsf-0.82.schema.json");
    let validateBom;
    try {
      validateBom = cdx.compile(bomSchema);
    } catch (err) {
      failures.push(`the CycloneDX 1.5 schema does not compile: ${err.message}`);
    }
    for (const kind of ["cyclonedx", "vex"]) {
      if (!validateBom) break;
      const call = `${g}/servers/${params.server}/${kind}`;
      const r = await get(call);
      if (r.status !== 200 || typeof r.body !== "object") {
        failures.push(`${call}: status ${r.status} ${String(typeof r.body === "string" ? r.body : JSON.stringify(r.body)).slice(0, 200)}`);
        continue;
      }
      if (!validateBom(r.body)) {
        const errors = validateBom.errors.slice(0, 10).map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
        failures.push(`${call}: the ${kind === "vex" ? "VEX" : "SBOM"} export is not valid CycloneDX 1.5 (${validateBom.errors.length} errors):\n    ${errors.join("\n    ")}`);
        continue;
      }
      if (kind === "cyclonedx" && !(r.body.components?.length > 0)) {
        failures.push(`${call}: the SBOM export has no components after the upload`);
      }
      checked += 1;
      console.log(`api_contract: ${call} is valid CycloneDX 1.5 (${r.body.components?.length ?? 0} components, ${r.body.vulnerabilities?.length ?? 0} vulnerabilities)`);
    }
  }
}
console.log(`api_contract: ${checked} responses validated against the OpenAPI document`);
if (checked < 15) {
  failures.push(`only ${checked} responses could be checked (expected at least 15)`);
}
if (failures.length > 0) {
  console.error("api_contract: responses that break the document:\n  " + failures.join("\n  "));
  process.exit(1);
}
