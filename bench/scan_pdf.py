#!/usr/bin/env python3
"""Makes scanned copies of minutes: text typeset to PDF, rasterised, wrapped as image PDFs.

  scan_pdf.py OUT_DIR FILE.txt... [--dpi 200] [--keep-typed]

Each text file (pages split at form feeds, or every 64 lines; lines wrapped at 85
characters) is typeset in Courier 10 pt on A4 with WinAnsi encoding (Swedish letters), rasterised with `pdftoppm` (poppler-utils) and
wrapped page by page with `img2pdf`: a PDF with no text layer, as a scanner makes it. A PDF
given is rasterised as it is, in its own layout (a scan of a real protocol). Writes
OUT_DIR/NAME.pdf (the scan) and, with --keep-typed, OUT_DIR/NAME.typed.pdf.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

LINES_A_PAGE = 64


def pdf_string(line):
    out = []
    for ch in line.encode("cp1252", errors="replace"):
        if ch in b"()\\":
            out.append("\\" + chr(ch))
        elif ch < 32 or ch > 126:
            out.append("\\%03o" % ch)
        else:
            out.append(chr(ch))
    return "".join(out)


def typeset(pages):
    """A PDF of the pages (lists of lines) in Courier 10 pt."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None,
               "<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>"]
    kids = []
    for lines in pages:
        stream = ["BT /F1 10 Tf 12 TL 40 800 Td"]
        for line in lines:
            stream.append("(%s) Tj T*" % pdf_string(line.expandtabs(8)))
        stream.append("ET")
        data = "\n".join(stream) + "\n"
        objects.append("<< /Length %d >>\nstream\n%sendstream" % (len(data.encode("latin-1")), data))
        objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       "/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % len(objects))
        kids.append("%d 0 R" % len(objects))
    objects[1] = "<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join(kids), len(kids))
    pdf = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objects):
        offsets.append(len(pdf))
        pdf += ("%d 0 obj\n%s\nendobj\n" % (i + 1, obj)).encode("latin-1")
    xref = len(pdf)
    pdf += ("xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)).encode()
    for off in offsets:
        pdf += ("%010d 00000 n \n" % off).encode()
    pdf += ("trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, xref)).encode()
    return pdf


def wrap(line, width=85):
    """A line cut into lines of at most width characters at spaces (Courier 10 pt fills A4's
    width with about 86)."""
    line = line.expandtabs(8)
    out = []
    while len(line) > width:
        cut = line.rfind(" ", 0, width)
        cut = cut if cut > 0 else width
        out.append(line[:cut])
        line = line[cut:].lstrip(" ")
    out.append(line)
    return out


def pages_of(text):
    pages = []
    for chunk in text.split("\f"):
        lines = [part for line in chunk.split("\n") for part in wrap(line)]
        for i in range(0, max(len(lines), 1), LINES_A_PAGE):
            pages.append(lines[i:i + LINES_A_PAGE])
    return [p for p in pages if any(l.strip() for l in p)]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("files", nargs="+")
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--keep-typed", action="store_true")
    a = ap.parse_args(argv)
    for tool in ("pdftoppm", "img2pdf"):
        if not shutil.which(tool):
            print(f"scan_pdf: {tool} not found (apt-get install poppler-utils img2pdf)", file=sys.stderr)
            return 1
    os.makedirs(a.out_dir, exist_ok=True)
    for path in a.files:
        name = os.path.splitext(os.path.basename(path))[0]
        if path.endswith(".pdf"):
            with open(path, "rb") as f:
                typed = f.read()
        else:
            with open(path, encoding="utf-8") as f:
                typed = typeset(pages_of(f.read()))
        with tempfile.TemporaryDirectory() as tmp:
            typed_path = os.path.join(tmp, "typed.pdf")
            with open(typed_path, "wb") as f:
                f.write(typed)
            subprocess.run(["pdftoppm", "-r", str(a.dpi), "-gray", "-png", typed_path,
                            os.path.join(tmp, "p")], check=True)
            images = sorted(os.path.join(tmp, x) for x in os.listdir(tmp) if x.endswith(".png"))
            subprocess.run(["img2pdf", "-o", os.path.join(a.out_dir, name + ".pdf")] + images,
                           check=True)
            if a.keep_typed:
                shutil.copy(typed_path, os.path.join(a.out_dir, name + ".typed.pdf"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
