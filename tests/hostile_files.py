"""Files an attacker or a careless user uploads (DESIGN §9): decompression bombs of every
image format we read, Office documents with macros in several disguises, PDFs with
scripts or automatic actions written plainly, hex-escaped or inside compressed object
streams. Built in memory, small, each a valid file of its kind up to what it carries."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from PIL import Image

FIXED_DATE = (2026, 1, 2, 3, 4, 6)
BOMB_SIDE = 30000  # 900 million pixels: ten times Pillow's limit


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width: int = BOMB_SIDE, height: int = BOMB_SIDE) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", pixels)
        + _png_chunk(b"IEND", b"")
    )


def _small(fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (10, 120, 40)).save(buffer, fmt, **options)
    return buffer.getvalue()


def bomb_jpeg(width: int = BOMB_SIDE, height: int = BOMB_SIDE) -> bytes:
    data = bytearray(_small("JPEG"))
    start = data.index(b"\xff\xc0")  # baseline frame header: length, precision, height, width
    data[start + 5 : start + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def bomb_gif(width: int = BOMB_SIDE, height: int = BOMB_SIDE) -> bytes:
    data = bytearray(_small("GIF"))
    data[6:10] = struct.pack("<HH", width, height)  # logical screen
    return bytes(data)


def bomb_webp(width: int = BOMB_SIDE, height: int = BOMB_SIDE) -> bytes:
    """A small lossy frame on an extended-format canvas that claims width × height."""
    plain = _small("WEBP", quality=50)
    frame = plain[12:]  # the "VP8 " chunk
    vp8x = b"VP8X" + struct.pack("<I", 10) + b"\x00\x00\x00\x00"
    vp8x += (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    body = b"WEBP" + vp8x + frame
    return b"RIFF" + struct.pack("<I", len(body)) + body


def bomb_heic(width: int = BOMB_SIDE, height: int = BOMB_SIDE) -> bytes:
    """An iPhone-style HEIC whose image-spatial-extents box claims width × height."""
    import pillow_heif

    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    # 64 × 64: a whole coding block, so no clean-aperture box overrides the extents.
    Image.new("RGB", (64, 64), (10, 120, 40)).save(buffer, "HEIF", quality=50)
    data = bytearray(buffer.getvalue())
    start = data.index(b"ispe") + 8  # box type, version and flags, then width, height
    data[start : start + 8] = struct.pack(">II", width, height)
    return bytes(data)


# -- Office documents ---------------------------------------------------------------------

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WORD_MACRO_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
DOCUMENT_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Báo cáo kết quả</w:t></w:r></w:p></w:body></w:document>"
)
VBA_PROJECT = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504  # an OLE file: the VBA


def _content_types(main: str, extra: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{main}"/>{extra}</Types>'
    )


ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def _zip(parts: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            # A fixed date: the same bytes on every run (and every xdist worker).
            archive.writestr(zipfile.ZipInfo(name, FIXED_DATE), content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def docx(extra_parts: dict | None = None, main: str = WORD_MAIN, types_extra: str = "") -> bytes:
    return _zip(
        {
            "[Content_Types].xml": _content_types(main, types_extra),
            "_rels/.rels": ROOT_RELS,
            "word/document.xml": DOCUMENT_XML,
            **(extra_parts or {}),
        }
    )


def docm() -> bytes:
    """What Word saves as .docm: macro-enabled main part and a VBA project."""
    return docx(
        {"word/vbaProject.bin": VBA_PROJECT},
        main=WORD_MACRO_MAIN,
        types_extra='<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>',
    )


def docx_with_hidden_vba() -> bytes:
    """A plain .docx content type, but a VBA project slipped in under an odd case."""
    return docx({"word/VBAPROJECT.BIN": VBA_PROJECT})


def docx_macro_enabled_type_only() -> bytes:
    return docx(main=WORD_MACRO_MAIN)


def docx_remote_template() -> bytes:
    """A template fetched from the internet when the document opens (a known attack)."""
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
        'Target="http://example.org/t.dotm" TargetMode="External"/></Relationships>'
    )
    return docx({"word/_rels/settings.xml.rels": rels})


def xlsm() -> bytes:
    return _zip(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                '2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="'
                'application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>'
            ),
            "_rels/.rels": ROOT_RELS.replace("word/document.xml", "xl/workbook.xml"),
            "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main"/>',
            "xl/vbaProject.bin": VBA_PROJECT,
        }
    )


def odt_with_basic() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in [
            ("mimetype", "application/vnd.oasis.opendocument.text"),
            ("content.xml", "<office:document-content/>"),
            ("Basic/Standard/Module1.xml", "<script:module/>"),
            ("META-INF/manifest.xml", "<manifest:manifest/>"),
        ]:
            archive.writestr(zipfile.ZipInfo(name, FIXED_DATE), content)
    return buffer.getvalue()


def _ole_entry(name: str, kind: int) -> bytes:
    encoded = (name + "\x00").encode("utf-16-le")
    entry = encoded.ljust(64, b"\x00") + struct.pack("<HBB", len(encoded), kind, 1)
    return entry.ljust(128, b"\x00")


def ole_doc(with_macros: bool) -> bytes:
    """A Word 97-2003 .doc: OLE header, the WordDocument stream, then the directory."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".ljust(512, b"\x00")
    word_document = b"\xec\xa5\xc1\x00".ljust(512, b"\x00")
    entries = [_ole_entry("Root Entry", 5), _ole_entry("WordDocument", 2)]
    if with_macros:
        entries += [_ole_entry("Macros", 1), _ole_entry("VBA", 1)]
    directory = b"".join(entries).ljust(512, b"\x00")
    return header + word_document + directory


