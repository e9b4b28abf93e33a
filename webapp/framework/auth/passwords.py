"""Password hashing (argon2id) and the minimum password policy."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
MIN_LENGTH = 10
# A short deny-list of the passwords every breach corpus starts with.
COMMON_PASSWORDS = frozenset({
    "password", "password1", "password12", "password123", "1234567890", "12345678910", "qwertyuiop",
    "qwerty1234", "iloveyou12", "letmein123", "welcome123", "admin12345", "abc1234567", "passw0rd12",
    "0123456789", "1q2w3e4r5t", "football12", "monkey1234", "dragon1234", "sunshine12", "orion12345",
})


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    if not stored_hash:
        return False
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


def password_problem(password: str) -> str | None:
    """A reason to refuse this new password, or None."""
    if len(password) < MIN_LENGTH:
        return "too_short"
    if password.lower() in COMMON_PASSWORDS:
        return "too_common"
    return None
