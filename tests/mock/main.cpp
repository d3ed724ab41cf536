// SPDX-License-Identifier: GPL-3.0-or-later
// aicarpool-mock-upstream: a stand-in for the Anthropic and OpenAI APIs used by the tests and
// the benchmark.
#include "MockUpstream.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <csignal>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("aicarpool-mock-upstream"));
    std::signal(SIGPIPE, SIG_IGN);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Mock Anthropic/OpenAI upstream for tests."));
    parser.addHelpOption();
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral("Address to listen on (port 0: any free)."),
                                    QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:0"));
    const QCommandLineOption latency(QStringLiteral("latency-ms"),
                                     QStringLiteral("Delay before every answer's headers."),
                                     QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption interval(QStringLiteral("chunk-interval-ms"),
                                      QStringLiteral("Pause between stream events."),
                                      QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption chunks(QStringLiteral("chunks"),
                                    QStringLiteral("Streamed text pieces per answer."),
                                    QStringLiteral("N"), QStringLiteral("4"));
    parser.addOptions({listen, latency, interval, chunks});
    parser.process(app);

    MockOptions options;
    const QString address = parser.value(listen);
    const int colon = int(address.lastIndexOf(QLatin1Char(':')));
    bool portOk = false;
    const int port = colon > 0 ? address.mid(colon + 1).toInt(&portOk) : -1;
    QString host = colon > 0 ? address.left(colon) : QString();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (!portOk || port < 0 || port > 65535 || !options.host.setAddress(host)) {
        std::fprintf(stderr, "--listen: expected HOST:PORT with a numeric host, got '%s'\n",
                     qPrintable(address));
        return 2;
    }
    options.port = quint16(port);
    options.latencyMs = parser.value(latency).toInt();
    options.chunkIntervalMs = parser.value(interval).toInt();
    options.chunks = qMax(1, parser.value(chunks).toInt());

    MockUpstream mock(options);
    QString error;
    if (!mock.listen(&error)) {
        std::fprintf(stderr, "cannot listen on %s: %s\n", qPrintable(address), qPrintable(error));
        return 1;
    }
    std::printf("listening on %s\n", qPrintable(mock.url()));
    std::fflush(stdout);
    return app.exec();
}
