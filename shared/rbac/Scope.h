// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

// Where a permission applies. Today every grant is global; enterprises, departments and groups
// come with role-based access control, and a grant at one level will cover the levels below it.
struct Scope
{
    enum class Level
    {
        Global,
        Enterprise,
        Department,
        Group
    };

    Level level = Level::Global;
    qint64 id = 0; // the enterprise, department or group; 0 for Global

    static Scope global() { return Scope{}; }
    static Scope enterprise(qint64 id) { return Scope{Level::Enterprise, id}; }
    static Scope department(qint64 id) { return Scope{Level::Department, id}; }
    static Scope group(qint64 id) { return Scope{Level::Group, id}; }

    bool operator==(const Scope &other) const { return level == other.level && id == other.id; }
};
