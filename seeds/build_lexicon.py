#!/usr/bin/env python3
"""Build the generated lexicon of currencies and units (seeds/generated/) from maintained data:

- currencies.csv: every current ISO 4217 currency (pycountry) that seeds/units.csv does not list, as a
  unit row (units.csv's columns) so the engine and dim_unit know its code;
- currency_names.csv (lang, surface, code, position, form, source): CLDR currency display names with
  their plural forms and symbols (babel) in each language of the registry, the symbols currencies
  have in their own countries (`₾`, `₭`, `RM`), the ISO codes, and seeds/currency_symbols_manual.csv;
- unit_names.csv (same columns): CLDR unit display names, long, short and narrow, with their plural
  forms, for the units of seeds/units.csv (matched to CLDR's units through pint's conversions), and
  in English pint's own names, symbols and aliases.

`position` says where the surface stands: `after` the figure, `before` it, or `glued` (after it with
nothing between: one-letter symbols, `45g`, `1.0l`). A surface written in capitals in the table
(`AUD`, `RM`) matches only capitals in text (form `code` and letter-only symbols). Surfaces that
would read words as units (`in`, Russian `г` of `2024 г.`) are listed with the reason in
seeds/lexicon_exclusions.csv and left out; a surface two currencies or units share in one language
is left out too (the hand-written language tables decide those). The hand-written tables win over
these rows wherever both have a surface.

The output is the same byte for byte for the same babel, pint and pycountry (their versions are in
every row's source); tests/test_lexicon.py rebuilds it and compares.

    python seeds/build_lexicon.py             # rewrites seeds/generated/*.csv
"""
from __future__ import annotations

import csv
import io
import sys
import unicodedata
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
if __package__ in (None, ""):            # run as a script from a checkout: import the project's modules
    sys.path.insert(0, str(HERE.parent))

import babel   # noqa: E402
import pint   # noqa: E402
import pycountry   # noqa: E402
from babel import Locale, UnknownLocaleError   # noqa: E402
from babel.core import get_cldr_version   # noqa: E402
from babel.localedata import locale_identifiers   # noqa: E402
from babel.numbers import get_territory_currencies   # noqa: E402

from extractors.tables import available_languages   # noqa: E402

OUT = HERE / "generated"
UNIT_COLUMNS = ("code", "dimension", "base_unit", "factor_to_base", "pint_expr", "name", "source")
NAME_COLUMNS = ("lang", "surface", "code", "position", "form", "source")
PLURAL_ORDER = ("zero", "one", "two", "few", "many", "other")
# CLDR unit categories that name no unit of units.csv (and are not worth matching through pint)
SKIPPED_CATEGORIES = ("acceleration", "angle", "concentr", "consumption", "electric", "frequency",
                      "graphics", "light", "torque", "force")
BARE_SIGNS = {"$", "¥", "£", "₩", "¤"}   # signs several currencies share: only the six languages' own reading
# ISO 4217 codes of funds and units of account, which pycountry lists with the currencies
FUND_CODES = {"BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW"}


def cldr() -> str:
    return f"CLDR {get_cldr_version()} via babel {babel.__version__}"


def _read(name: str) -> list[dict]:
    with (HERE / name).open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if not r[next(iter(r))].startswith("#")]


def _plain(data) -> dict:
    try:
        return {k: _plain(v) for k, v in data.items()}
    except AttributeError:
        return data


def _cldr_data(langs: list[str]):
    """(lang, its CLDR data) for each language babel knows (a language it does not know gets none)."""
    for lang in langs:
        try:
            yield lang, Locale.parse(lang)._data
        except (UnknownLocaleError, ValueError):
            continue


# -- currencies ---------------------------------------------------------------------------------------
def iso_currencies(known: set[str]) -> list[dict]:
    """Current ISO 4217 currencies (not funds, metals or test codes: X..) as unit rows."""
    source = f"ISO 4217 via pycountry {version('pycountry')}"
    return [{"code": c.alpha_3, "dimension": "currency", "base_unit": c.alpha_3, "factor_to_base": "1",
             "pint_expr": "", "name": c.name, "source": source}
            for c in sorted(pycountry.currencies, key=lambda c: c.alpha_3)
            if not c.alpha_3.startswith("X") and c.alpha_3 not in known | FUND_CODES]


