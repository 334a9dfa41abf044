#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, made from the sample minutes at fuzz time (no binaries in
the repository): OUT/text and OUT/parser get the minutes as they are, OUT/pdf small PDFs of
their first lines, OUT/docx and OUT/odt the XML parts the DOCX and ODT targets pack into a ZIP
(see indexer/fuzz/*_reader_fuzz.cc), OUT/query queries in the query language.

usage: make_seeds.py MINUTES_DIR OUT_DIR
"""
import pathlib
import sys
from xml.sax.saxutils import escape

PART = "\n--part--\n"
QUERIES = [
    "sprutbyte", "beslut:familjehem kommun:Bräcke", '"våld i nära relation" NEAR/5 kvinnofrid',
    "(missbruk OR beroende) AND NOT alkohol", "sprut* -program +avtal", "datum:2019-01-01..2020-12-31",
    "år:2021 ämne:äldreomsorg", "dnr:KS-2025-00010", 'dnr:"KS 2025/10" rubrik:budget',
    "län:Dalarnas organ:socialnämnden", "datum:2020-09..", "a NEAR b NEAR/2 c", "((x)) OR (y AND z)",
]


def lines_of(path, n):
    text = path.read_text(encoding="utf-8", errors="replace")
    return [line for line in text.splitlines() if line.strip()][:n]


def pdf(pages):
    """A PDF with Helvetica text, one page per list of lines, and a correct xref table."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None,
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for lines in pages:
        ops = ["BT /F1 10 Tf 50 800 Td 12 TL"]
        for line in lines:
            raw = line.encode("cp1252", errors="replace")[:100]
            raw = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            ops.append("(" + raw.decode("latin-1") + ") '")
        ops.append("ET")
        stream = "\n".join(ops)
        objects.append(f"<< /Length {len(stream.encode('latin-1'))} >>\nstream\n{stream}\nendstream")
        objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       f"/Resources << /Font << /F1 3 0 R >> >> /Contents {len(objects)} 0 R >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objects):
        offsets.append(len(out))
        out += f"{i + 1} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_parts(lines):
    """word/document.xml (bold titles, a numbered list, a table, a page break), numbering.xml
    and a header part."""
    body = []
    for i, line in enumerate(lines):
        run = f'<w:r>{"<w:rPr><w:b/></w:rPr>" if i % 7 == 0 else ""}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>'
        ppr = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>' if i % 5 == 1 else ""
        body.append(f"<w:p>{ppr}{run}</w:p>")
        if i == len(lines) // 2:
            body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
            body.append("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Datum</w:t></w:r></w:p></w:tc>"
                        "<w:tc><w:p><w:r><w:tab/><w:t>2023-04-18</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{"".join(body)}</w:body></w:document>'
    numbering = (f'<?xml version="1.0"?><w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
                 '<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="§ %1"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    header = f'<?xml version="1.0"?><w:hdr {W}><w:p><w:r><w:t>{escape(lines[0])}</w:t></w:r></w:p></w:hdr>'
    return document + PART + numbering + PART + header


ODF = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
       'xmlns:fo="urn:oasis:names:xsl-formatting-objects:xmlns:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')


def odt_parts(lines):
    """content.xml (headings, bold spans, a list, a table, a page break) and styles.xml with a
    header on the master page."""
    body = []
    for i, line in enumerate(lines):
        if i % 7 == 0:
            body.append(f'<text:h text:outline-level="2">{escape(line)}</text:h>')
        elif i % 5 == 1:
            body.append(f'<text:list text:style-name="L1"><text:list-item><text:p>{escape(line)}'
                        "</text:p></text:list-item></text:list>")
        else:
            body.append(f'<text:p text:style-name="{"P1" if i % 3 == 0 else "Standard"}">'
                        f'<text:span text:style-name="T1">{escape(line)}</text:span><text:tab/><text:s text:c="3"/></text:p>')
        if i == len(lines) // 2:
            body.append('<text:p text:style-name="PB"/>')
            body.append("<table:table><table:table-row><table:table-cell><text:p>Datum</text:p>"
                        "</table:table-cell><table:table-cell><text:p>2023-04-18</text:p>"
                        "</table:table-cell></table:table-row></table:table>")
    styles_auto = ('<office:automatic-styles><style:style style:name="T1" style:family="text">'
                   '<style:text-properties fo:font-weight="bold"/></style:style>'
                   '<style:style style:name="PB" style:family="paragraph"><style:paragraph-properties '
                   'fo:break-before="page"/></style:style><text:list-style style:name="L1">'
                   '<text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix=")"/>'
                   "</text:list-style></office:automatic-styles>")
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODF}>{styles_auto}'
               f'<office:body><office:text>{"".join(body)}</office:text></office:body></office:document-content>')
    styles = (f'<?xml version="1.0"?><office:document-styles {ODF}><office:styles/>'
              '<office:master-styles><style:master-page style:name="Standard"><style:header>'
              f'<text:p>{escape(lines[0])}</text:p></style:header></style:master-page>'
              "</office:master-styles></office:document-styles>")
    return content + PART + styles


def main():
    minutes, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    for name in ("text", "parser", "pdf", "docx", "odt", "query"):
        (out / name).mkdir(parents=True, exist_ok=True)
    for path in sorted(minutes.glob("*.txt")):
        data = path.read_bytes()
        (out / "text" / path.name).write_bytes(data)
        (out / "parser" / path.name).write_bytes(data)
        lines = lines_of(path, 40)
        (out / "pdf" / (path.stem + ".pdf")).write_bytes(pdf([lines[:20], lines[20:]]))
        (out / "docx" / (path.stem + ".xml")).write_text(docx_parts(lines), encoding="utf-8")
        (out / "odt" / (path.stem + ".xml")).write_text(odt_parts(lines), encoding="utf-8")
    # The other encodings the text reader detects.
    sample = lines_of(sorted(minutes.glob("*.txt"))[0], 30)
    text = "\n".join(sample) + "\n"
    (out / "text" / "utf16le.txt").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    (out / "text" / "utf16be.txt").write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    (out / "text" / "cp1252.txt").write_bytes(text.encode("cp1252", errors="replace"))
    (out / "text" / "pages.txt").write_bytes((text + "\f" + text).encode("utf-8"))
    for i, q in enumerate(QUERIES):
        (out / "query" / f"q{i:02d}.txt").write_text(q, encoding="utf-8")


if __name__ == "__main__":
    main()
