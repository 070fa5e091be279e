"""``icws-simulator``: run the ICWS simulator until interrupted."""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from ..examples import first_suite
from ..version import __version__
from .scenario import ScenarioError, shipped_scenarios
from .server import ICWSSimulator
from .wire import Request, Response


def log_request(request: Request, response: Response) -> None:
    """One line per answered request on stderr: never headers or bodies, which hold secrets."""
    print(
        f"{request.local_address} {request.method} {request.path} -> {response.status}",
        file=sys.stderr,
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="icws-simulator",
        description="Serve a simulated Genesys CIC ICWS API for tests.",
    )
    parser.add_argument(
        "--port", type=int, default=8018, help="port (default: %(default)s; 0 picks a free one)"
    )
    parser.add_argument("--host", help="address of the first host (default: the scenario's)")
    parser.add_argument(
        "--scenario", help="scenario file (JSON or TOML), or the name of a shipped scenario"
    )
    parser.add_argument(
        "--list-scenarios", action="store_true", help="list the shipped scenarios and exit"
    )
    parser.add_argument(
        "--example", action="store_true", help="print a first-steps Robot suite and exit"
    )
    parser.add_argument(
        "--docs",
        metavar="DIR",
        help="write the keyword documentation (ICWSLibrary.html, Simulator.html) and exit",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--replay", metavar="RECORDING", help="serve a recording instead")
    parser.add_argument("--certfile", help="serve HTTPS with this certificate (PEM)")
    parser.add_argument("--keyfile", help="the certificate's private key (PEM)")
    parser.add_argument(
        "--verbose", action="store_true", help="log each request and its status to stderr"
    )
    parser.add_argument(
        "--console",
        action="store_true",
        help="serve a live page of the contact center at /console (for people, not ICWS)",
    )
    args = parser.parse_args(argv)
    if args.example:
        print(first_suite(), end="")
        return 0
    if args.docs:
        from ..docs import write_html  # Libdoc is only needed here

        for page in write_html(args.docs):
            print(page)
        return 0
    if args.list_scenarios:
        for name, description in shipped_scenarios().items():
            print(f"{name:20} {description}")
        return 0
    stop = threading.Event()
    # Installed before listening, so a SIGTERM that arrives early still stops cleanly.
    # Python allows signal handlers in the main thread only (main() may run embedded).
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        simulator = ICWSSimulator(
            args.scenario,
            host=args.host,
            port=args.port,
            replay=args.replay,
            certfile=args.certfile,
            keyfile=args.keyfile,
            on_request=log_request if args.verbose else None,
            console=args.console,
        )
        simulator.start()
    except (ScenarioError, ValueError) as error:
        print(f"icws-simulator: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(
            f"icws-simulator: cannot listen on port {args.port}: {error.strerror}", file=sys.stderr
        )
        return 1
    print(f"ICWS simulator listening on {simulator.url}", flush=True)
    if simulator.console:
        print(f"  console: {simulator.url}/console", flush=True)
    for address, url in simulator.urls.items():
        if url != simulator.url:
            print(f"  also serving host {address} on {url}", flush=True)
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        simulator.stop()
    return 0
