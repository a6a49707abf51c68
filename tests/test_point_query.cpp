// SPDX-License-Identifier: GPL-3.0-or-later
// The scatter's search: parsing class and attribute queries ("7", "Smiling & Eyeglasses",
// "not Male", alternatives), clear errors for unknown names, matching codes, and a selection's mean.
#include "core/latent/point_query.h"
#include "test_support.h"

#include <QtTest>

using namespace latentlab;
using namespace latentlab::testing;

namespace {

const std::vector<std::string> kDigits {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
const std::vector<std::string> kGarments {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"};
const std::vector<std::string> kAttributes {"Smiling", "Male", "Eyeglasses", "Wearing_Hat"};

// Six faces: labels 0..5, attributes (Smiling, Male, Eyeglasses, Wearing_Hat) per row, 2-d codes.
LatentCodes faces()
{
    LatentCodes c;
    c.dim = 2;
    c.values = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
    c.labels = {0, 1, 2, 3, 4, 5};
    c.attributeNames = kAttributes;
    c.attributes = {1, 0, 0, 0,   // 0: smiling woman
                    1, 1, 0, 0,   // 1: smiling man
                    0, 1, 1, 0,   // 2: man with glasses
                    1, 0, 1, 1,   // 3: smiling woman with glasses and a hat
                    0, 0, 0, 0,   // 4
                    0, 1, 0, 1};  // 5: man with a hat
    return c;
}

std::vector<char> match(const std::string& text, const LatentCodes& codes, const std::vector<std::string>& classes)
{
    return matchPoints(parsePointQuery(text, classes, codes.attributeNames), codes);
}

} // namespace

class TestPointQuery : public QObject {
    Q_OBJECT
private slots:
    void parsesClassesByNameAndNumber()
    {
        LatentCodes digits;
        digits.dim = 1;
        digits.values = {0, 1, 2, 3};
        digits.labels = {7, 1, 7, 9};
        QCOMPARE(match("7", digits, kDigits), (std::vector<char>{1, 0, 1, 0}));
        QCOMPARE(match(" 7 | 9 ", digits, kDigits), (std::vector<char>{1, 0, 1, 1}));
        QCOMPARE(match("not 7", digits, kDigits), (std::vector<char>{0, 1, 0, 1}));
        LatentCodes garments = digits;
        garments.labels = {7, 9, 0, 1};
        // Names without regard to case; a number names the class at that place.
        QCOMPARE(match("sneaker or ANKLE BOOT", garments, kGarments), (std::vector<char>{1, 1, 0, 0}));
        QCOMPARE(match("t-shirt/top | 1", garments, kGarments), (std::vector<char>{0, 0, 1, 1}));
    }

    void combinesAttributes()
    {
        const LatentCodes c = faces();
        const std::vector<std::string> none;
        QCOMPARE(match("Smiling", c, none), (std::vector<char>{1, 1, 0, 1, 0, 0}));
        QCOMPARE(match("Smiling & Eyeglasses", c, none), (std::vector<char>{0, 0, 0, 1, 0, 0}));
        QCOMPARE(match("smiling and not male", c, none), (std::vector<char>{1, 0, 0, 1, 0, 0}));
        QCOMPARE(match("not Male", c, none), (std::vector<char>{1, 0, 0, 1, 1, 0}));
        QCOMPARE(match("!male & -smiling", c, none), (std::vector<char>{0, 0, 0, 0, 1, 0}));
        QCOMPARE(match("not not Male", c, none), match("Male", c, none));
        // Spaces and underscores alike; "&" binds tighter than "|".
        QCOMPARE(match("wearing hat", c, none), (std::vector<char>{0, 0, 0, 1, 0, 1}));
        QCOMPARE(match("Smiling & Eyeglasses | Wearing_Hat & Male", c, none), (std::vector<char>{0, 0, 0, 1, 0, 1}));
        // An empty query matches nothing (the scatter then shows everything as it was).
        QVERIFY(parsePointQuery("   ", none, kAttributes).empty());
        QCOMPARE(match("", c, none), std::vector<char>(6, 0));
    }

    void unknownNamesAreErrors()
    {
        const QString unknown = errorOf([] { parsePointQuery("Smiling & Bald", {}, kAttributes); });
        QVERIFY2(unknown.contains(QStringLiteral("\"bald\"")) && unknown.contains(QStringLiteral("Eyeglasses")), qPrintable(unknown));
        QVERIFY(!errorOf([] { parsePointQuery("Smiling &", {}, kAttributes); }).isEmpty());
        QVERIFY(!errorOf([] { parsePointQuery("| Male", {}, kAttributes); }).isEmpty());
        QVERIFY(!errorOf([] { parsePointQuery("not", {}, kAttributes); }).isEmpty());
        QVERIFY(!errorOf([] { parsePointQuery("10", kDigits, {}); }).isEmpty()); // classes 0-9 only
        // Names that are numbers are only names: "1" is not the second of classes "2", "4", "6".
        QVERIFY(!errorOf([] { parsePointQuery("1", {"2", "4", "6"}, {}); }).isEmpty());
        QVERIFY(!errorOf([] { parsePointQuery("99999999999", kDigits, {}); }).isEmpty());
        // Codes without attributes match no attribute term (a query parsed for other codes).
        LatentCodes bare = faces();
        bare.attributes.clear();
        QCOMPARE(matchPoints(parsePointQuery("Smiling", {}, kAttributes), bare), std::vector<char>(6, 0));
    }

    void meanOfASelection()
    {
        const LatentCodes c = faces();
        QCOMPARE(meanOfChosen(c, {1, 0, 1, 0, 0, 1}), (std::vector<float>{7.0f / 3, 7.0f / 3}));
        QVERIFY(!errorOf([&] { meanOfChosen(c, std::vector<char>(6, 0)); }).isEmpty());
        QVERIFY(!errorOf([&] { meanOfChosen(c, {1, 1}); }).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestPointQuery)
#include "test_point_query.moc"
