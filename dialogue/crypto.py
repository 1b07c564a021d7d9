"""Packages and backups encrypted with a passphrase, in the age format (https://age-encryption.org).

age is a standard, documented format with a scrypt-derived key and ChaCha20-Poly1305; a file
written here can be opened with the `age` command (`age -d FILE`) as well as by `dialogue
import`. We use pyrage, the Python binding of the reference Rust implementation.
"""
from __future__ import annotations

AGE_MAGIC = b"age-encryption.org/v1\n"
AGE_ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"

#: a passphrase is held to the same rule as a password
PASSPHRASE_MIN = 12


class PassphraseError(ValueError):
    """The passphrase does not open this file (or the file is damaged)."""


def is_encrypted(blob: bytes) -> bool:
    head = blob[:64].lstrip()
    return head.startswith(AGE_MAGIC) or head.startswith(AGE_ARMOR)


def passphrase_problem(passphrase: str) -> str | None:
    """``None`` when the passphrase may protect a package, else ``length`` or ``guessable``."""
    from .security import password_problem

    return password_problem(passphrase or "")


def encrypt(data: bytes, passphrase: str) -> bytes:
    import pyrage

    return pyrage.passphrase.encrypt(data, passphrase)


def decrypt(blob: bytes, passphrase: str) -> bytes:
    import pyrage

    try:
        return pyrage.passphrase.decrypt(blob, passphrase)
    except Exception as exc:  # pyrage.DecryptError and friends
        raise PassphraseError("wrong passphrase or damaged file") from exc