# -- PDF ----------------------------------------------------------------------------------


def pdf(*objects: bytes, catalog_extra: bytes = b"") -> bytes:
    """A one-page PDF; `objects` are numbered from 4 on, `catalog_extra` joins the catalog."""
    body = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        *objects,
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, content in enumerate(body, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(body) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(body) + 1, xref)
    return bytes(out)


def pdf_with_object_stream(hidden: bytes) -> bytes:
    """`hidden` (object 5) packed in a Flate-compressed object stream (object 4)."""
    content = b"5 0 " + hidden
    packed = zlib.compress(content)
    stream = (
        b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(packed)
        + packed
        + b"\nendstream"
    )
    # Nothing outside the stream names the action: the catalog only points at it.
    return pdf(stream, catalog_extra=b"/Outlines 5 0 R")


CLEAN_PDF = pdf(
    b"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] "
    b"/A << /S /URI /URI (https://example.org/) >> >>"
)
ACTIVE_PDFS = {
    "javascript-open-action": pdf(
        b"<< /S /JavaScript /JS (app.alert(1)) >>", catalog_extra=b"/OpenAction 4 0 R"
    ),
    "page-additional-action": pdf(b"<< /O << /S /JavaScript /JS (x) >> >>"),
    "aa-only": pdf(catalog_extra=b"/AA << /WC 4 0 R >>"),
    "launch": pdf(b"<< /S /Launch /F (cmd.exe) >>", catalog_extra=b"/OpenAction 4 0 R"),
    "embedded-file": pdf(
        b"<< /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >>",
        b"<< /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >>",
        b"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream",
        catalog_extra=b"/Names 4 0 R",
    ),
    "hex-escaped": pdf(
        b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>", catalog_extra=b"/Open#41ction 4 0 R"
    ),
    "rich-media": pdf(b"<< /Type /Annot /Subtype /RichMedia >>"),
    "xfa-form": pdf(b"<< /Fields [] /XFA 5 0 R >>", catalog_extra=b"/AcroForm 4 0 R"),
    "in-object-stream": pdf_with_object_stream(b"<< /S /JavaScript /JS (app.alert(1)) >>"),
    "hex-escaped-in-object-stream": pdf_with_object_stream(b"<< /S /L#61unch /F (cmd.exe) >>"),
}
