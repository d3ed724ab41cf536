// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/AlertHttpQueue.h"

#include "alerts/PublicAddress.h"

#include <QHostAddress>
#include <QUrl>

#include <curl/curl.h>
#include <sys/socket.h>

#include <memory>

namespace {

struct Answer
{
    QByteArray *body;
};

size_t writeAnswer(char *data, size_t size, size_t count, void *userdata)
{
    auto *answer = static_cast<Answer *>(userdata);
    const size_t n = size * count;
    const qsizetype room = AlertHttpQueue::MaxAnswerBytes - answer->body->size();
    if (room > 0)
        answer->body->append(data, qMin(qsizetype(n), room));
    return n; // the rest is read and dropped
}

int progress(void *userdata, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    const auto *cancel = static_cast<const std::atomic<bool> *>(userdata);
    return cancel->load() ? 1 : 0;
}

// Opens the sockets of a transfer; with publicOnly, refuses addresses that are not public (the
// check runs on the address curl is about to connect to, so a name that resolves to a private
// address, or changes to one, is refused too).
struct SocketPolicy
{
    bool publicOnly = false;
    bool refused = false;
};

curl_socket_t openSocket(void *clientp, curlsocktype purpose, curl_sockaddr *address)
{
    auto *policy = static_cast<SocketPolicy *>(clientp);
    if (policy->publicOnly && purpose == CURLSOCKTYPE_IPCXN &&
        !PublicAddress::isPublic(QHostAddress(&address->addr))) {
        policy->refused = true;
        return CURL_SOCKET_BAD;
    }
    return ::socket(address->family, address->socktype, address->protocol);
}

} // namespace

AlertHttpQueue::AlertHttpQueue(int timeoutMs, int maxQueued)
    : m_timeoutMs(timeoutMs), m_maxQueued(maxQueued), m_thread([this] { run(); })
{
}

AlertHttpQueue::~AlertHttpQueue()
{
    stop();
}

bool AlertHttpQueue::submit(AlertFormats::HttpPost post, Done done)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_stopping || int(m_jobs.size()) >= m_maxQueued)
            return false;
        m_jobs.push_back(Job{std::move(post), std::move(done)});
    }
    m_wake.notify_one();
    return true;
}

void AlertHttpQueue::stop()
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stopping = true;
        m_cancel = true;
        m_jobs.clear();
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void AlertHttpQueue::run()
{
    for (;;) {
        Job job;
        {
            std::unique_lock<std::mutex> lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_stopping)
                return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        const Result result = send(job.post);
        if (m_cancel)
            return;
        if (job.done)
            job.done(result);
    }
}

AlertHttpQueue::Result AlertHttpQueue::send(const AlertFormats::HttpPost &post) const
{
    Result result;
    const QString host = QUrl(QString::fromUtf8(post.url)).host();
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) {
        result.error = QStringLiteral("cannot start an HTTP transfer (libcurl)");
        return result;
    }
    curl_slist *headers = nullptr;
    for (const auto &h : post.headers)
        headers = curl_slist_append(headers, QByteArray(h.first + ": " + h.second).constData());
    headers = curl_slist_append(headers, "Expect:");
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> guard(headers,
                                                                      &curl_slist_free_all);
    Answer answer{&result.body};
    CURL *h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, post.url.constData());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, post.body.constData());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(post.body.size()));
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &writeAnswer);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &answer);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, long(qMin(m_timeoutMs, 10000)));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, long(m_timeoutMs));
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool> *>(&m_cancel));
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    SocketPolicy policy;
    policy.publicOnly = post.publicAddressesOnly;
    curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, &openSocket);
    curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, &policy);
    const CURLcode code = curl_easy_perform(h);
    if (policy.refused && code != CURLE_OK) {
        result.error = QStringLiteral("%1: refused: an enterprise's alert channel may not post to "
                                      "a loopback, private or link-local address (the operator "
                                      "can allow it with alert_private_targets = any)")
                           .arg(host);
        return result;
    }
    if (code != CURLE_OK) {
        // curl's own error text may quote the URL; only the host and the cause are kept.
        result.error =
            QStringLiteral("%1: %2").arg(host, QString::fromUtf8(curl_easy_strerror(code)));
        return result;
    }
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    result.status = int(status);
    return result;
}
