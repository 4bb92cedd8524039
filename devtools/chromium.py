"""Debian's Chromium as the tests and the benchmarks launch it: headless, through
Playwright, never a download. One set of settings, so a benchmark times the browser the
tests check."""

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
