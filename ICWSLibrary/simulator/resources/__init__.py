"""One component per ICWS feature over the shared server state.

Each component lists its routes: ``(method, path pattern, handler, needs_session)``; the
pattern matches the path after ``/icws/`` (sessionless) or after ``/icws/{sessionId}/``.
A handler with a session is called ``handler(request, session, *path_groups)``.
"""
