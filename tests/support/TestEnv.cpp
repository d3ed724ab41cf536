// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestEnv.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QHostAddress>
#include <QTcpServer>

QString TestEnv::buildDir()
{
    const QString fromEnv = qEnvironmentVariable("AICARPOOL_BUILD_DIR");
    if (!fromEnv.isEmpty())
        return QDir(fromEnv).absolutePath();
    // Tests live in <build>/tests/<area>/: walk up until a CMakeCache.txt appears.
    QDir dir(QCoreApplication::applicationDirPath());
    for (int i = 0; i < 4; ++i) {
        if (dir.exists(QStringLiteral("CMakeCache.txt")))
            return dir.absolutePath();
        if (!dir.cdUp())
            break;
    }
    return {};
}

QString TestEnv::sourceDir()
{
    return qEnvironmentVariable("AICARPOOL_SOURCE_DIR");
}

QString TestEnv::binary(const QString &name)
{
    const QString build = buildDir();
    if (build.isEmpty())
        return {};
    QString candidate;
    if (name == QLatin1String("aicarpoold"))
        candidate = build + QStringLiteral("/daemon/aicarpoold");
    else if (name == QLatin1String("aicarpool-mock-upstream"))
        candidate = build + QStringLiteral("/tests/mock/aicarpool-mock-upstream");
    if (!candidate.isEmpty())
        return QFileInfo(candidate).isExecutable() ? candidate : QString();
    QDirIterator it(build, {name}, QDir::Files | QDir::Executable, QDirIterator::Subdirectories);
    return it.hasNext() ? it.next() : QString();
}

bool TestEnv::isCi()
{
    const QString ci = qEnvironmentVariable("CI").trimmed().toLower();
    return !ci.isEmpty() && ci != QLatin1String("0") && ci != QLatin1String("false");
}

bool TestEnv::servicesRequired()
{
    return isCi() || qEnvironmentVariable("AICARPOOL_TEST_SERVICES") == QLatin1String("1");
}

quint16 TestEnv::freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}
