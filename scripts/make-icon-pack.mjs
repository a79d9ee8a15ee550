// Builds the icon pack (docs/icon-pack.md) from the pinned `simple-icons`
// npm package (CC0) into a build directory:
// - icon-index.txt: one line per brand, its slug and the names it is known
//   by, which the app reads after the first screen to match issuers;
// - icons/<slug>.svg: the brand's glyph, on a 0.1 grid (icon-path.mjs), on
//   a tile of the brand's colour, in white or black, whichever contrasts
//   more, so it reads in light and dark themes alike. A card's <img> fetches
//   only the icons on screen; the service worker keeps each one it served.
//   node scripts/make-icon-pack.mjs <build directory>
// Run by Trunk's post_build hook into the staged build, before the service
// worker's file list is made. Its bytes depend only on the package's
// version: the same package, the same pack.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { quantizePath } from "./icon-path.mjs";

const projectDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const packageDir = join(projectDir, "node_modules", "simple-icons");
const require = createRequire(join(projectDir, "package.json"));

/** Tabs and line ends would break the format; nothing in the package has them. */
function field(text) {
  if (/[\t\n\r\u001f]/.test(text)) throw new Error(`icon pack: a name with a separator: ${JSON.stringify(text)}`);
  return text;
}

/** The names a brand is known by: title, then its aliases (aka, old, localized, duplicates' titles). */
function names(icon) {
  const aliases = icon.aliases ?? {};
  const all = [
    icon.title,
    ...(aliases.aka ?? []),
    ...(aliases.old ?? []),
    ...Object.values(aliases.loc ?? {}),
    ...(aliases.dup ?? []).map((dup) => dup.title),
  ];
  return [...new Set(all.map(field))];
}

/** WCAG relative luminance of an RRGGBB colour. */
function luminance(hex) {
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** White or black, whichever contrasts more with the tile. */
export function glyphColour(hex) {
  const tile = luminance(hex);
  return (1.05) / (tile + 0.05) >= (tile + 0.05) / 0.05 ? "#fff" : "#000";
}

export function iconSvg(hex, path) {
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="-4 -4 32 32">' +
    `<rect x="-4" y="-4" width="32" height="32" rx="7" fill="#${hex}"/>` +
    `<path fill="${glyphColour(hex)}" d="${path}"/></svg>\n`
  );
}

/** The index's text and each icon's SVG, by slug. */
export function buildPack() {
  const packageJson = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  const data = JSON.parse(readFileSync(join(packageDir, "data", "simple-icons.json"), "utf8"));
  const icons = require(packageDir);
  const bySlug = new Map(Object.values(icons).map((icon) => [icon.slug, icon]));
  const lines = [`softtoken-icons 1 simple-icons ${packageJson.version}`];
  const svgs = new Map();
  const sorted = [...data].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  for (const entry of sorted) {
    const icon = bySlug.get(entry.slug);
    if (!icon) throw new Error(`icon pack: no path for ${entry.slug}`);
    if (!/^[a-z0-9_]+$/.test(entry.slug)) throw new Error(`icon pack: slug ${entry.slug}`);
    if (!/^[0-9A-F]{6}$/i.test(icon.hex)) throw new Error(`icon pack: colour ${icon.hex} of ${entry.slug}`);
    lines.push([entry.slug, names(entry).join("\u001f")].join("\t"));
    svgs.set(entry.slug, iconSvg(icon.hex.toUpperCase(), quantizePath(icon.path)));
  }
  return { index: `${lines.join("\n")}\n`, svgs };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error("make-icon-pack: pass the build directory");
    process.exit(2);
  }
  const { index, svgs } = buildPack();
  writeFileSync(join(dir, "icon-index.txt"), index);
  mkdirSync(join(dir, "icons"), { recursive: true });
  for (const [slug, svg] of svgs) writeFileSync(join(dir, "icons", `${slug}.svg`), svg);
}
