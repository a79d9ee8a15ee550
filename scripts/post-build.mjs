// Trunk's post_build hook (Trunk.toml), run on the staged build before it
// replaces dist/. It can also be run by hand on any built directory:
//   node scripts/post-build.mjs <dir>
// It is idempotent: running it again on its own output changes nothing.
//
// 1. Content-Security-Policy: index.html carries the policy in a meta tag;
//    the inline scripts Trunk writes (the WASM loader, and in `trunk serve`
//    the live-reload client) are allowed by their SHA-256 hashes, computed
//    here from the exact bytes, so the policy never needs 'unsafe-inline'.
// 2. Service worker: web/service-worker.js becomes sw.js with FILES = every
//    file of the build but sw.js, each as [path, Base64 SHA-256 of its
//    bytes] (install checks them), and VERSION = a hash of their paths and
//    bytes. Any change to any file is a new version; nothing is listed by
//    hand, so the precache cannot go stale. The brand icons (icons/, one
//    file each, written by make-icon-pack.mjs) are not precached: the
//    worker keeps each one a page shows, in a cache named by ICON_PACK, the
//    icon index's header.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!root) {
  console.error("post-build: pass the build directory, or run from Trunk (TRUNK_STAGING_DIR)");
  process.exit(2);
}
const projectDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const SERVICE_WORKER = "sw.js";
const ICON_DIR = "icons";
const ICON_INDEX = "icon-index.txt";

const POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval' HASHES",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

function writePolicy(indexPath) {
  const html = readFileSync(indexPath, "utf8");
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`,
  );
  const policy = POLICY.replace("HASHES", hashes.join(" ")).replace(/ +;/g, ";");
  const meta = /<meta http-equiv="Content-Security-Policy" content="[^"]*"\s*\/?>/;
  if (!meta.test(html)) {
    throw new Error(`${indexPath} has no Content-Security-Policy meta tag to fill in`);
  }
  const tag = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
  writeFileSync(indexPath, html.replace(meta, tag));
  return hashes.length;
}

/** Every file under `dir`, at any depth, as a path from `dir`. */
function pathsUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? pathsUnder(path) : [path];
  });
}

function filesUnder(dir) {
  return pathsUnder(dir)
    .map((path) => relative(root, path).split(sep).join("/"))
    .filter((path) => path !== SERVICE_WORKER && !path.startsWith(`${ICON_DIR}/`))
    .sort();
}

function writeServiceWorker() {
  const files = [...new Set(filesUnder(root))];
  const hash = createHash("sha256");
  let bytes = 0;
  const listed = [];
  for (const file of files) {
    const content = readFileSync(join(root, file));
    bytes += content.length;
    hash.update(`${file}\0${content.length}\0`).update(content);
    listed.push([file, createHash("sha256").update(content).digest("base64")]);
  }
  const version = hash.digest("hex").slice(0, 16);
  const template = readFileSync(join(projectDir, "web", "service-worker.js"), "utf8");
  // "softtoken-icons 1 simple-icons 16.37.0" → "1-simple-icons-16.37.0".
  const iconPack = readFileSync(join(root, ICON_INDEX), "utf8").split("\n")[0].split(" ").slice(1).join("-");
  const worker = template
    .replace(/^const VERSION = .*;$/m, `const VERSION = ${JSON.stringify(version)};`)
    .replace(/^const FILES = .*;$/m, `const FILES = ${JSON.stringify(listed)};`)
    .replace(/^const ICON_PACK = .*;$/m, `const ICON_PACK = ${JSON.stringify(iconPack)};`);
  if (worker === template) {
    throw new Error("web/service-worker.js lost its VERSION, FILES or ICON_PACK line");
  }
  writeFileSync(join(root, SERVICE_WORKER), worker);
  return { version, files: files.length, bytes };
}

try {
  const inlineScripts = writePolicy(join(root, "index.html"));
  const { version, files, bytes } = writeServiceWorker();
  console.log(
    `post-build: CSP allows ${inlineScripts} inline script(s) by hash; ` +
      `sw.js precaches ${files} files, ${bytes} bytes, version ${version}`,
  );
} catch (error) {
  console.error(`post-build: ${error.message}`);
  process.exit(1);
}
