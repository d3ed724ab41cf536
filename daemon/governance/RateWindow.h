// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

// The per-daemon rate counters of one quota: requests and tokens in the current fixed minute
// (aligned to the minute of UTC; a new minute starts from zero) and the calls in flight.
// Not shared between daemons: with N daemons a quota admits up to N times its rpm/tpm.
struct RateWindow
{
    qint64 windowStartMs = 0;
    qint64 requests = 0;
    qint64 tokens = 0; // estimates at admission, corrected at settlement
    qint64 inFlight = 0;

    // Moves to the minute that starts at `windowStartMs` (clearing the counts) if it is newer.
    void roll(qint64 startMs)
    {
        if (startMs > windowStartMs) {
            windowStartMs = startMs;
            requests = 0;
            tokens = 0;
        }
    }
    // A call fits the rpm limit while fewer than `rpm` started this minute; it fits the tpm
    // limit while the minute's tokens are below `tpm` (its own estimate may take them past:
    // one call is never refused for being large alone).
    bool fitsRpm(qint64 rpm) const { return rpm <= 0 || requests < rpm; }
    bool fitsTpm(qint64 tpm) const { return tpm <= 0 || tokens < tpm; }
    bool fitsConcurrency(qint64 max) const { return max <= 0 || inFlight < max; }
};
