// The icon pack's build (make-icon-pack.mjs, icon-path.mjs), checked on
// every icon of the pinned simple-icons package: `node --test scripts/`,
// run by `make test-native`.
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { buildPack, glyphColour } from "./make-icon-pack.mjs";
import { absoluteSegments, parsePath, quantizePath } from "./icon-path.mjs";

const projectDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const icons = Object.values(createRequire(join(projectDir, "package.json"))(join(projectDir, "node_modules", "simple-icons")));

test("every icon's points stay within 0.05 of the original, with the same segments", () => {
  assert.ok(icons.length > 3000, `only ${icons.length} icons`);
  let worst = 0;
  for (const { slug, path } of icons) {
    const original = absoluteSegments(path);
    const quantized = absoluteSegments(quantizePath(path));
    assert.equal(quantized.length, original.length, `${slug}: segment count`);
    original.forEach((segment, s) => {
      const other = quantized[s];
      assert.equal(other.kind, segment.kind, `${slug}: segment ${s} kind`);
      assert.equal(other.points.length, segment.points.length, `${slug}: segment ${s} points`);
      if (segment.arc) {
        assert.deepEqual(other.arc.slice(3), segment.arc.slice(3), `${slug}: arc flags`);
        segment.arc.slice(0, 3).forEach((value, k) => {
          assert.ok(Math.abs(other.arc[k] - value) <= 0.05 + 1e-9, `${slug}: arc ${k}`);
        });
      }
      segment.points.forEach(([x, y], p) => {
        const [qx, qy] = other.points[p];
        worst = Math.max(worst, Math.abs(qx - x), Math.abs(qy - y));
      });
    });
  }
  // Rounding to a tenth moves a point at most half a tenth; no drift.
  assert.ok(worst <= 0.05 + 1e-9, `a point moved ${worst}`);
});

test("the rewritten paths are shorter", () => {
  const before = icons.reduce((sum, icon) => sum + icon.path.length, 0);
  const after = icons.reduce((sum, icon) => sum + quantizePath(icon.path).length, 0);
  assert.ok(after < before * 0.75, `${after} of ${before} characters`);
});

test("the parser reads compact numbers, implied commands and arc flags", () => {
  assert.deepEqual(parsePath("M1.5.5.25-1zm2 2 3 3"), [
    { command: "M", args: [1.5, 0.5] },
    { command: "L", args: [0.25, -1] },
    { command: "z", args: [] },
    { command: "m", args: [2, 2] },
    { command: "l", args: [3, 3] },
  ]);
  assert.deepEqual(parsePath("a1 1 0 01.5.5"), [{ command: "a", args: [1, 1, 0, 0, 1, 0.5, 0.5] }]);
  assert.throws(() => parsePath("M1"), /a number expected/);
  assert.throws(() => parsePath("X1 1"), /unknown command/);
});

test("a glyph is white on a dark tile and black on a light one", () => {
  assert.equal(glyphColour("181717"), "#fff");
  assert.equal(glyphColour("FFFFFF"), "#000");
  assert.equal(glyphColour("FFD700"), "#000");
  assert.equal(glyphColour("0A66C2"), "#fff");
});

test("the index lists every icon once, with its names, and each has an SVG", () => {
  const { index, svgs } = buildPack();
  const lines = index.trimEnd().split("\n");
  assert.match(lines[0], /^softtoken-icons 1 simple-icons \d+\.\d+\.\d+$/);
  const slugs = lines.slice(1).map((line) => line.split("\t")[0]);
  assert.equal(new Set(slugs).size, slugs.length);
  assert.equal(slugs.length, icons.length);
  assert.deepEqual([...svgs.keys()], slugs);
  const github = lines.find((line) => line.startsWith("github\t"));
  assert.equal(github, "github\tGitHub");
  assert.match(svgs.get("github"), /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="-4 -4 32 32"><rect [^>]*fill="#181717"\/><path fill="#fff" d="m12 \.3c/);
});
