#!/usr/bin/env python3
"""Where a WASM module's bytes go: code size by crate and the largest
functions, read from the module's name section (present in the split,
bindgen'd main module before wasm-opt, target/wasm-split/release/bindgen).

Usage: scripts/wasm-sizes.py [MODULE.wasm] [--top N] [--crate NAME]
       scripts/wasm-sizes.py --diff OLD.wasm NEW.wasm   (by crate and function)
Sizes are of function bodies before wasm-opt: use them to rank, and
make bench for the bytes a person downloads (gzip, after wasm-opt)."""
import glob, re, sys
from collections import defaultdict


def leb(data, pos):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, pos


def sections(data):
    assert data[:4] == b"\0asm", "not a WASM module"
    pos = 8
    while pos < len(data):
        kind = data[pos]
        size, pos = leb(data, pos + 1)
        yield kind, data[pos:pos + size]
        pos += size


def imported_functions(payload):
    count, pos = leb(payload, 0)
    functions = 0
    for _ in range(count):
        for _ in range(2):  # module, field
            length, pos = leb(payload, pos)
            pos += length
        kind = payload[pos]
        pos += 1
        if kind == 0:
            _, pos = leb(payload, pos)
            functions += 1
        elif kind == 1:  # table: reftype, limits
            pos += 1
            flags, pos = leb(payload, pos)
            _, pos = leb(payload, pos)
            if flags & 1:
                _, pos = leb(payload, pos)
        elif kind == 2:  # memory: limits
            flags, pos = leb(payload, pos)
            _, pos = leb(payload, pos)
            if flags & 1:
                _, pos = leb(payload, pos)
        elif kind == 3:  # global: type, mutability
            pos += 2
        else:  # tag
            pos += 1
            _, pos = leb(payload, pos)
    return functions


def read(path):
    data = open(path, "rb").read()
    imports, bodies, names = 0, [], {}
    for kind, payload in sections(data):
        if kind == 2:
            imports = imported_functions(payload)
        elif kind == 10:
            count, pos = leb(payload, 0)
            for _ in range(count):
                size, pos = leb(payload, pos)
                bodies.append(size)
                pos += size
        elif kind == 0:
            length, pos = leb(payload, 0)
            if payload[pos:pos + length] != b"name":
                continue
            pos += length
            while pos < len(payload):
                sub = payload[pos]
                size, pos = leb(payload, pos + 1)
                end = pos + size
                if sub == 1:
                    count, p = leb(payload, pos)
                    for _ in range(count):
                        index, p = leb(payload, p)
                        length, p = leb(payload, p)
                        names[index] = payload[p:p + length].decode("utf-8", "replace")
                        p += length
                pos = end
    return {names.get(imports + i, f"func[{imports + i}]"): size for i, size in enumerate(bodies)}


def demangle(name):
    """A path without its hash: names come demangled from wasm-bindgen, or
    in Rust's legacy mangling (_ZN…E)."""
    name = re.sub(r"::h[0-9a-f]{16}$", "", name)
    match = re.match(r"_ZN(.*)E$", name)
    if not match:
        return name
    rest, parts = match.group(1), []
    while rest and rest[0].isdigit():
        length = int(re.match(r"\d+", rest).group())
        digits = len(str(length))
        parts.append(rest[digits:digits + length])
        rest = rest[digits + length:]
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    text = "::".join(parts)
    for code, char in (("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$RF$", "&"),
                       ("$C$", ","), ("$BP$", "*"), ("..", "::"), ("$u7b$", "{"), ("$u7d$", "}")):
        text = text.replace(code, char)
    return text


def crate(path):
    """The crate a function belongs to: for `<X as Y>::f`, X's crate, or
    Y's where X is a reference to, or a generic, type."""
    path = re.sub(r"\[[0-9a-f]+\]", "", path)
    match = re.match(r"<(.*?) as (.*?)>::", path)
    if match:
        own = re.sub(r"^(&|mut |dyn |\*const |\*mut )+", "", match.group(1).lstrip("<"))
        head = re.split(r"::|[<>, ]", own)[0]
        if head and head not in ("T", "F", "S", "Self", "[T]", "str", "u8") and "::" in own:
            return head
        return re.split(r"::|[<>, ]", match.group(2))[0] or "?"
    path = re.sub(r"^(<|&|mut |dyn )+", "", path)
    return re.split(r"::|[<>, ]", path)[0] or "?"


def by_crate(functions):
    totals = defaultdict(int)
    for name, size in functions.items():
        totals[crate(demangle(name))] += size
    return totals


def default_module():
    found = sorted(glob.glob("target/wasm-split/release/bindgen/softtoken-*_bg.wasm"))
    if not found:
        sys.exit("no module given, and none in target/wasm-split/release/bindgen (run trunk build --release)")
    return found[-1]


def main(argv):
    top = 40
    if "--top" in argv:
        top = int(argv[argv.index("--top") + 1])
    only = argv[argv.index("--crate") + 1] if "--crate" in argv else None
    if "--diff" in argv:
        old_path, new_path = argv[argv.index("--diff") + 1:argv.index("--diff") + 3]
        old, new = read(old_path), read(new_path)
        old_c, new_c = by_crate(old), by_crate(new)
        print(f"total: {sum(old.values())} -> {sum(new.values())} ({sum(new.values()) - sum(old.values()):+})")
        print("\nby crate (change):")
        changes = {c: new_c.get(c, 0) - old_c.get(c, 0) for c in set(old_c) | set(new_c)}
        for name, change in sorted(changes.items(), key=lambda kv: -abs(kv[1]))[:top]:
            if change:
                print(f"{change:+9} {name}")
        print("\nfunctions added or grown:")
        old_d = defaultdict(int)
        for name, size in old.items():
            old_d[demangle(name)] += size
        new_d = defaultdict(int)
        for name, size in new.items():
            new_d[demangle(name)] += size
        grown = {n: new_d[n] - old_d.get(n, 0) for n in new_d}
        for name, change in sorted(grown.items(), key=lambda kv: -kv[1])[:top]:
            if change > 0:
                print(f"{change:+9} {name[:150]}")
        return
    paths = [a for a in argv if a.endswith(".wasm")]
    functions = read(paths[0] if paths else default_module())
    print(f"code: {sum(functions.values())} bytes in {len(functions)} functions\n\nby crate:")
    for name, size in sorted(by_crate(functions).items(), key=lambda kv: -kv[1])[:top]:
        print(f"{size:9} {name}")
    print("\nlargest functions:")
    rows = [(demangle(n), s) for n, s in functions.items()]
    if only:
        rows = [r for r in rows if crate(r[0]) == only]
    for name, size in sorted(rows, key=lambda kv: -kv[1])[:top]:
        print(f"{size:9} {name[:150]}")


if __name__ == "__main__":
    main(sys.argv[1:])