def home_symbols(codes: set[str]) -> dict[str, list[str]]:
    """Code -> the symbols a currency has in the locales of the countries that use it (`GEL` -> `₾`),
    where the symbol holds a currency sign or is two or more capitals (`RM`)."""
    found: dict[str, set[str]] = {}
    for ident in sorted(locale_identifiers()):
        loc = Locale.parse(ident)
        if not loc.territory:
            continue
        for code in get_territory_currencies(loc.territory):
            symbol = loc.currency_symbols.get(code, code)
            if code in codes and symbol != code and symbol not in BARE_SIGNS and _is_symbol(symbol):
                found.setdefault(code, set()).add(symbol)
    return {code: sorted(s) for code, s in found.items()}


def _is_symbol(symbol: str) -> bool:
    """A symbol with a currency sign (`₾`, `A$`, `GH₵`); letter-only ones (`KM`, `FC`, `DT`) read
    abbreviations as money, so only currency_symbols_manual.csv adds those (`RM`)."""
    return any(unicodedata.category(ch) == "Sc" for ch in symbol) and len(symbol) <= 4


def _symbol_rows(lang: str, symbol: str, code: str, form: str, source: str) -> list[dict]:
    """A symbol stands before the figure; a sign alone (`₾`, `€`) also after it (`5 ₾`), but a sign
    several currencies share (`$`) only before: after a figure it may begin the next price."""
    rows = [_row(lang, symbol, code, "before", form, source)]
    if len(symbol) == 1 and symbol not in BARE_SIGNS:
        rows.append(_row(lang, symbol, code, "after", form, source))
    return rows


def currency_rows(langs: list[str], codes: set[str]) -> list[dict]:
    rows: list[dict] = []
    src = cldr()
    for lang, data in _cldr_data(langs):
        for code in sorted(codes):
            name = data["currency_names"].get(code)
            if name:
                rows.append(_row(lang, name, code, "after", "name", src))
            plural = _plain(data["currency_names_plural"].get(code) or {})
            for cat in PLURAL_ORDER:
                if plural.get(cat):
                    rows.append(_row(lang, plural[cat], code, "after", f"plural-{cat}", src))
            symbol = data["currency_symbols"].get(code)
            if symbol and symbol != code and _is_symbol(symbol):
                rows += _symbol_rows(lang, symbol, code, "symbol", src)
    for code, symbols in home_symbols(codes).items():
        for symbol in symbols:
            for lang in langs:
                rows += _symbol_rows(lang, symbol, code, "home-symbol", src + ": the symbol in its own countries")
    iso = f"ISO 4217 via pycountry {version('pycountry')}"
    for lang in langs:
        for code in sorted(codes):
            rows.append(_row(lang, code, code, "before", "code", iso))
            rows.append(_row(lang, code, code, "after", "code", iso))
    for r in _read("currency_symbols_manual.csv"):
        for lang in langs:
            rows.append(_row(lang, r["surface"], r["code"], r["position"], "manual", "manual: " + r["why"]))
    return rows


# -- units --------------------------------------------------------------------------------------------
def cldr_units(units: list[dict], ureg: pint.UnitRegistry) -> dict[str, str]:
    """CLDR unit key (`length-mile`) -> units.csv code (`mi`): the unit whose pint expression converts
    to the same base quantity as CLDR's unit read by pint (`mile`)."""
    targets = {}
    for u in units:
        if u["pint_expr"] and u["dimension"] not in ("currency",):
            q = ureg.Quantity(1, u["pint_expr"]).to_base_units()
            targets[u["code"]] = (round(q.magnitude, 12), str(q.units))
    mapping = {}
    for key in sorted(_plain(Locale.parse("en")._data["unit_patterns"])):
        category, _, name = key.partition("-")
        if category in SKIPPED_CATEGORIES:
            continue
        expr = _pint_expr(name)
        try:
            q = ureg.Quantity(1, expr).to_base_units()
        except Exception:   # a CLDR unit pint does not know (`duration-quarter`): none of ours then
            continue
        hits = [code for code, t in targets.items() if t == (round(q.magnitude, 12), str(q.units))]
        if len(hits) == 1:
            mapping[key] = hits[0]
    return mapping


def _pint_expr(cldr_name: str) -> str:
    """`kilometer-per-hour` -> `kilometer/hour`, `square-kilometer` -> `kilometer**2`, `metric-ton` -> `metric_ton`."""
    parts = []
    for piece in cldr_name.split("-per-"):
        power = ""
        for word, p in (("square-", "**2"), ("cubic-", "**3")):
            if piece.startswith(word):
                piece, power = piece[len(word):], p
        parts.append(piece.replace("-", "_") + power)
    return "/".join(parts)


def _surface(pattern: str) -> str | None:
    if pattern.count("{0}") != 1:
        return None
    return pattern.replace("{0}", "").strip() or None


