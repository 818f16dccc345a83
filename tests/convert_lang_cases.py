"""One-off: converts the Python sentence cases (tests/test_lang_<code>.py, `CASES = [...]` of
`q(...)` and `gap(...)`, as they were up to this commit) into case files (tests/cases/<code>.toml),
keeping the group comments, and checks that every file reads back to the very cases it came from.

    python tests/convert_lang_cases.py [PROJECT_ROOT]

Kept only while branches that still edit tests/test_lang_<code>.py are merged; then removed."""
from __future__ import annotations

import ast
import io
import json
import re
import sys
import tokenize
import tomllib
from pathlib import Path

ROOT = Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
sys.path.insert(0, str(ROOT / "tests"))
from lang_cases import NO_PERIOD, SentenceCase, read_case_file  # noqa: E402
from extractors.units import registry  # noqa: E402

QUALIFIER = {"A": "approximately", "MT": "more_than", "LT": "less_than", "AL": "at_least", "AM": "at_most"}
PUBLISHED = "2025-11-20"


def toml_str(s: str) -> str:
    if '"' in s and "'" not in s and s.isprintable():
        return f"'{s}'"
    return json.dumps(s, ensure_ascii=False)


def number(node, src) -> tuple[str, float]:
    text = ast.get_source_segment(src, node)
    value = ast.literal_eval(node)
    assert tomllib.loads(f"x = {text}")["x"] == value, text
    return text, value


def quantity(call, src):
    """(TOML inline table, the dict q() would have built)."""
    args, kw = call.args, {k.arg: k.value for k in call.keywords}
    vtext, value = number(args[0], src)
    unit = ast.literal_eval(args[1])
    parts, want = [f"value = {vtext}", f"unit = {toml_str(unit)}"], {"value": value, "unit": unit, "qualifier": None}
    if len(args) > 2:
        qual = QUALIFIER[args[2].id] if isinstance(args[2], ast.Name) else ast.literal_eval(args[2])
        if qual is not None:
            parts.append(f"qualifier = {toml_str(qual)}")
        want["qualifier"] = qual
    for key, node in kw.items():
        if key in ("value_max",):
            t, v = number(node, src)
            parts.append(f"{key} = {t}")
            want[key] = v
            continue
        v = ast.literal_eval(node)
        want[key] = v
        if v is None and key == "period":
            parts.append(f'period = "{NO_PERIOD}"')
        elif isinstance(v, list):
            parts.append(f"{key} = [{', '.join(toml_str(x) for x in v)}]")
        else:
            parts.append(f"{key} = {toml_str(v)}")
    if "dimension" not in want and unit in registry():
        want["dimension"] = registry()[unit].dimension
    return "{ " + ", ".join(parts) + " }", want


def header(doc: str, lang: str) -> list[str]:
    doc = re.sub(r",? plus a\s+property test.*", ".", doc, flags=re.S)
    doc = re.sub(r"\s*Uzbek has no num2words oracle:.*", "", doc, flags=re.S)
    lines = [f"# {line}".rstrip() for line in doc.strip().splitlines()]
    return lines + [f"# The format: tests/lang_cases.py. Run: pytest tests/test_language_cases.py -k {lang}-", "",
                    f"published = {PUBLISHED}   # relative periods (last year, this year) resolve against this date"]


def convert(lang: str) -> tuple[str, list]:
    src = (ROOT / f"tests/test_lang_{lang}.py").read_text(encoding="utf-8")
    tree = ast.parse(src)
    cases = next(n for n in tree.body if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name)
                 and n.targets[0].id == "CASES").value
    comments = {}
    for tok in tokenize.generate_tokens(io.StringIO(src).readline):
        if tok.type == tokenize.COMMENT:
            comments[tok.start[0]] = tok.string
    out, want, line = header(ast.get_docstring(tree), lang), [], cases.lineno + 1
    for el in cases.elts:
        block = [comments[n] for n in range(line, el.lineno) if n in comments]
        inline = [comments[n] for n in range(el.lineno, el.end_lineno + 1) if n in comments]
        line = el.end_lineno + 1
        if isinstance(el, ast.Tuple):
            (text_node, exp_node), gap = el.elts, None
        else:
            assert ast.unparse(el.func) == "pytest.param", ast.unparse(el)
            text_node, exp_node = el.args
            marks = {k.arg: k.value for k in el.keywords}
            gap = ast.literal_eval(marks["marks"].args[0]) if "marks" in marks else None
        text = ast.literal_eval(text_node)
        out.append("")
        out.extend(block)
        out.extend(inline)
        out += ["[[case]]", f"text = {toml_str(text)}"]
        if gap:
            out.append(f"gap = {toml_str(gap)}")
        items = [e for e in exp_node.elts if not (isinstance(e, ast.Constant) and e.value is Ellipsis)]
        more = len(items) < len(exp_node.elts)
        pairs = [quantity(e, src) for e in items]
        if not pairs:
            out.append("expect_none = true")
        elif len(pairs) == 1:
            out.append(f"expect = [{pairs[0][0]}]")
        else:
            out += ["expect = ["] + [f"  {p},".rstrip() for p, _ in pairs] + ["]"]
        if more:
            out.append("allow_more = true")
        want.append((text, [w for _, w in pairs] + ([...] if more else []), gap))
    tail = [comments[n] for n in range(line, cases.end_lineno) if n in comments]
    if tail:
        out += [""] + tail
    outside = [c for n, c in comments.items() if n < cases.lineno or n > cases.end_lineno]
    if outside:
        print(f"{lang}: comments outside CASES left behind: {outside}")
    return "\n".join(out) + "\n", want


def main() -> None:
    (ROOT / "tests/cases").mkdir(exist_ok=True)
    for lang in ["tr", "az", "en", "ru", "kk", "uz"]:
        text, want = convert(lang)
        path = ROOT / f"tests/cases/{lang}.toml"
        path.write_text(text, encoding="utf-8")
        got = read_case_file(path)
        assert all(isinstance(c, SentenceCase) for c in got), [c for c in got if not isinstance(c, SentenceCase)][:3]
        assert [(c.text, c.expected, c.gap) for c in got] == want, lang
        assert all(str(c.published) == PUBLISHED for c in got)
        print(f"{lang}: {len(got)} cases, {sum(1 for c in got if c.gap)} gaps -> {path.relative_to(ROOT)}")


main()
