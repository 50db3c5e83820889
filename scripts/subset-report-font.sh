#!/usr/bin/env bash
# Makes credit/Data/fonts/NotoSansCJKsc-Regular-subset.otf, the font of the credit reports' PDF (SIL OFL 1.1, see
# credit/Data/fonts/OFL.txt), from Debian's fonts-noto-cjk: ASCII, Latin-1, general and CJK punctuation, full-width
# forms and every ideograph of U+4E00-U+9FA5 that GBK encodes (20,902). Not part of setup or the tests: the product
# keeps the subset it made; run it again only to change the subset. Needs Debian's fonts-noto-cjk and fonttools (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pyftsubset >/dev/null || apt-get install -y -q fonttools
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || apt-get install -y -q fonts-noto-cjk
unicodes=$(mktemp)
trap 'rm -f "$unicodes"' EXIT
/usr/bin/python3 - "$unicodes" <<'PY'
import sys
ranges = [(0x20, 0x7F), (0xA0, 0x100), (0x2000, 0x2070), (0x3000, 0x3040), (0xFF00, 0xFFF0)]
chars = [c for lo, hi in ranges for c in range(lo, hi)] + [0x2116, 0x25CB, 0x25CF, 0x2713, 0x2717]
chars += [c for c in range(0x4E00, 0xA000) if chr(c).encode('gbk', errors='ignore')]
open(sys.argv[1], 'w').write('\n'.join('U+%04X' % c for c in chars))
PY
# Face 2 of the collection is Noto Sans CJK SC.
pyftsubset /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc --font-number=2 --unicodes-file="$unicodes" \
  --layout-features='' --no-hinting --name-IDs='*' --name-languages='*' \
  --output-file=credit/Data/fonts/NotoSansCJKsc-Regular-subset.otf
