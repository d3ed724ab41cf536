#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Groups a `perf record -g` profile of aicarpoold by the stage of a relay request.

    bench/profile-groups.py perf.data path/to/aicarpoold [--top N]

Reads `perf script` output, resolves the daemon's own frames with `nm` (perf's own resolution of
the daemon's symbols can fail on large debug builds) and attributes every sample to the innermost
frame of the call chain that belongs to a known stage (HTTP parsing, key lookup, ...). Samples
with no such frame are "event loop and other". Prints the groups and the top self symbols.
"""
import bisect
import collections
import re
import subprocess
import sys

# Innermost match wins, so more specific stages come first in each chain walk.
GROUPS = [
    ("spool write (Ledger::record)", r"^(Ledger::record|Spool::append|UsageRecord::toSpoolLine)"),
    ("ledger thread (SQLite batches)", r"^(Ledger::run|Ledger::takeBatch|UsageRepository::|sqlite3)"),
    ("usage recording (summary, price, attempt log)", r"^(UsageRecorder::|RelayExchange::finish\b|RelayExchange::endAttempt)"),
    ("key lookup (auth)", r"^(RelayService::authenticate|RelayService::presentedKey|Crypto::sha256)"),
    ("routing", r"^(RoutingService::|AccountRouter::|HealthBoard::|StickySessions::)"),
    ("curl easy setup/teardown", r"^(UpstreamClient::start|UpstreamClient::release|curl_easy_init|curl_easy_cleanup|Curl_close|Curl_open)"),
    ("upstream request build (translation, headers)", r"^(UpstreamAttempt::prepare|UpstreamAttempt::UpstreamAttempt|RelayExchange::routeAndStart|UpstreamDialect|AnthropicDialect)"),
    ("request JSON parsing", r"^(QJsonDocument::fromJson|QJsonPrivate::Parser)"),
    ("response body (usage reading, answer)", r"^(UpstreamAttempt::finishBody|UpstreamAttempt::appendBody|RelayExchange::onData|RelayExchange::finishNonStreaming|AnthropicUsageTracker|RelayExchange::onHeaders|UpstreamClient::headerCallback|UpstreamClient::writeCallback)"),
    ("response writing (HttpResponder)", r"^(HttpResponder::|HttpConnection::writeData|HttpConnection::finishResponse)"),
    ("HTTP parsing (HttpConnection)", r"^(HttpConnection::|HttpRouter::|HttpRequest::)"),
    ("relay setup (RelayService::relay)", r"^(RelayService::relay|RelayExchange::RelayExchange|RelayExchange::start)"),
    ("upstream socket I/O (curl multi)", r"^(UpstreamClient::socketAction|UpstreamClient::checkDone|UpstreamClient::finishCall|curl_multi|Curl_)"),
    ("snapshot polling / catalog", r"^(Catalog::|SnapshotLoader::|DbWorker::)"),
]


def load_symbols(binary):
    out = subprocess.run(["nm", "-C", "--defined-only", binary], capture_output=True, text=True).stdout
    syms = []
    for line in out.splitlines():
        parts = line.split(" ", 2)
        if len(parts) == 3 and parts[1] in "tTwW":
            syms.append((int(parts[0], 16), parts[2]))
    syms.sort()
    return [a for a, _ in syms], [n for _, n in syms]


def main():
    data, binary = sys.argv[1], sys.argv[2]
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 25
    addrs, names = load_symbols(binary)
    binname = binary.rsplit("/", 1)[-1]

    def resolve(addr, sym, dso):
        if dso.endswith(binname) and (sym == "[unknown]" or sym.startswith("0x")):
            i = bisect.bisect_right(addrs, int(addr, 16)) - 1
            return names[i] if i >= 0 else sym
        return re.sub(r"\+0x[0-9a-f]+$", "", sym)

    script = subprocess.run(["perf", "script", "-i", data, "-F", "comm,tid,ip,sym,dso"],
                            capture_output=True, text=True).stdout
    frame = re.compile(r"^\s+([0-9a-f]+)\s+(.*?)\s+\((.*)\)$")
    groups = collections.Counter()
    selfsyms = collections.Counter()
    threads = collections.Counter()
    total = 0
    compiled = [(g, re.compile(p)) for g, p in GROUPS]
    for block in script.split("\n\n"):
        lines = [l for l in block.splitlines() if l.strip()]
        if not lines:
            continue
        chain = []
        for l in lines[1:]:
            m = frame.match(l)
            if m:
                chain.append((resolve(*m.groups()), m.group(3)))
        if not chain:
            continue
        total += 1
        threads[lines[0].split()[0]] += 1
        leaf, dso = chain[0]
        selfsyms[f"{leaf}  [{dso.rsplit('/', 1)[-1]}]"] += 1
        group = "event loop and other"
        for name, _ in chain:
            hit = next((g for g, rx in compiled if rx.search(name)), None)
            if hit:
                group = hit
                break
        if group == "event loop and other" and dso.startswith("[kernel"):
            group = "event loop and other (kernel)"
        groups[group] += 1
    print(f"{total} samples")
    print("\nBy thread name:")
    for t, n in threads.most_common(8):
        print(f"  {100.0 * n / total:5.1f}%  {t}")
    print("\nBy stage (innermost matching frame):")
    for g, n in groups.most_common():
        print(f"  {100.0 * n / total:5.1f}%  {g}")
    print(f"\nTop {top} self symbols:")
    for s, n in selfsyms.most_common(top):
        print(f"  {100.0 * n / total:5.1f}%  {s[:110]}")


if __name__ == "__main__":
    main()
