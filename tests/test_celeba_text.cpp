// SPDX-License-Identifier: GPL-3.0-or-later
// CelebA's text formats: every structural rule, with the file and line in each message.
#include "core/data/celeba_text.h"
#include "test_support.h"

#include <QtTest>

using namespace latentlab;
using namespace latentlab::testing;

namespace {
const char* kGood = "3\n"
                    "Smiling Male Eyeglasses  \n"
                    "000001.jpg  1 -1 -1\n"
                    "000002.jpg -1  1 -1\r\n"
                    "000003.jpg  1  1  1\n";
}

class TestCelebaText : public QObject {
    Q_OBJECT
private slots:
    void parsesTheOfficialLayout()
    {
        CelebaAttributeTable t = parseCelebaAttributes(kGood, "list_attr_celeba.txt");
        QCOMPARE(t.names, (std::vector<std::string>{"Smiling", "Male", "Eyeglasses"}));
        QCOMPARE(t.files.size(), size_t(3));
        QCOMPARE(t.values, (std::vector<int8_t>{1, -1, -1, -1, 1, -1, 1, 1, 1}));
        QCOMPARE(celebaAttributeNames().size(), size_t(40));
        // Saved by an editor that starts files with a UTF-8 byte order mark: read the same.
        const CelebaAttributeTable bom = parseCelebaAttributes(std::string("\xEF\xBB\xBF") + kGood, "list_attr_celeba.txt");
        QCOMPARE(bom.names, t.names);
        QCOMPARE(bom.values, t.values);
    }

    void rejectsStructuralErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << "" << "list_attr_celeba.txt: empty file";
        QTest::newRow("byte order mark alone") << "\xEF\xBB\xBF" << "list_attr_celeba.txt: empty file"; // found by fuzz_celeba_attr
        QTest::newRow("count not a number") << "three\nA B\n" << "list_attr_celeba.txt:1:";
        QTest::newRow("count disagrees") << "5\nA B\nx.jpg 1 1\n" << "says 5 images but the file has 1 rows";
        QTest::newRow("no names line") << "0" << "list_attr_celeba.txt:2:";
        QTest::newRow("duplicate name") << "1\nA B A\nx.jpg 1 1 1\n" << "\"A\" appears twice";
        QTest::newRow("row too short") << "2\nA B\nx.jpg 1 1\ny.jpg 1\n" << "list_attr_celeba.txt:4: expected a file name and 2 values, found 1";
        QTest::newRow("row too long") << "1\nA B\nx.jpg 1 1 1\n" << "list_attr_celeba.txt:3:";
        QTest::newRow("bad value") << "1\nA B\nx.jpg 1 0\n" << "list_attr_celeba.txt:3: value \"0\" for B is not -1 or 1";
        QTest::newRow("duplicate file") << "2\nA\nx.jpg 1\nx.jpg -1\n" << "listed twice";
    }
    void rejectsStructuralErrors()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QString msg = errorOf([&] { parseCelebaAttributes(text.toStdString(), "list_attr_celeba.txt"); });
        QVERIFY2(msg.contains(expected), qPrintable(msg));
    }

    void parsesPartitions()
    {
        auto split = parseCelebaPartition("000002.jpg 1\n000001.jpg 0\n000003.jpg 2\n", "p.txt",
                                          {"000001.jpg", "000002.jpg", "000003.jpg"});
        QCOMPARE(split, (std::vector<int>{0, 1, 2}));
        QVERIFY(errorOf([] { parseCelebaPartition("a.jpg 3\n", "p.txt", {"a.jpg"}); }).contains(QStringLiteral("p.txt:1")));
        QVERIFY(errorOf([] { parseCelebaPartition("a.jpg 0\n", "p.txt", {"a.jpg", "b.jpg"}); })
                    .contains(QStringLiteral("\"b.jpg\"")));
    }
};

QTEST_APPLESS_MAIN(TestCelebaText)
#include "test_celeba_text.moc"
