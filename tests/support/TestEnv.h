// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

// Where the tests find the built programs and the source tree.
class TestEnv
{
public:
    // AICARPOOL_BUILD_DIR (set by aicarpool_add_test), else guessed from the test's location.
    static QString buildDir();
    // AICARPOOL_SOURCE_DIR, else empty.
    static QString sourceDir();
    // A built binary: "aicarpoold" -> <build>/daemon/aicarpoold, "aicarpool-mock-upstream" ->
    // <build>/tests/mock/aicarpool-mock-upstream; any other name is searched under the build dir.
    // Returns an empty string when it does not exist.
    static QString binary(const QString &name);
    // True under CI (CI set to anything but "" / "0" / "false").
    static bool isCi();
    // The one answer to "may a test skip because a service or tool is missing?": no under CI
    // and whenever tests/run.sh started the services (it exports AICARPOOL_TEST_SERVICES=1);
    // then a missing or broken service is a failure.
    static bool servicesRequired();
    // A TCP port on 127.0.0.1 that was free a moment ago.
    static quint16 freePort();
};
