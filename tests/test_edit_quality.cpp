// SPDX-License-Identifier: GPL-3.0-or-later
// Measured quality of latent edits on synthetic faces.
// - Lesson 04's run (conv-cvae-faces at its classroom settings, under 5 minutes alone on 2 cores):
//   asked for Smiling, Male or Eyeglasses = 1 / 0, its faces are seen that way at least 95 % of the
//   time by each of two judges built differently (trained here on the real faces), with the other
//   conditions at the model's defaults and copied from test faces, and switching one changes a
//   judge's verdict on the others in at most 3 % of pairs (docs/explorer.md has the figures).
// - Lesson 05's run (conv-vae-faces, no labels): the face it opens on, and at least 80 % of the
//   non-smiling test faces, smile at the lesson's amount of the Smiling vector, by both judges.
#include "core/pixels/pixel_datasets.h"
#include "core/latent/attribute_checks.h"
#include "core/latent/latent_math.h"
#include "core/models/presets.h"
#include "core/training/trainer.h"
#include "lesson_run.h"

#include <QtTest>

#include <algorithm>

using namespace latentlab;

namespace {
// The judges train longer than `evaluate`'s default 3 epochs: at 3, the same faces' Eyeglasses
// verdicts moved by 20 points between two judges (blurred glasses), which is the judge's error.
constexpr int kJudgeEpochs = 8;
// Lesson 5's judges learn from other faces than the lesson's own.
const char* kJudgeFaces = "synthfaces:4000,seed=11";

// P(the image smiles) by a one-attribute judge.
float smileProbability(const AttributeClassifier& judge, const Image& image) { return judge.predict({image}).at(0); }
} // namespace

class TestEditQuality : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { registerPixelDatasets(); }

    void lessonFourConditionSlidersHold()
    {
        const testing::LessonRun lesson = testing::trainLesson("04-condition-sliders.json");
        const Dataset& faces = lesson.data;
        const Model& cvae = lesson.model;
        // Two judges built differently (attribute_checks.h), each trained on the lesson's real faces.
        // An edit counts only when both see it.
        const std::vector<std::string> attributes = {"Smiling", "Male", "Eyeglasses"};
        for (const auto architecture : {AttributeClassifier::Architecture::Convolutional, AttributeClassifier::Architecture::Pooled}) {
            const bool conv = architecture == AttributeClassifier::Architecture::Convolutional;
            const AttributeClassifier judge = AttributeClassifier::train(faces, attributes, kJudgeEpochs, 1, architecture);
            for (size_t a = 0; a < attributes.size(); ++a) {
                qInfo("%s judge: %s test accuracy %.1f %%, blurred %.1f %%", conv ? "conv" : "pooled", attributes[a].c_str(),
                      100 * judge.testAccuracy()[a], 100 * judge.blurredTestAccuracy()[a]);
                QVERIFY(judge.blurredTestAccuracy()[a] >= 0.97); // a judge that errs on real faces proves nothing
            }
            for (const std::string& attribute : attributes)
                for (const OtherConditions others : {OtherConditions::Defaults, OtherConditions::TestFaces}) {
                    const ConditionCheck c = checkConditionControl(cvae, faces, judge, attribute, 400, 1, others);
                    qInfo("%s judge, %s, others %s: = 1: %.1f %% show it; = 0: %.1f %% lack it; others changed %.1f %% (%s)",
                          conv ? "conv" : "pooled", attribute.c_str(), others == OtherConditions::Defaults ? "default" : "test",
                          100 * c.accuracyOn, 100 * c.accuracyOff, 100 * c.othersChanged, c.mostChanged.c_str());
                    QVERIFY2(c.accuracyOn >= 0.95 && c.accuracyOff >= 0.95 && c.othersChanged <= 0.03, attribute.c_str());
                }
        }
    }

    // Lesson 5 as a class runs it: Explore opens on a test face without a smile, with the Smiling
    // vector added at the lesson's amount, and that face smiles; so do most non-smiling test faces
    // at that amount. Both judges (built two ways, trained on faces other than the lesson's) must
    // see each smile. The walkthrough's screen (4,000 faces, no source face) scored 56 % by the
    // first judge: it fails the 80 % below.
    void lessonFiveSmileShows()
    {
        const testing::LessonRun lesson = testing::trainLesson("05-add-smile.json");
        const ExploreSettings& e = lesson.session.explore;
        QCOMPARE(e.attribute, std::string("Smiling"));
        QVERIFY2(e.sourceTestImage >= 0, "lesson 5 names the face Explore opens on");
        const float amount = float(e.amount) / 100.0f;
        const auto& names = lesson.data.info().attributeNames;
        const size_t column = size_t(std::find(names.begin(), names.end(), "Smiling") - names.begin());
        QVERIFY(column < names.size());
        QVERIFY2(lesson.data.attributes(true, e.sourceTestImage).at(column) < 0.5f, "the opening face already smiles");
        // The opening face: its code, and its code plus the vector, as Explore shows them.
        std::vector<bool> smiles(size_t(lesson.codes.count()));
        for (size_t i = 0; i < smiles.size(); ++i)
            smiles[i] = lesson.data.attributes(true, int64_t(i)).at(column) > 0.5f;
        const std::vector<float> direction = attributeVector(lesson.codes.values, lesson.codes.dim, smiles);
        std::vector<float> code = lesson.model.encodeImages(lesson.data.images(true, e.sourceTestImage, 1));
        const Image before = lesson.model.decode(code, 1).front();
        for (size_t k = 0; k < code.size(); ++k)
            code[k] += amount * direction[k];
        const Image after = lesson.model.decode(code, 1).front();

        const Dataset judgeFaces = Dataset::load(kJudgeFaces);
        for (const auto architecture : {AttributeClassifier::Architecture::Convolutional, AttributeClassifier::Architecture::Pooled}) {
            const char* name = architecture == AttributeClassifier::Architecture::Pooled ? "pooled" : "conv";
            const AttributeClassifier judge = AttributeClassifier::train(judgeFaces, {"Smiling"}, kJudgeEpochs, 1, architecture);
            qInfo("%s judge: Smiling test accuracy %.1f %%, blurred %.1f %%", name, 100 * judge.testAccuracy()[0],
                  100 * judge.blurredTestAccuracy()[0]);
            QVERIFY(judge.blurredTestAccuracy()[0] >= 0.97);
            const float p0 = smileProbability(judge, before), p1 = smileProbability(judge, after);
            qInfo("%s judge, the opening face (test image %lld) at amount %.2f: P(smile) %.3f -> %.3f", name,
                  static_cast<long long>(e.sourceTestImage), amount, p0, p1);
            QVERIFY2(p0 < 0.5f && p1 > 0.9f, name);
            const VectorCheck v = checkAttributeVector(lesson.model, lesson.data, judge, "Smiling", amount, 200);
            qInfo("%s judge, Smiling vector x%.2f: %.1f %% -> %.1f %% of %d non-smiling test faces smile", name, amount,
                  100 * v.before, 100 * v.after, v.samples);
            QVERIFY2(v.after >= 0.8 && v.before <= 0.2, name);
        }
    }
};

QTEST_APPLESS_MAIN(TestEditQuality)
#include "test_edit_quality.moc"