def unit_rows(langs: list[str], mapping: dict[str, str], units: list[dict], ureg: pint.UnitRegistry) -> list[dict]:
    rows: list[dict] = []
    src = cldr()
    for lang, data in _cldr_data(langs):
        patterns = _plain(data["unit_patterns"])
        names = _plain(data["unit_display_names"])
        for key, code in sorted(mapping.items()):
            for width in ("long", "short", "narrow"):
                forms = [(f"{width}-{cat}", _surface(patterns.get(key, {}).get(width, {}).get(cat, "")))
                         for cat in PLURAL_ORDER]
                forms.append((f"{width}-name", names.get(key, {}).get(width)))
                for form, surface in forms:
                    if surface:
                        rows.append(_row(lang, surface, code, _position(surface), form, src + f" {key}"))
    if "en" in langs:
        rows += _pint_rows(units, ureg)
    return rows


def _pint_rows(units: list[dict], ureg: pint.UnitRegistry) -> list[dict]:
    """English names, symbols and aliases of pint's definition of each units.csv unit (pint knows no
    plurals: CLDR gives those)."""
    src = f"pint {pint.__version__} registry"
    rows = []
    for u in units:
        expr = u["pint_expr"]
        if not expr or not expr.replace("_", "").isalpha():
            continue
        name = ureg.get_name(expr)
        definition = ureg._units.get(name)
        surfaces = [(name, "name"), (ureg.get_symbol(expr), "symbol")]
        surfaces += [(a, "alias") for a in (definition.aliases if definition else ())]
        for surface, form in surfaces:
            if surface and "_" not in surface and surface.isascii():
                rows.append(_row("en", surface, u["code"], _position(surface), form, src + f" {name}"))
    return rows


def _position(surface: str) -> str:
    return "glued" if len(surface) == 1 and surface.isalpha() else "after"


def _row(lang: str, surface: str, code: str, position: str, form: str, source: str) -> dict:
    return {"lang": lang, "surface": unicodedata.normalize("NFC", surface.replace("\u00a0", " ")),
            "code": code, "position": position, "form": form, "source": source}


# -- filters ------------------------------------------------------------------------------------------
def usable(rows: list[dict]) -> list[dict]:
    """Rows less the excluded surfaces and the surfaces one language gives two codes; one row per
    (lang, surface, position), the first form found."""
    excluded = {(r["lang"], _fold(r["surface"])) for r in _read("lexicon_exclusions.csv")}
    manual = {(r["lang"], _fold(r["surface"])) for r in rows if r["form"] == "manual"}
    codes: dict[tuple[str, str], set[str]] = {}
    for r in rows:
        codes.setdefault((r["lang"], _fold(r["surface"])), set()).add(r["code"])
    kept, seen = [], set()
    for r in rows:
        key = (r["lang"], _fold(r["surface"]))
        if key in manual and r["form"] != "manual":
            continue    # the hand-written row decides (`C$` is the córdoba's too)
        if key in excluded or ("*", key[1]) in excluded or (len(codes[key]) > 1 and key not in manual):
            continue
        once = (key, r["position"], r["surface"] if r["position"] == "glued" else "")   # `l` and `L` both
        if once not in seen:
            seen.add(once)
            kept.append(r)
    return sorted(kept, key=lambda r: (r["lang"], r["code"], r["position"], _fold(r["surface"]), r["surface"]))


def _fold(surface: str) -> str:
    return surface.casefold()


# -- writing ------------------------------------------------------------------------------------------
def build(langs: list[str]) -> dict[str, str]:
    """File name -> CSV text of every generated table."""
    units = _read("units.csv")
    ureg = pint.UnitRegistry()
    known = {u["code"] for u in units}
    currencies = iso_currencies(known)
    codes = {c["code"] for c in currencies} | {u["code"] for u in units if u["dimension"] == "currency"
                                                and u["code"] == u["base_unit"] and "/" not in u["code"]} - FUND_CODES
    # `UZS/kg`: a price per kilogram is no ISO 4217 currency with names of its own
    return {
        "currencies.csv": _csv(UNIT_COLUMNS, currencies),
        "currency_names.csv": _csv(NAME_COLUMNS, usable(currency_rows(langs, codes))),
        "unit_names.csv": _csv(NAME_COLUMNS, usable(unit_rows(langs, cldr_units(units, ureg), units, ureg))),
    }


def _csv(columns: tuple[str, ...], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write(folder: Path, langs: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in build(langs).items():
        (folder / name).write_text(text, encoding="utf-8")


def main() -> None:
    write(OUT, available_languages())
    print(f"wrote {OUT}: " + ", ".join(sorted(p.name for p in OUT.glob("*.csv"))))


if __name__ == "__main__":
    main()
