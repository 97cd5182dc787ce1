"""Who is using this session: a user named by a trusted reverse proxy, a user signed in with Streamlit's
OIDC login, or the anonymous team space when neither is configured.

- ``PARALLAX_USER_HEADER`` (e.g. ``X-Forwarded-User``) set: the proxy in front of Parallax names the
  user in that header. Off unless set, because anyone who reaches Streamlit directly could send the
  header: Streamlit must then listen on 127.0.0.1 only (README, "Who is who").
- an ``[auth]`` section in ``.streamlit/secrets.toml``: users sign in (``st.login``) and are known by
  their e-mail address (or the provider's subject id).
- neither: one anonymous team space; every collection is shared and the UI says so.
"""

from __future__ import annotations

import os
import unicodedata
from typing import Literal

import streamlit as st

from dashboard.workspace.records import ANONYMOUS, User

ENV_USER_HEADER = "PARALLAX_USER_HEADER"
MAX_USER_CHARS = 200

Mode = Literal["proxy", "login", "anonymous"]


def mode() -> Mode:
    """Return how users are told apart on this server."""
    if os.environ.get(ENV_USER_HEADER, "").strip():
        return "proxy"
    if login_configured():
        return "login"
    return "anonymous"


def login_configured() -> bool:
    """Return True when secrets.toml has an [auth] section (Streamlit's OIDC login)."""
    try:
        return bool(st.secrets.load_if_toml_exists() and "auth" in st.secrets)
    except Exception:  # an unreadable secrets file is "not configured", reported by Streamlit itself
        return False


def header_name() -> str:
    """Return the header the trusted proxy names the user in ("" when not configured)."""
    return os.environ.get(ENV_USER_HEADER, "").strip()


def current_user() -> User | None:
    """Return who is using this session (None: the proxy named nobody, or login is needed first)."""
    how = mode()
    if how == "proxy":
        values = [v.strip() for v in st.context.headers.get_all(header_name()) if v.strip()]
        # Two different values mean the header came from the client as well as the proxy: trust neither.
        if len(set(values)) != 1:
            return None
        name = _clean(values[0])
        return User(name, name) if name else None
    if how == "login":
        if not st.user.get("is_logged_in"):
            return None
        uid = _clean(str(st.user.get("email") or st.user.get("sub") or ""))
        if not uid:
            return None
        return User(uid, _clean(str(st.user.get("name") or "")) or uid)
    return ANONYMOUS


def _clean(value: str) -> str:
    value = "".join(c for c in value if unicodedata.category(c)[0] != "C")
    return " ".join(value.split())[:MAX_USER_CHARS]
