"""``icws-simulator``: run the ICWS simulator until interrupted."""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from .scenario import ScenarioError
from .server import ICWSSimulator


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="icws-simulator",
        description="Serve a simulated Genesys CIC ICWS API for tests.",
    )
    parser.add_argument("--port", type=int, default=8018, help="port (0 picks a free one)")
    parser.add_argument("--host", help="address of the first host (default: the scenario's)")
    parser.add_argument("--scenario", help="scenario file (JSON or TOML)")
    parser.add_argument("--replay", metavar="RECORDING", help="serve a recording instead")
    parser.add_argument("--certfile", help="serve HTTPS with this certificate (PEM)")
    parser.add_argument("--keyfile", help="the certificate's private key (PEM)")
    args = parser.parse_args(argv)
    try:
        simulator = ICWSSimulator(
            args.scenario,
            host=args.host,
            port=args.port,
            replay=args.replay,
            certfile=args.certfile,
            keyfile=args.keyfile,
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
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print(f"ICWS simulator listening on {simulator.url}", flush=True)
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
