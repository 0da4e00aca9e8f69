"""One-time and time-limited links for people without a staff account (survey respondents,
mystery shoppers, assessors).

Only a hash of the token is stored, so a copy of the database does not hand out working
links; the plain token exists once, in the message that carries it.

    plain, digest = new_token()
    Invitation.objects.create(token_digest=digest, ...)
    ... Invitation.objects.filter(token_digest=token_digest(plain_from_url))
"""

import hashlib
import secrets

TOKEN_BYTES = 32  # 256 bits: not guessable


def new_token() -> tuple[str, str]:
    plain = secrets.token_urlsafe(TOKEN_BYTES)
    return plain, token_digest(plain)


def token_digest(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()
