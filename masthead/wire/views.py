"""The wire upload screen in the admin: drop ninjs files, see one line per item."""

from __future__ import annotations

import dataclasses
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from masthead.wire.actions import IngestResult, check_can_ingest, ingest_paths
from masthead.wire.forms import WireUploadForm
from masthead.wire.models import WireItem

SESSION_KEY = "wire_upload_results"


class UploadRefused(Exception):
    """The upload as a whole cannot be ingested; the message tells the editor why."""


def upload(request: HttpRequest) -> HttpResponse:
    check_can_ingest(request.user)
    form = WireUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            results = _ingest_upload(form.cleaned_data["wire_files"], request)
        except UploadRefused as exc:
            form.add_error("wire_files", str(exc))
        else:
            request.session[SESSION_KEY] = [dataclasses.asdict(r) for r in results]
            failed = sum(not r.ok for r in results)
            if failed:
                messages.error(request, f"{failed} of {len(results)} items did not go in.")
            else:
                messages.success(request, f"All {len(results)} items handled.")
            return redirect("wire_upload")
    results = [IngestResult(**r) for r in request.session.pop(SESSION_KEY, [])]
    return TemplateResponse(
        request,
        "wire/upload.html",
        {
            "form": form,
            "results": results,
            "recent": WireItem.objects.select_related("page", "agency")[:20],
        },
    )


def _ingest_upload(files: list[UploadedFile], request: HttpRequest) -> list[IngestResult]:
    """Lay the upload out as a delivery folder and ingest it; sources are named within it."""
    with tempfile.TemporaryDirectory(prefix="wire-") as tmp:
        root = Path(tmp)
        _unpack(files, root)
        results = ingest_paths([root], user=request.user)
    if not results:
        raise UploadRefused("The upload holds no .json wire items; nothing was ingested.")
    return [dataclasses.replace(r, source=r.source.replace(f"{root}/", "")) for r in results]


def _unpack(files: list[UploadedFile], root: Path) -> None:
    for upload in files:
        name = Path(upload.name or "upload").name
        if name.lower().endswith(".zip"):
            _extract(upload, root / Path(name).stem)
        else:
            with (root / name).open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)


def _extract(upload: UploadedFile, target: Path) -> None:
    """Unzip, refusing members that would land outside the target (zip-slip)."""
    try:
        archive = zipfile.ZipFile(upload)
    except zipfile.BadZipFile:
        raise UploadRefused(f"{upload.name} is not a readable zip archive.") from None
    with archive:
        if sum(m.file_size for m in archive.infolist()) > 4 * settings.WIRE_MAX_UPLOAD_BYTES:
            raise UploadRefused(f"{upload.name} unpacks to more than the upload limit allows.")
        for member in archive.infolist():
            destination = (target / member.filename).resolve()
            if not destination.is_relative_to(target.resolve()):
                raise UploadRefused(
                    f"{upload.name} has a file outside its folder: {member.filename}"
                )
        archive.extractall(target)
