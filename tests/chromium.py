"""Debian's Chromium as the tests and the benchmarks launch it: headless, through
Playwright, never a download (``benchmarks/browser.py`` reads these too)."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]
