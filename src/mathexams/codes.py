"""Exam codes printed on paper: keyed hashes that nobody holding a paper can trace to the seed.

A code is the version letter plus five base-32 characters of HMAC-SHA256 over the exam id and
version, keyed by random bytes drawn for each build and kept only in the exam record
(manifest.json). Without that key a code says nothing about the master seed, so a student
cannot search the seeds for the one that prints their paper and then print its key.
Imports nothing from the package.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

KEY_BYTES = 32
CODE_PATTERN = re.compile(r"^([A-Z]{1,2})-[A-Z2-7]{5}$")
VERSION_PATTERN = re.compile(r"^[A-Z]{1,2}$")


def new_code_key() -> bytes:
    """Fresh random bytes to key one exam's codes."""
    return secrets.token_bytes(KEY_BYTES)


def exam_code(exam_id: str, version: str, key: bytes) -> str:
    """The code printed on every page of one version, e.g. 'B-K3QXM'."""
    digest = hmac.new(key, f"{exam_id}/{version}".encode(), hashlib.sha256).digest()
    return f"{version}-{base64.b32encode(digest).decode()[:5]}"
