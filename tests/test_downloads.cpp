// SPDX-License-Identifier: GPL-3.0-or-later
// Downloads against a small HTTP server on 127.0.0.1 that this test starts: a good file, a
// transfer cut short (then resumed with a Range request), a wrong checksum, a 404, and a server
// that ignores Range. Also SHA-256 against FIPS 180 test vectors.
#include "core/data/downloads.h"
#include "core/data/file_io.h"
#include "core/data/sha256.h"
#include "core/error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>
#include <atomic>
#include <mutex>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace latentlab;

namespace {

std::string payload(size_t n, char salt)
{
    std::string s(n, '\0');
    for (size_t i = 0; i < n; ++i)
        s[i] = char((i * 131 + size_t(salt)) % 251);
    return s;
}

// One connection at a time; every loop is bounded by the stop flag and poll timeouts.
class TinyHttpServer {
public:
    explicit TinyHttpServer(std::string body) : m_body(std::move(body))
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        ::setsockopt(m_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in addr {};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = 0;
        if (::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(m_fd, 4) != 0)
            qFatal("cannot listen on 127.0.0.1");
        socklen_t len = sizeof addr;
        ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&addr), &len);
        m_port = ntohs(addr.sin_port);
        m_thread = std::thread([this] { serve(); });
    }
    ~TinyHttpServer()
    {
        m_stop = true;
        m_thread.join();
        ::close(m_fd);
    }
    std::string base() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/"; }
    std::vector<std::string> ranges()
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_ranges;
    }

private:
    void serve()
    {
        while (!m_stop) {
            pollfd p {m_fd, POLLIN, 0};
            if (::poll(&p, 1, 50) <= 0)
                continue;
            int c = ::accept(m_fd, nullptr, nullptr);
            if (c >= 0) {
                handle(c);
                ::close(c);
            }
        }
    }

    void handle(int c)
    {
        std::string req;
        char buf[4096];
        while (req.find("\r\n\r\n") == std::string::npos && req.size() < 65536) {
            pollfd p {c, POLLIN, 0};
            if (::poll(&p, 1, 2000) <= 0)
                return;
            ssize_t n = ::recv(c, buf, sizeof buf, 0);
            if (n <= 0)
                return;
            req.append(buf, size_t(n));
        }
        const std::string path = req.substr(4, req.find(' ', 4) - 4);
        size_t from = 0;
        const auto r = req.find("Range: bytes=");
        if (r != std::string::npos) {
            from = std::stoul(req.substr(r + 13));
            std::lock_guard<std::mutex> lock(m_mutex);
            m_ranges.push_back(path + "@" + std::to_string(from));
        }
        std::string body = m_body;
        bool honourRange = true, cut = false;
        if (path.rfind("/missing/", 0) == 0) {
            send(c, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            return;
        }
        if (path.rfind("/bad/", 0) == 0)
            body = payload(m_body.size(), 'x');
        if (path.rfind("/norange/", 0) == 0)
            honourRange = false;
        if (path.rfind("/flaky/", 0) == 0 && !m_flakyDone) {
            m_flakyDone = true;
            cut = true;
        }
        if (!honourRange || from >= body.size())
            from = 0;
        const std::string part = body.substr(from);
        std::string head = (from > 0 ? "HTTP/1.1 206 Partial Content\r\n" : "HTTP/1.1 200 OK\r\n");
        head += "Content-Length: " + std::to_string(part.size()) + "\r\nConnection: close\r\n";
        if (from > 0)
            head += "Content-Range: bytes " + std::to_string(from) + "-" + std::to_string(body.size() - 1) + "/" +
                    std::to_string(body.size()) + "\r\n";
        send(c, head + "\r\n");
        send(c, cut ? part.substr(0, part.size() / 3) : part);
    }

    static void send(int c, const std::string& s)
    {
        size_t off = 0;
        while (off < s.size()) {
            ssize_t n = ::send(c, s.data() + off, s.size() - off, MSG_NOSIGNAL);
            if (n <= 0)
                return;
            off += size_t(n);
        }
    }

    std::string m_body;
    int m_fd = -1;
    uint16_t m_port = 0;
    std::atomic<bool> m_stop {false};
    bool m_flakyDone = false;
    std::mutex m_mutex;
    std::vector<std::string> m_ranges;
    std::thread m_thread;
};

