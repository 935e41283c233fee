"""What no upload may carry (DESIGN §9), for every upload path: evidence
(directives_app.compliance.uploads), incident screenshots
(conduct_app.incidents.screenshots), the importer's .docx. Each check raises
ValidationError with a Vietnamese message; callers turn it into a 400 and store nothing.

- Images: `open_image` opens with Pillow's decompression-bomb limit as an error (also the
  warning band between the limit and twice it) and turns any decoder failure into a refusal.
- Office documents: macros (a VBA project in an OOXML package, whatever its name says;
  OpenDocument Basic or scripts; a VBA storage in an old OLE .doc/.xls) and templates or
  objects fetched from elsewhere (`TargetMode="External"` attachedTemplate/oleObject).
- PDF: names that run or carry something (`/JavaScript`, `/JS`, `/OpenAction`, `/AA`,
  `/Launch`, `/EmbeddedFile(s)`, `/RichMedia`, `/XFA`, `/SubmitForm`, `/ImportData`,
  `/GoToE`), written plainly, hex-escaped (`/J#61vaScript`) or inside compressed object
  streams. Encrypted PDFs cannot be checked and are refused too.

The PDF and OLE checks are scans of the file's structure, not a full parser: they refuse
rather than guess (an object stream that cannot be decoded is refused).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import logging
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image

logger = logging.getLogger(__name__)

# --- images ----------------------------------------------------------------------------


@contextlib.contextmanager
def open_image(
    file: BinaryIO,
    name: str,
    max_pixels: int | None = None,
    unreadable: ValidationError | None = None,
) -> Iterator[Image.Image]:
    """Pillow's Image.open, refusing decompression bombs and undecodable files (with
    `unreadable` when the caller has its own message for those).

    Everything done with the image inside the `with` block is guarded too: a decoder error
    while loading or re-encoding is a refusal, never a 500.
    """
    limit = min(max_pixels or Image.MAX_IMAGE_PIXELS, Image.MAX_IMAGE_PIXELS)
    bomb = ValidationError(
        _(
            "Ảnh “%(name)s” khai báo kích thước quá lớn (trên %(max)d triệu điểm ảnh): có thể "
            "là tệp độc hại. Hãy chụp hoặc xuất lại ảnh với kích thước nhỏ hơn."
        )
        % {"name": name, "max": limit // 1_000_000},
        code="image_bomb",
    )
    broken = unreadable or ValidationError(
        _("Ảnh “%(name)s” bị hỏng hoặc không đọc được.") % {"name": name},
        code="image_broken",
    )
    file.seek(0)
    with warnings.catch_warnings():
        # Between the limit and twice it Pillow only warns: make that a refusal too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(file) as image:
                width, height = image.size
                if width * height > limit:
                    raise bomb
                yield image
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise bomb from None
        except Exception as error:  # any decoder failure on untrusted bytes is a bad file
            logger.info("image refused: %s: %r", name, error)
            raise broken from error


# --- Office documents ------------------------------------------------------------------

OOXML_TYPES = {"docx", "xlsx", "pptx"}
ODF_TYPES = {"odt", "ods"}
OLE_TYPES = {"doc", "xls"}
MACRO_PARTS = ("vbaproject.bin", "vbadata.xml", "vbaprojectsignature.bin")
MAX_XML_BYTES = 2 * 1024 * 1024
RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>", re.IGNORECASE)
# Relationship types that make Word or Excel fetch and run a part from elsewhere.
FETCHED_TYPES = (b"attachedtemplate", b"oleobject", b"subdocument", b"frame")
# Names of the storages and streams of a VBA project inside an OLE compound file.
OLE_MACRO_NAMES = {"macros", "_vba_project_cur", "vba", "_vba_project"}


def _macro_error(name: str) -> ValidationError:
    return ValidationError(
        _(
            "Tệp “%(name)s” chứa macro hoặc nội dung tự chạy, không được nhận làm minh chứng. "
            "Hãy lưu lại thành tệp không có macro (.docx, .xlsx, .pptx) hoặc xuất ra PDF."
        )
        % {"name": name},
        code="macro",
    )


def check_office(file: BinaryIO, extension: str, name: str) -> None:
    """Refuse an Office document that carries macros or pulls content from elsewhere."""
    file.seek(0)
    if extension in OLE_TYPES:
        if _ole_has_macros(file.read()):
            raise _macro_error(name)
        return
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            names = [entry.filename.replace("\\", "/").lower() for entry in entries]
            if any(part.endswith(MACRO_PARTS) for part in names):
                raise _macro_error(name)
            if extension in ODF_TYPES and any(
                part.startswith(("basic/", "scripts/")) for part in names
            ):
                raise _macro_error(name)
            for entry in entries:
                lowered = entry.filename.lower()
                if lowered == "[content_types].xml" or lowered.endswith(".rels"):
                    text = _read_small(archive, entry)
                    if b"macroenabled" in text.lower() or b"vbaproject" in text.lower():
                        raise _macro_error(name)
                    if _fetches_external(text):
                        raise _macro_error(name)
    except ValidationError:
        raise
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as error:
        raise ValidationError(
            _("Tệp “%(name)s” bị hỏng (không đọc được tệp nén của Office).") % {"name": name},
            code="office_broken",
        ) from error
    finally:
        file.seek(0)


def _fetches_external(rels: bytes) -> bool:
    for element in RELATIONSHIP.findall(rels):
        lowered = element.lower()
        kind = re.search(rb'type="([^"]*)"', lowered)
        if b'targetmode="external"' in lowered and kind and kind.group(1).endswith(FETCHED_TYPES):
            return True
    return False


def _read_small(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    if entry.file_size > MAX_XML_BYTES:
        raise ValueError("part too large")
    with archive.open(entry) as part:
        return part.read(MAX_XML_BYTES + 1)


def _ole_has_macros(data: bytes) -> bool:
    """A VBA storage among the directory entries of an OLE compound file (.doc, .xls).

    Directory entries are 128 bytes, aligned on 128 within sectors: a UTF-16LE name of up
    to 31 characters, its length in bytes (with the terminator) at 64, its type at 66
    (1 storage, 2 stream). Reading every aligned slot finds them without walking the FAT,
    and a false match would need that exact layout around one of these names.
    """
    for offset in range(512, len(data) - 127, 128):
        length = int.from_bytes(data[offset + 64 : offset + 66], "little")
        kind = data[offset + 66]
        if kind not in (1, 2) or not 2 < length <= 64 or length % 2:
            continue
        try:
            entry = data[offset : offset + length - 2].decode("utf-16-le")
        except UnicodeDecodeError:
            continue
        if entry.lower() in OLE_MACRO_NAMES:
            return True
    return False


# --- PDF ---------------------------------------------------------------------------------

PDF_ACTIVE_NAMES = frozenset(
    {
        "JavaScript",
        "JS",
        "OpenAction",
        "AA",
        "Launch",
        "EmbeddedFile",
        "EmbeddedFiles",
        "RichMedia",
        "XFA",
        "SubmitForm",
        "ImportData",
        "GoToE",
    }
)
PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]*)")
PDF_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
PDF_STREAM = re.compile(rb"\bstream(?:\r\n|\n|\r)(.*?)endstream", re.DOTALL)
# Decoded object streams, all together, may not exceed this (a zip bomb in a PDF).
MAX_DECODED_BYTES = 64 * 1024 * 1024


def _names(data: bytes) -> set[str]:
    return {
        PDF_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw).decode("latin-1")
        for raw in PDF_NAME.findall(data)
    }


def check_pdf(file: BinaryIO, name: str) -> None:
    """Refuse a PDF with JavaScript, automatic actions, embedded files or XFA forms."""
    file.seek(0)
    data = file.read()
    file.seek(0)
    unreadable = ValidationError(
        _(
            "Tệp PDF “%(name)s” được mã hoá hoặc nén theo cách không kiểm tra được. Hãy bỏ "
            "mật khẩu hoặc in lại ra PDF rồi gửi tệp mới."
        )
        % {"name": name},
        code="pdf_unreadable",
    )
    # The dictionaries outside streams: the usual place of actions and the catalogue.
    outside = PDF_STREAM.sub(b" ", data)
    found = _names(outside)
    if "Encrypt" in found:
        raise unreadable
    # Objects packed in compressed object streams (PDF 1.5+) are dictionaries too.
    budget = MAX_DECODED_BYTES
    for match in PDF_STREAM.finditer(data):
        head = data[max(0, match.start() - 2048) : match.start()]
        head = head[head.rfind(b"obj") + 3 :] if b"obj" in head else head
        head_names = _names(head)
        if "ObjStm" not in head_names:
            continue
        decoded = _decode_stream(match.group(1), head_names, budget)
        if decoded is None:
            raise unreadable
        budget -= len(decoded)
        found |= _names(decoded)
    hits = sorted(found & PDF_ACTIVE_NAMES)
    if hits:
        raise ValidationError(
            _(
                "Tệp PDF “%(name)s” chứa mã tự chạy, hành động tự động hoặc tệp đính kèm bên "
                "trong (%(found)s), không được nhận làm minh chứng. Hãy in lại ra PDF "
                "(“Print to PDF”) rồi gửi tệp mới."
            )
            % {"name": name, "found": ", ".join(f"/{hit}" for hit in hits)},
            code="pdf_active",
        )


def _decode_stream(raw: bytes, filters: set[str], budget: int) -> bytes | None:
    """An object stream's bytes under the filters its dictionary names; None if unknown."""
    known = {"FlateDecode", "Fl", "ASCIIHexDecode", "AHx", "ASCII85Decode", "A85"}
    unknown = {"LZWDecode", "LZW", "RunLengthDecode", "RL", "Crypt", "DecodeParms", "DP"}
    if filters & unknown:
        return None
    data = raw
    # Text encodings come before compression when both are present ([/A85 /Fl]).
    try:
        if filters & {"ASCIIHexDecode", "AHx"}:
            data = binascii.unhexlify(re.sub(rb"\s|>.*", b"", data, flags=re.DOTALL))
        if filters & {"ASCII85Decode", "A85"}:
            data = base64.a85decode(data.strip().removesuffix(b"~>"), adobe=False)
        if filters & {"FlateDecode", "Fl"}:
            inflater = zlib.decompressobj()
            data = inflater.decompress(data, budget + 1)
            if len(data) > budget:
                return None
    except (ValueError, zlib.error, binascii.Error):
        return None
    if not filters & known and not data.lstrip()[:1].isdigit():
        return None
    return data


# --- dispatch ----------------------------------------------------------------------------


def check_document(file: BinaryIO, extension: str, name: str) -> None:
    """Refuse active content in a document of the given (content-detected) type."""
    if extension == "pdf":
        check_pdf(file, name)
    elif extension in OOXML_TYPES | ODF_TYPES | OLE_TYPES:
        check_office(file, extension, name)


def pdf_is_active(file: BinaryIO) -> bool:
    """For files stored before these checks: may this PDF be shown inline?"""
    try:
        check_pdf(file, "")
    except ValidationError:
        return True
    return False
