from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

ACCEPTED_SUFFIXES = (".json", ".zip", ".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ",".join(ACCEPTED_SUFFIXES)})
        )
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self, data: object, initial: object = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class WireUploadForm(forms.Form):
    wire_files = MultipleFileField(
        label="Wire files",
        help_text="ninjs JSON files with the pictures they refer to, or a .zip of a delivery "
        "folder. Relative picture paths are resolved inside the upload.",
    )

    def clean_wire_files(self) -> list[UploadedFile]:
        files: list[UploadedFile] = self.cleaned_data["wire_files"]
        names = [f.name or "" for f in files]
        wrong = [n for n in names if not n.lower().endswith(ACCEPTED_SUFFIXES)]
        if wrong:
            raise forms.ValidationError(
                "These files are not ninjs JSON, pictures or zip archives: %(names)s.",
                params={"names": ", ".join(wrong)},
            )
        if not any(n.lower().endswith((".json", ".zip")) for n in names):
            raise forms.ValidationError("Add at least one .json file (or a .zip containing them).")
        if sum(f.size or 0 for f in files) > settings.WIRE_MAX_UPLOAD_BYTES:
            limit = settings.WIRE_MAX_UPLOAD_BYTES // (1024 * 1024)
            raise forms.ValidationError(
                f"The upload is larger than {limit} MB; use `manage.py ingest` on the server."
            )
        return files
