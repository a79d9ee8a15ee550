// Rewrites an SVG path (simple-icons' 24×24 paths) with every coordinate
// on a 0.1 grid, in relative commands, so the icon pack is smaller: at the
// 24-40 px a card shows an icon, 0.05 of a unit is under a tenth of a pixel.
//
// Relative coordinates are not rounded one by one (their errors would add
// up along a path): each point's absolute position is rounded, and the
// delta written is between rounded positions, so no point ends more than
// 0.05 from where the original put it. `absolutePoints` gives the end
// points of both paths for the test that checks that (icon-pack.test.mjs).

const PARAMETERS = { m: 2, l: 2, h: 1, v: 1, c: 6, s: 4, q: 4, t: 2, a: 7, z: 0 };

/** The commands of an SVG path: [{ command, args }], as written. */
export function parsePath(d) {
  const commands = [];
  let i = 0;
  const skipSeparators = () => {
    while (i < d.length && /[\s,]/.test(d[i])) i++;
  };
  const number = () => {
    skipSeparators();
    const match = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(d.slice(i));
    if (!match) throw new Error(`path: a number expected at ${i} of ${d.slice(0, 40)}…`);
    i += match[0].length;
    return Number(match[0]);
  };
  const flag = () => {
    skipSeparators();
    const c = d[i];
    if (c !== "0" && c !== "1") throw new Error(`path: an arc flag expected at ${i}`);
    i++;
    return Number(c);
  };
  let command = null;
  for (skipSeparators(); i < d.length; skipSeparators()) {
    if (/[a-zA-Z]/.test(d[i])) {
      command = d[i++];
      if (!(command.toLowerCase() in PARAMETERS)) throw new Error(`path: unknown command ${command}`);
      if (command.toLowerCase() === "z") {
        commands.push({ command, args: [] });
        continue;
      }
    } else if (command === null || command.toLowerCase() === "z") {
      throw new Error(`path: a number with no command at ${i}`);
    } else if (command === "m") {
      command = "l"; // further pairs after a moveto are linetos
    } else if (command === "M") {
      command = "L";
    }
    const lower = command.toLowerCase();
    const args =
      lower === "a"
        ? [number(), number(), number(), flag(), flag(), number(), number()]
        : Array.from({ length: PARAMETERS[lower] }, number);
    commands.push({ command, args });
  }
  return commands;
}

/**
 * The path's segments in absolute coordinates: [{ kind, points, arc }],
 * kind lowercase, points the control and end points as [x, y], arc the
 * radii, rotation and flags.
 */
export function absoluteSegments(d) {
  let [x, y, startX, startY] = [0, 0, 0, 0];
  const segments = [];
  for (const { command, args } of parsePath(d)) {
    const relative = command === command.toLowerCase();
    const kind = command.toLowerCase();
    const point = (px, py) => (relative ? [x + px, y + py] : [px, py]);
    let points;
    let arc = null;
    switch (kind) {
      case "z":
        points = [[startX, startY]];
        break;
      case "h":
        points = [[relative ? x + args[0] : args[0], y]];
        break;
      case "v":
        points = [[x, relative ? y + args[0] : args[0]]];
        break;
      case "a":
        arc = args.slice(0, 5);
        points = [point(args[5], args[6])];
        break;
      default:
        points = [];
        for (let k = 0; k < args.length; k += 2) points.push(point(args[k], args[k + 1]));
    }
    [x, y] = points[points.length - 1];
    if (kind === "m") [startX, startY] = [x, y];
    segments.push({ kind, points, arc });
  }
  return segments;
}

/** Every end point of the path, absolute: what the test compares. */
export function absolutePoints(d) {
  return absoluteSegments(d).flatMap((segment) => segment.points);
}

const tenths = (value) => Math.round(value * 10);

/** Integer tenths as the shortest decimal: 5 → ".5", -12 → "-1.2", 30 → "3". */
function formatTenths(n) {
  const sign = n < 0 ? "-" : "";
  const magnitude = Math.abs(n);
  const whole = Math.floor(magnitude / 10);
  const tenth = magnitude % 10;
  if (tenth === 0) return `${sign}${whole}`;
  return `${sign}${whole === 0 ? "" : whole}.${tenth}`;
}

/** Numbers joined with only the separators a parser needs. */
function joinNumbers(texts) {
  let out = "";
  texts.forEach((text, index) => {
    const previous = texts[index - 1];
    const needsSpace =
      index > 0 && !text.startsWith("-") && !(text.startsWith(".") && previous.includes("."));
    out += (needsSpace ? " " : "") + text;
  });
  return out;
}

/** The path again, on a 0.1 grid, relative, without needless characters. */
export function quantizePath(d) {
  let [rx, ry] = [0, 0]; // the current point as written, in tenths
  let [startX, startY] = [0, 0];
  let previous = null;
  let out = "";
  for (const { kind, points, arc } of absoluteSegments(d)) {
    if (kind === "z") {
      out += "z";
      previous = "z";
      [rx, ry] = [startX, startY];
      continue;
    }
    const ends = points.map(([px, py]) => [tenths(px), tenths(py)]);
    const [ex, ey] = ends[ends.length - 1];
    let numbers;
    if (kind === "h") numbers = [ex - rx];
    else if (kind === "v") numbers = [ey - ry];
    else {
      const deltas = ends.flatMap(([px, py]) => [px - rx, py - ry]);
      numbers = kind === "a" ? [tenths(arc[0]), tenths(arc[1]), tenths(arc[2])] : deltas;
      if (kind === "a") {
        const [dx, dy] = deltas;
        // Flags are one character each and need no separator.
        out += (previous === "a" ? " " : "a") + joinNumbers(numbers.map(formatTenths));
        out += ` ${arc[3]}${arc[4]}` + joinNumbers([dx, dy].map(formatTenths));
        previous = "a";
        [rx, ry] = [ex, ey];
        continue;
      }
    }
    const texts = numbers.map(formatTenths);
    // A repeated command is implied, except after a moveto (pairs after
    // it are linetos) and after an arc's flags.
    const implied = previous === kind && kind !== "m";
    out += implied ? (texts[0].startsWith("-") ? "" : " ") : kind;
    out += joinNumbers(texts);
    previous = kind;
    [rx, ry] = [ex, ey];
    if (kind === "m") [startX, startY] = [ex, ey];
  }
  return out;
}
