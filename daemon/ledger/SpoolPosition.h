// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

// A byte position in the spool: segment number and offset inside that segment file.
struct SpoolPosition
{
    qint64 segment = -1;
    qint64 offset = 0;

    bool isValid() const { return segment >= 0; }

    friend bool operator==(const SpoolPosition &a, const SpoolPosition &b)
    {
        return a.segment == b.segment && a.offset == b.offset;
    }
    friend bool operator!=(const SpoolPosition &a, const SpoolPosition &b) { return !(a == b); }
    friend bool operator<(const SpoolPosition &a, const SpoolPosition &b)
    {
        return a.segment < b.segment || (a.segment == b.segment && a.offset < b.offset);
    }
};