std::string sha(const std::string& s)
{
    Sha256 h;
    h.update(s.data(), s.size());
    return h.hexDigest();
}

QString errorText(const std::function<void()>& f)
{
    try {
        f();
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return QString();
}

} // namespace

class TestDownloads : public QObject {
    Q_OBJECT
    std::string m_body = payload(300000, 'a');
    DownloadFile m_file {"data.bin", 300000, ""};

private slots:
    void initTestCase() { m_file.sha256 = sha(m_body); }

    void sha256MatchesTestVectors()
    {
        QCOMPARE(sha(""), std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        QCOMPARE(sha("abc"), std::string("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(sha("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                 std::string("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
        QCOMPARE(sha(std::string(1000000, 'a')), std::string("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
    }

    void downloadsAndVerifies()
    {
        TinyHttpServer server(m_body);
        QTemporaryDir dir;
        uint64_t last = 0;
        const std::string path = downloadFile(server.base() + "good/data.bin", m_file, dir.path().toStdString(),
                                              [&](const std::string&, uint64_t done, uint64_t) { last = done; });
        QCOMPARE(sha256File(path), m_file.sha256);
        QCOMPARE(last, uint64_t(300000));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("data.bin.part"))));
    }

    void resumesATruncatedTransfer()
    {
        TinyHttpServer server(m_body);
        QTemporaryDir dir;
        const std::string url = server.base() + "flaky/data.bin";
        const QString msg = errorText([&] { downloadFile(url, m_file, dir.path().toStdString()); });
        QVERIFY2(msg.contains(QStringLiteral("resume")), qPrintable(msg));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("data.bin"))));  // never a half file under the final name
        const qint64 partial = QFileInfo(dir.filePath(QStringLiteral("data.bin.part"))).size();
        QVERIFY(partial > 0 && partial < 300000);
        const std::string path = downloadFile(url, m_file, dir.path().toStdString());
        QCOMPARE(sha256File(path), m_file.sha256);
        QCOMPARE(server.ranges(), (std::vector<std::string>{"/flaky/data.bin@" + std::to_string(partial)}));
    }

    void deletesAWrongChecksum()
    {
        TinyHttpServer server(m_body);
        QTemporaryDir dir;
        const QString msg = errorText([&] { downloadFile(server.base() + "bad/data.bin", m_file, dir.path().toStdString()); });
        QVERIFY2(msg.contains(QStringLiteral("checksum mismatch")), qPrintable(msg));
        QVERIFY(QDir(dir.path()).entryList(QDir::Files).isEmpty());
    }

    void reportsNotFound()
    {
        TinyHttpServer server(m_body);
        QTemporaryDir dir;
        const QString msg = errorText([&] { downloadFile(server.base() + "missing/data.bin", m_file, dir.path().toStdString()); });
        QVERIFY2(msg.contains(QStringLiteral("HTTP 404")) && msg.contains(QStringLiteral("missing/data.bin")), qPrintable(msg));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("data.bin"))));
    }

    void restartsWhenTheServerIgnoresRange()
    {
        TinyHttpServer server(m_body);
        QTemporaryDir dir;
        const std::string part = dir.filePath(QStringLiteral("data.bin.part")).toStdString();
        const std::string prefix = m_body.substr(0, 1000);
        writeFileAtomic(part, prefix.data(), prefix.size());
        const std::string path = downloadFile(server.base() + "norange/data.bin", m_file, dir.path().toStdString());
        QCOMPARE(sha256File(path), m_file.sha256);
    }

    void knowsItsSources()
    {
        QCOMPARE(downloadSource("mnist").files.size(), size_t(4));
        QCOMPARE(downloadSource("fashion-mnist").files.size(), size_t(4));
        QVERIFY(QString::fromStdString(downloadSource("celeba").manual).contains(QStringLiteral("img_align_celeba")));
        QVERIFY(errorText([] { downloadDataset("celeba"); }).contains(QStringLiteral("cannot be downloaded automatically")));
        QVERIFY(errorText([] { downloadSource("imagenet"); }).contains(QStringLiteral("known: mnist")));
    }
};

QTEST_APPLESS_MAIN(TestDownloads)
#include "test_downloads.moc"
