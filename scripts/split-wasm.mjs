// Splits the app's WASM into a main module and lazily loaded chunks, in
// Trunk's post_build hook (Trunk.toml), before scripts/post-build.mjs.
//
// Why here: Trunk runs wasm-bindgen straight after cargo, with no step
// between them (trunk-rs/trunk#1022), and the splitter has to see the
// module as the linker wrote it (with --emit-relocs, .cargo/config.toml).
// So Trunk builds the app as usual (with the `split` feature), and this
// redoes the last steps from cargo's own output:
//   1. wasm-split-cli cuts the module at the split points of
//      src/ui/split.rs: main module, one chunk per screen, shared
//      chunks, and __wasm_split.js, which fetches and links a chunk;
//   2. wasm-bindgen (keeping the function table the chunks link into)
//      writes the main module's JS under the names Trunk chose;
//   3. wasm-opt -Oz on every module (release only);
//   4. the files replace Trunk's, each chunk named by the hash of its
//      bytes, and index.html's integrity hashes are recomputed.
// It is idempotent: it always starts again from cargo's output.
import { execFileSync, execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";

const staging = process.env.TRUNK_STAGING_DIR;
const profile = process.env.TRUNK_PROFILE ?? "release";
if (!staging) {
  console.error("split-wasm: run from Trunk's post_build hook (TRUNK_STAGING_DIR is not set)");
  process.exit(2);
}
const projectDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const targetDir = process.env.CARGO_TARGET_DIR ?? join(projectDir, "target");
const cargoOutput = join(targetDir, "wasm32-unknown-unknown", profile, "softtoken.wasm");
const work = join(targetDir, "wasm-split", profile);
const LINK_MODULE = "__wasm_split.js";

function run(tool, args) {
  execFileSync(tool, args, { stdio: ["ignore", "inherit", "inherit"] });
}

function sri(path) {
  return `sha384-${createHash("sha384").update(readFileSync(path)).digest("base64")}`;
}

const indexPath = join(staging, "index.html");
let html = readFileSync(indexPath, "utf8");
// Trunk's loader names the main module's files: /softtoken-<hash>.js.
const stem = html.match(/from '\/(softtoken-[0-9a-f]+)\.js'/)?.[1];
if (!stem) {
  throw new Error(`split-wasm: ${indexPath} has no loader for softtoken-<hash>.js`);
}
if (!existsSync(cargoOutput)) {
  throw new Error(`split-wasm: cargo's output ${cargoOutput} is missing`);
}

rmSync(work, { recursive: true, force: true });
const splitDir = join(work, "split");
const bindgenDir = join(work, "bindgen");
mkdirSync(bindgenDir, { recursive: true });

run("wasm-split-cli", ["--target", "web", "--out-name", stem, cargoOutput, splitDir]);
run("wasm-bindgen", [
  "--target=web",
  "--keep-lld-exports",
  "--no-typescript",
  `--out-dir=${bindgenDir}`,
  `--out-name=${stem}`,
  join(splitDir, `${stem}.wasm`),
]);

const chunks = readdirSync(splitDir).filter((name) => name.endsWith(".wasm") && name !== `${stem}.wasm`);
const modules = [
  [join(bindgenDir, `${stem}_bg.wasm`), `${stem}_bg.wasm`],
  ...chunks.map((name) => [join(splitDir, name), name]),
];
// wasm-opt (binaryen compiled to WASM, from npm) takes a while to start:
// run one per core at a time.
const optimise = promisify(execFile);
const queue = [...modules];
async function worker() {
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [from, name] = next;
    const to = join(staging, name);
    if (profile === "release") {
      await optimise("wasm-opt", ["-Oz", from, "-o", to]);
    } else {
      copyFileSync(from, to);
    }
  }
}
await Promise.all(Array.from({ length: availableParallelism() }, worker));

// The splitter names its files the same in every build (chunk_3.wasm), and
// a browser may keep an old one in its HTTP cache: each file's name gets
// the hash of its bytes, as Trunk's own files have, and every reference to
// it follows.
function hashed(name, bytes) {
  const dot = name.lastIndexOf(".");
  const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
  return `${name.slice(0, dot)}-${hash}${name.slice(dot)}`;
}
let link = readFileSync(join(splitDir, LINK_MODULE), "utf8");
for (const name of chunks) {
  const from = join(staging, name);
  const to = hashed(name, readFileSync(from));
  renameSync(from, join(staging, to));
  link = replaceOnce(link, `"./${name}"`, `"./${to}"`, LINK_MODULE);
}
const linkName = hashed(LINK_MODULE, link);
writeFileSync(join(staging, linkName), link);
let mainJs = readFileSync(join(bindgenDir, `${stem}.js`), "utf8");
// Only the import statements: the WASM's own imports keep the module name
// the splitter gave them, and so do the keys of the import object.
mainJs = mainJs.replaceAll(`from "./${LINK_MODULE}"`, `from "./${linkName}"`);
if (!mainJs.includes(linkName)) {
  throw new Error(`split-wasm: ${stem}.js does not import ${LINK_MODULE}`);
}
writeFileSync(join(staging, `${stem}.js`), mainJs);

function replaceOnce(text, from, to, where) {
  if (text.split(from).length !== 2) {
    throw new Error(`split-wasm: expected ${from} once in ${where}`);
  }
  return text.replace(from, to);
}

// The preload links carry Subresource Integrity hashes of Trunk's files.
for (const name of [`${stem}.js`, `${stem}_bg.wasm`]) {
  const link = new RegExp(`(href="/${name.replace(".", "\\.")}"[^>]*integrity=")[^"]*(")`);
  if (!link.test(html)) {
    throw new Error(`split-wasm: index.html has no integrity attribute for ${name}`);
  }
  html = html.replace(link, `$1${sri(join(staging, name))}$2`);
}
// The main module's JS imports the loader: fetch both at once rather than
// one after the other.
const preload = `<link rel="modulepreload" href="/${linkName}" crossorigin="anonymous" integrity="${sri(join(staging, linkName))}">`;
html = replaceOnce(html, "</head>", `${preload}</head>`, "index.html");
writeFileSync(indexPath, html);
console.log(`split-wasm: ${stem} split into the main module and ${chunks.length} chunks`);
