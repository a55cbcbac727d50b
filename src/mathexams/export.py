"""`mathexams export MANIFEST --format F`: render outputs of an existing exam from its record
into the exam's folder, and list them in the record.

The exams come from the record's own texts and answers (`record.recorded_exams`), so an export
made later has the bytes an export made at build time had. Writing follows the build's rules:
everything is rendered first, written into a hidden staging folder, then moved into place; an
existing output is replaced only with `force`, the folder's lock is held throughout, and the
manifest is rewritten atomically to list the new files.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from .build import output_digests, place_inside
from .errors import MathExamsError
from .outdir import OutputExists, target_lock, write_text_atomically
from .record import read_record, record_json, recorded_exams, with_files
from .render import RenderOptions, expand_formats, render_outputs, renderer_named


def export_exam(manifest: Path, formats: Sequence[str], *, force: bool = False) -> list[Path]:
    """Write the named outputs beside `manifest`; the paths written."""
    manifest = Path(manifest)
    record = read_record(manifest)
    outputs = expand_formats(formats)
    typeset = [name for name in outputs if renderer_named(name).pdf]
    if typeset:
        raise MathExamsError(f"{', '.join(typeset)}: LaTeX outputs come from `mathexams regen {manifest}`, "
                             "not from export")
    folder = manifest.resolve().parent
    files = render_outputs(recorded_exams(record), outputs, RenderOptions())
    tops = sorted({PurePosixPath(path).parts[0] for path in files})
    with target_lock(folder):
        taken = [top for top in tops if os.path.lexists(folder / top)]
        if taken and not force:
            raise OutputExists(f"{folder}: {', '.join(taken)} already there; pass --force to replace")
        staging = Path(tempfile.mkdtemp(prefix=".export-", dir=folder))
        try:
            for path, data in files.items():
                destination = place_inside(staging, path)
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(data)
            for top in tops:
                old = folder / top
                if os.path.lexists(old):
                    if old.is_dir() and not old.is_symlink():
                        shutil.rmtree(old)
                    else:
                        old.unlink()
                os.rename(staging / top, old)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        write_text_atomically(manifest, record_json(with_files(record, output_digests(files))), force=True)
    return [folder / path for path in sorted(files)]
